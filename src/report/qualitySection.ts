/**
 * The report's data page: what ingest read, loaded and rejected per table (rows and money), the
 * lines a source's `exclude_when` rule left out, the most common reject reasons with a first
 * example, and what rests on an estimate. The same read and the same words as the dashboard's
 * Data quality page, so a CFO reading the PDF sees the basis the figures rest on.
 */
import { formatCount, formatMoney, formatShare, type Lang } from '../charts/index.ts';
import { readDataQuality, type DataQuality } from '../readmodel/index.ts';
import type { WorkspaceReader } from '../readmodel/index.ts';
import { esc, table } from './html.ts';
import { word } from './words.ts';

/** Reasons listed in the report; the rest are counted in one line (all are on the dashboard and in rejects.csv). */
const REASONS_SHOWN = 10;

/** The load's data-quality figures, read once for the finding and the section. */
export function readQuality(reader: WorkspaceReader): Promise<DataQuality> {
  return reader.read((engine) => readDataQuality(engine));
}

/**
 * The findings' line on the data (escaped HTML), when lines were rejected or left out by a rule;
 * null when every line read was loaded.
 */
export function qualityFinding(q: DataQuality, lang: Lang): string | null {
  const rejected = q.sources.reduce((a, s) => a + s.rowsRejected, 0);
  const excluded = q.excluded.reduce((a, x) => a + x.lines, 0);
  if (rejected === 0 && excluded === 0) return null;
  return word(lang, 'dqFinding', {
    rejected: esc(formatCount(rejected, lang)),
    excluded: esc(formatCount(excluded, lang)),
  });
}

/** The data section's HTML (its own page in print). */
export function qualitySection(q: DataQuality, o: { lang: Lang; currency: string }): string {
  const w = (k: Parameters<typeof word>[1], vars: Record<string, string> = {}) => word(o.lang, k, vars);
  const money = (v: string) => esc(formatMoney(v, o.lang, o.currency));
  const count = (n: number) => esc(formatCount(n, o.lang));
  const bad = (html: string, is: boolean) => (is ? `<span class="bad">${html}</span>` : html);
  // Rows without a customer get their column and note only when there are any.
  const unattributed = q.sources.some((s) => s.rowsUnattributed > 0);
  const last = (cell: string): string[] => (unattributed ? [cell] : []);
  // A table with no file and nothing read (no shipments in this workspace) says nothing here.
  const sourceRows = q.sources
    .filter((s) => s.rowsRead > 0 || s.files.length > 0)
    .flatMap((s) => [
      [
        `<strong>${esc(s.table)}</strong>`,
        esc(s.files.join(', ')),
        count(s.rowsRead),
        count(s.rowsLoaded),
        bad(count(s.rowsRejected), s.rowsRejected > 0),
        ...last(count(s.rowsUnattributed)),
      ],
      ...s.amounts.map((a) => [
        '',
        `<span class="muted">${esc(a.column)}</span>`,
        money(a.read),
        money(a.loaded),
        bad(money(a.rejected), a.rejected !== '0.00'),
        ...last(''),
      ]),
    ]);
  const sources = table(
    [w('dqTable'), w('dqFiles'), w('dqRead'), w('dqLoaded'), w('dqRejected'), ...last(w('dqUnattributed'))],
    sourceRows,
    new Set([2, 3, 4, 5]),
  );
  const excluded = q.excluded
    .map(
      (x) =>
        `<p>${w('dqExcluded', {
          table: esc(x.table),
          file: esc(x.file),
          n: count(x.lines),
          amount: money(x.amount ?? '0'),
          rule: esc(x.rule),
        })}</p>`,
    )
    .join('');
  let reasons: string;
  if (q.reasons === null) reasons = `<p class="muted">${w('dqReasonsMissing')}</p>`;
  else if (q.reasons.length === 0) reasons = `<p>${w('dqNoRejects')}</p>`;
  else {
    const shown = q.reasons.slice(0, REASONS_SHOWN);
    const rest = q.reasons.slice(REASONS_SHOWN);
    reasons =
      table(
        [w('dqTable'), w('dqColumn'), w('dqReason'), w('dqRows'), w('dqAmount'), w('dqExample')],
        shown.map((r) => [
          esc(r.table),
          esc(r.column),
          esc(r.reason),
          count(r.rows),
          r.amount === null ? '' : money(r.amount),
          w('dqExampleText', {
            file: esc(r.example.file),
            line: esc(String(r.example.line)),
            column: esc(r.example.column),
            value: esc(r.example.value),
          }),
        ]),
        new Set([3, 4]),
      ) +
      (rest.length
        ? `<p class="muted">${w('dqMoreReasons', {
            n: count(rest.length),
            rows: count(rest.reduce((a, r) => a + r.rows, 0)),
          })}</p>`
        : '');
  }
  const e = q.cogsEstimate;
  const estimate =
    e && e.orderLines + e.returns > 0
      ? w('dqEstimatedText', {
          amount: money(e.amount),
          share: esc(formatShare(e.share, o.lang, 1)),
          customers: count(e.customers),
          lines: count(e.orderLines),
          returns: count(e.returns),
        })
      : w('dqNothingEstimated');
  return (
    `<section class="page-break" data-section="quality"><h2>${w('dataQuality')}</h2>` +
    `<h3>${w('dqSources')}</h3>${sources}<p class="muted">${w('dqSourcesNote')}${unattributed ? ` ${w('dqUnattributedNote')}` : ''}</p>${excluded}` +
    `<h3>${w('dqReasons')}</h3>${reasons}<p class="muted">${w('dqReasonsNote')}</p>` +
    `<h3>${w('dqEstimated')}</h3><p>${estimate}</p></section>`
  );
}
