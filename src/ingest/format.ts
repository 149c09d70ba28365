import { cliHeader, cliWord, readReason, textNumbers, type Lang } from '../words/index.ts';
import { floorEnds, type RejectSummary } from './budget.ts';
import type { Exclusion } from './exclusion.ts';
import type { IngestReport, SourceRead } from './report.ts';

/**
 * The reconciliation as a table for people, in `lang` (default English): rows and money,
 * read = loaded + rejected. Table and column names stay as worth.yaml names them; the reasons
 * stay in English (they are the rejects file's, built deep in the load).
 */
export function formatReconciliation(report: IngestReport, currency = 'EUR', lang: Lang = 'en'): string {
  const n = textNumbers(lang);
  const header = cliHeader(lang, 'reconciliationHead', { currency });
  const rows: string[][] = [];
  for (const [table, r] of Object.entries(report.tables)) {
    if (!r.sources.length) continue;
    const amounts = Object.entries(r.amounts);
    const first = amounts[0];
    rows.push([
      table,
      n.int(r.rowsRead),
      n.int(r.rowsLoaded),
      n.int(r.rowsRejected),
      n.int(r.rowsUnattributed),
      first?.[0] ?? '',
      first ? n.money(first[1].read) : '',
      first ? n.money(first[1].loaded) : '',
      first ? n.money(first[1].rejected) : '',
    ]);
    for (const [col, a] of amounts.slice(1))
      rows.push(['', '', '', '', '', col, n.money(a.read), n.money(a.loaded), n.money(a.rejected)]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  out.push('', formatSourceReads(report.sources, lang));
  if (report.excluded.length) out.push('', ...formatExclusions(report.excluded, lang));
  for (const l of report.lookups ?? [])
    out.push(
      '',
      cliWord(lang, 'lookupRead', {
        file: l.file,
        read: n.int(l.rowsRead),
        used: n.int(l.rowsUsed),
        table: l.source,
        rejected: n.int(l.rowsRejected),
        without: n.int(l.withoutLines),
      }),
    );
  const est = report.tables.order_lines?.rowsEstimated;
  if (est) out.push('', cliWord(lang, 'estimatedLines', { n: n.int(est) }));
  const back = report.tables.returns?.rowsEstimated;
  if (back) out.push(cliWord(lang, 'estimatedReturns', { n: n.int(back) }));
  if (report.rejects > 0) out.push('', formatRejectSummary(report.rejectSummary, currency, lang));
  out.push(
    '',
    cliWord(lang, report.rejects === 1 ? 'problemWritten' : 'problemsWritten', {
      n: n.int(report.rejects),
      file: report.rejectsFile,
    }),
  );
  return out.join('\n');
}

/** One line per source with an `exclude_when` rule: the lines and money it left out, and the first such line. */
export function formatExclusions(excluded: Exclusion[], lang: Lang = 'en'): string[] {
  const n = textNumbers(lang);
  // A split source's rule covers two tables: the one it left nothing out of is not worth a line.
  const shown = excluded.filter(
    (x) => x.lines > 0 || !excluded.some((y) => y.lines > 0 && y.file === x.file && y.rule === x.rule),
  );
  return shown.map((x) =>
    x.alsoReadBy && x.lines
      ? cliWord(lang, 'notThisTable', {
          table: x.table,
          file: x.file,
          n: n.int(x.lines),
          others: x.alsoReadBy.join(', '),
          rule: x.rule,
        })
      : x.lines && x.example
        ? cliWord(lang, 'excludedByRule', {
            table: x.table,
            file: x.file,
            n: n.int(x.lines),
            amount: x.amount !== undefined ? n.money(x.amount) : '',
            column: x.amountColumn === 'net' ? cliWord(lang, 'excludedNet') : (x.amountColumn ?? ''),
            rule: x.rule,
            line: String(x.example.line),
          })
        : cliWord(lang, 'excludedNone', { table: x.table, file: x.file, rule: x.rule }),
  );
}

/** One line: which files the engine read with types (the fast path) and which as text, and why. */
export function formatSourceReads(reads: SourceRead[], lang: Lang = 'en'): string {
  const typed = reads.filter((r) => r.path === 'typed').map((r) => r.file);
  const text = reads.flatMap((r) => (r.path === 'text' ? [`${r.file} (${readReason(lang, r.said)})`] : []));
  return [
    typed.length ? cliWord(lang, 'readTyped', { files: typed.join(', ') }) : '',
    text.length ? cliWord(lang, 'readAsText', { files: text.join(', ') }) : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/**
 * Rejects per reason for people, in `lang`: rows, money (absolute amounts of the table's main
 * money column) and the first line with that reason; then each table's share against the
 * budget. The rows themselves stay in the rejects file.
 */
export function formatRejectSummary(summary: RejectSummary, currency = 'EUR', lang: Lang = 'en'): string {
  const n = textNumbers(lang);
  const header = cliHeader(lang, 'rejectsHead', { currency });
  const rows = summary.reasons.map((r) => [
    r.table,
    r.column,
    r.reason,
    n.int(r.rows),
    r.amount !== undefined ? `${n.money(r.amount)} ${r.amountColumn}` : '',
    cliWord(lang, 'exampleLine', {
      file: r.example.file,
      line: String(r.example.line),
      value: JSON.stringify(
        r.example.value.length > 40 ? `${r.example.value.slice(0, 40)}...` : r.example.value,
      ),
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 3 || i === 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  // The budget as written (0.5% stays 0.5%, 0.0001% stays 0.0001%), in the language's decimal mark.
  const budget = `${String(+(summary.maxRejectedShare * 100).toFixed(4)).replace('.', lang === 'nl' ? ',' : '.')}%`;
  // The floor where it is in effect: under rejectFloor / share lines (500 at the defaults); none with a share of 0.
  const small = floorEnds(summary.maxRejectedShare, summary.rejectFloor);
  const floor =
    summary.rejectFloor > 0 && small !== undefined
      ? cliWord(lang, 'budgetFloor', { n: n.int(summary.rejectFloor), small: n.int(small) })
      : '';
  const shares = summary.tables
    .filter((t) => t.rowsRejected > 0)
    .map((t) => {
      const amount =
        t.amountColumn && t.amountShare !== undefined
          ? cliWord(lang, 'budgetAmount', { share: n.pct(t.amountShare), column: t.amountColumn })
          : '';
      return `  ${cliWord(lang, 'budgetShare', { table: t.table, lines: n.pct(t.lineShare), amount, over: t.exceeded ? cliWord(lang, 'overBudget') : '' })}`;
    });
  return [
    cliWord(lang, 'rejectsTitle'),
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
    cliWord(lang, 'budgetTitle', { budget, floor }),
    ...shares,
  ].join('\n');
}
