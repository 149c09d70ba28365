/**
 * The export's columns that worth.yaml's rules read although no contract column is mapped to
 * them (`exclude_when: in_list(trim(reporting_category), 'fee', 'payout')`, a split's `when`):
 * init must not list such a column as "not used".
 */
import { parseFormula } from '../formula/index.ts';
import { readsOf } from '../ingest/index.ts';
import type { WorkspaceConfig } from '../workspace/index.ts';

/** The names (as the export writes them) that any formula of any source of `config` reads. */
export function columnsReadByRules(config: WorkspaceConfig): Set<string> {
  const read = new Set<string>();
  for (const [table, source] of Object.entries(config.sources)) {
    if (!source) continue;
    const rule = 'exclude_when' in source ? source.exclude_when : undefined;
    const formulas = [
      ...Object.values(source.columns),
      ...(source.split ? [source.split.when, ...Object.values(source.split.columns)] : []),
      ...(rule ? [rule] : []),
    ];
    for (const f of formulas) {
      try {
        for (const name of readsOf(parseFormula(f, `sources.${table}`)).names) read.add(name);
      } catch {
        // A formula that does not parse is the trial load's to report, with its words.
      }
    }
  }
  return read;
}
