/** `worth init --from` for people: what was recognised, the first rows as loaded, and the load's outcome by reason. */
import { formatRejectSummary } from '../ingest/index.ts';
import type { Row } from '../warehouse/index.ts';
import type { InitFromExport } from './initFromExport.ts';

const int = (n: number) => n.toLocaleString('en-US');

function table(rows: Row[]): string[] {
  if (!rows.length) return ['  (none)'];
  const cols = Object.keys(rows[0]!);
  const cells = [cols, ...rows.map((r) => cols.map((c) => (r[c] === null ? '' : String(r[c]))))];
  const w = cols.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells.map((r) => `  ${r.map((c, i) => c.padEnd(w[i]!)).join('  ')}`.trimEnd());
}

/** The outcome of `worth init --from` as text. */
export function formatInit(r: InitFromExport, dir: string, currency = 'EUR'): string {
  const out: string[] = [`wrote ${r.configFile} (the export is copied to ${r.dataFile})`, ''];
  const roles = Object.entries(r.recognised.columns).map(([role, c]) => `${c!.name} -> ${role}`);
  out.push(`recognised: ${roles.join(', ')}`);
  if (r.recognised.unused.length) out.push(`not used: ${r.recognised.unused.join(', ')}`);
  out.push(...r.profile.reasons.map((x) => `  ${x}`), '');
  const p = r.preview;
  if (p.failure && !p.report) {
    out.push('a trial load fails:', p.failure, '', `edit ${r.configFile}, then run \`worth ingest ${dir}\``);
    return out.join('\n');
  }
  for (const [t, rows] of Object.entries(p.firstRows)) {
    if (!rows?.length) continue;
    out.push(`first ${t} as Worth reads them:`, ...table(rows), '');
  }
  const tables = Object.entries(p.report?.tables ?? {}).filter(([, t]) => t.sources.length);
  for (const [t, s] of tables) {
    out.push(`${t}: ${int(s.rowsRead)} lines read, ${int(s.rowsLoaded)} would load${s.rowsUnattributed ? ` (${int(s.rowsUnattributed)} without a customer)` : ''}, ${int(s.rowsRejected)} rejected`);
  }
  if (p.report?.rejects) out.push('', formatRejectSummary(p.report.rejectSummary, currency));
  if (p.failure) {
    out.push('', `a trial load is refused: ${p.failure}`, `edit ${r.configFile} (a column mapping, or max_rejected_share), then run \`worth ingest ${dir}\``);
    return out.join('\n');
  }
  out.push('', `next: \`worth ingest ${dir}\`, \`worth analyze ${dir}\`, \`worth report ${dir}\``);
  return out.join('\n');
}
