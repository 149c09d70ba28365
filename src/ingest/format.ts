import type { RejectSummary } from './budget.ts';
import type { IngestReport, SourceRead } from './report.ts';

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
  out.push('', formatSourceReads(report.sources));
  const est = report.tables.order_lines?.rowsEstimated;
  if (est) out.push('', `${int(est)} order lines have an estimated cost of goods (figures built on them are marked estimated).`);
  const back = report.tables.returns?.rowsEstimated;
  if (back) out.push(`${int(back)} returns take back an estimated cost of goods, at the rate of their sale.`);
  if (report.rejects > 0) out.push('', formatRejectSummary(report.rejectSummary, currency));
  out.push('', `${int(report.rejects)} problem${report.rejects === 1 ? '' : 's'} written to ${report.rejectsFile}`);
  return out.join('\n');
}

/** One line: which files the engine read with types (the fast path) and which as text, and why. */
export function formatSourceReads(reads: SourceRead[]): string {
  const typed = reads.filter((r) => r.path === 'typed').map((r) => r.file);
  const text = reads.flatMap((r) => (r.path === 'text' ? [`${r.file} (${r.reason})`] : []));
  return [typed.length ? `read typed: ${typed.join(', ')}` : '', text.length ? `read as text: ${text.join(', ')}` : ''].filter(Boolean).join('; ');
}

/**
 * Rejects per reason for people: rows, money (absolute amounts of the table's main money
 * column) and the first line with that reason; then each table's share against the budget.
 * The rows themselves stay in the rejects file.
 */
export function formatRejectSummary(summary: RejectSummary, currency = 'EUR'): string {
  const header = ['table', 'column', 'reason', 'rejects', `amount (${currency})`, 'first example'];
  const rows = summary.reasons.map((r) => [
    r.table,
    r.column,
    r.reason,
    int(r.rows),
    r.amount !== undefined ? `${money(r.amount)} ${r.amountColumn}` : '',
    `${r.example.file} line ${r.example.line}: ${JSON.stringify(r.example.value.length > 40 ? `${r.example.value.slice(0, 40)}...` : r.example.value)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 3 || i === 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const budget = `${+(summary.maxRejectedShare * 100).toFixed(4)}%`;
  const shares = summary.tables
    .filter((t) => t.rowsRejected > 0)
    .map((t) => {
      const amount = t.amountColumn && t.amountShare !== undefined ? `, ${pct(t.amountShare)} of ${t.amountColumn}` : '';
      return `  ${t.table}: ${pct(t.lineShare)} of lines${amount}${t.exceeded ? ': over the budget' : ''}`;
    });
  return ['Rejects by reason:', line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), '', `Reject budget ${budget} of a table's lines or money (max_rejected_share):`, ...shares].join('\n');
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function int(n: number): string {
  return n.toLocaleString('en-US');
}

function money(s: string): string {
  const [i, f] = s.replace('-', '').split('.');
  return `${s.startsWith('-') ? '-' : ''}${BigInt(i!).toLocaleString('en-US')}.${f}`;
}
