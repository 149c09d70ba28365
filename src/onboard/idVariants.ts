/**
 * One customer number written several ways in one export (`12` and `0012`, `K0012` and
 * `k0012`): Worth keeps them apart (they may be two customers) but init says in one line how
 * many ids have another spelling, with an example, and the formula that merges them
 * (`same_id(...)`: trimmed, in capitals, leading zeros off). Never merged silently.
 */
import type { Engine } from '../warehouse/index.ts';
import { DEFAULT_MISSING_VALUES } from '../workspace/index.ts';
import { bilingual, initWord, type Bilingual } from '../words/index.ts';
import { term } from './exportYaml.ts';
import type { Recognised } from './recognise.ts';
import type { ExportProfile } from './sniffExport.ts';

/** What init saw: ids with another spelling, an example pair, and the line that says so. */
export interface IdVariants {
  /** Ids (after `same_id`) written in more than one way. */
  ids: number;
  /** The merging formula for worth.yaml. */
  formula: string;
  why: Bilingual;
}

/** The customer column's ids that differ only by leading zeros, case or spaces; undefined when there are none. */
export async function idVariants(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<IdVariants | undefined> {
  const id = r.columns.customer_id;
  if (!id || id.present === 0) return undefined;
  const d = engine.dialect;
  const q = d.quoteIdent;
  const missing = DEFAULT_MISSING_VALUES.map((v) => `'${v.toLowerCase().replaceAll("'", "''")}'`).join(', ');
  const v = `trim(${q(id.name)})`;
  const key = d.regexReplace('upper(v)', "'^0+(.)'", "'\\1'");
  const groups = `SELECT k, min(v) AS a, max(v) AS b FROM (
       SELECT v, ${key} AS k FROM (SELECT DISTINCT ${v} AS v FROM ${q(p.table)}) AS x
       WHERE v IS NOT NULL AND lower(v) NOT IN (${missing})
     ) AS y GROUP BY k HAVING count(*) > 1`;
  const rows = await engine.query(
    `SELECT count(*) AS ids, ${d.argMin('a', 'k')} AS a, ${d.argMin('b', 'k')} AS b FROM (${groups}) AS z`,
  );
  const first = rows[0];
  if (!first || Number(first.ids) === 0) return undefined;
  const ids = Number(first.ids);
  const formula = `same_id(${term(id.name)})`;
  return {
    ids,
    formula,
    why: bilingual((lang) =>
      initWord(lang, 'idVariants', { n: ids, a: String(first.a), b: String(first.b), formula }),
    ),
  };
}
