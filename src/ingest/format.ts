import type { IngestReport } from './report.ts';

/** The reconciliation as a table for people: rows and money, read = loaded + rejected. */
export function formatReconciliation(report: IngestReport, currency = 'EUR'): string {
  const header = ['table', 'rows read', 'loaded', 'rejected', 'unattributed', 'amount', `read (${currency})`, 'loaded', 'rejected'];
  const rows: string[][] = [];
  for (const [table, r] of Object.entries(report.tables)) {
    if (!r.sources.length) continue;
    const amounts = Object.entries(r.amounts);
    const first = amounts[0];
    rows.push([
      table,
      int(r.rowsRead),
      int(r.rowsLoaded),
      int(r.rowsRejected),
      int(r.rowsUnattributed),
      first?.[0] ?? '',
      first ? money(first[1].read) : '',
      first ? money(first[1].loaded) : '',
      first ? money(first[1].rejected) : '',
    ]);
    for (const [col, a] of amounts.slice(1)) rows.push(['', '', '', '', '', col, money(a.read), money(a.loaded), money(a.rejected)]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const est = report.tables.order_lines?.rowsEstimated;
  if (est) out.push('', `${int(est)} order lines have an estimated cost of goods (figures built on them are marked estimated).`);
  out.push('', `${int(report.rejects)} problem${report.rejects === 1 ? '' : 's'} written to ${report.rejectsFile}`);
  return out.join('\n');
}

function int(n: number): string {
  return n.toLocaleString('en-US');
}

function money(s: string): string {
  const [i, f] = s.replace('-', '').split('.');
  return `${s.startsWith('-') ? '-' : ''}${BigInt(i!).toLocaleString('en-US')}.${f}`;
}
