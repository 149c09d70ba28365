/**
 * A customer column that holds a code and a name ("10003 - Café Het Hoekje", "Café Het Hoekje
 * (10003)", "10003 Café Het Hoekje"), as AFAS and Exact write their debtor: the code is the
 * customer id, the rest its name. Read from the values of the whole export.
 */
import { DEFAULT_MISSING_VALUES } from '../workspace/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { bilingual, initWord, type Bilingual } from '../words/index.ts';
import { term } from './exportYaml.ts';
import type { ExportProfile } from './sniffExport.ts';

/** A combined customer column and the formulas that split it. */
export interface CustomerSplit {
  /** The customer id formula (the code). */
  id: string;
  /** The customer name formula (the rest). */
  name: string;
  /** What was seen, for the worth.yaml comment and the preview, in both languages. */
  why: Bilingual;
  /** Codes seen with more than one name: how many, and the first (by code) with two of its names. */
  ambiguous?: { ids: number; id: string; names: [string, string] };
}

/** The shapes, most specific first; `all` when every value must match (a space alone is a weak separator). */
const SHAPES = [
  {
    shape: 'shapeCodeDashName',
    // RE2: the code has no spaces, then " - ", then the name.
    pattern: '([^ ]+) - (.+)',
    idGroup: 1,
    nameGroup: 2,
    all: false,
    formulas: (x: string) => ({ id: `trim(before(${x}, ' - '))`, name: `trim(after(${x}, ' - '))` }),
  },
  {
    shape: 'shapeNameCode',
    pattern: '([^()]*[^ ()]) *\\(([^()]+)\\)',
    idGroup: 2,
    nameGroup: 1,
    all: false,
    // A value without brackets stays the id whole.
    formulas: (x: string) => ({
      id: `if(contains(${x}, '('), trim(before(after(${x}, '('), ')')), trim(${x}))`,
      name: `if(contains(${x}, '('), trim(before(${x}, '(')), trim(${x}))`,
    }),
  },
  {
    shape: 'shapeCodeName',
    pattern: '([0-9]+) (.*\\pL.*)',
    idGroup: 1,
    nameGroup: 2,
    all: true,
    formulas: (x: string) => ({ id: `before(trim(${x}), ' ')`, name: `trim(after(trim(${x}), ' '))` }),
  },
] as const;

/** The share of present values a shape needs (the sniffer's share for a column's kind). */
const SHARE = 0.95;

/** Reads whether `column` (the customer id column of the staged export) combines a code and a name. */
export async function customerSplit(
  engine: Engine,
  p: ExportProfile,
  column: string,
): Promise<CustomerSplit | undefined> {
  const d = engine.dialect;
  const q = d.quoteIdent;
  const v = `trim(${q(column)})`;
  const missing = DEFAULT_MISSING_VALUES.map((_, i) => `$${i + 1}`).join(', ');
  const present = `${v} IS NOT NULL AND ${v} <> '' AND upper(${v}) NOT IN (${missing})`;
  const params = DEFAULT_MISSING_VALUES.map((m) => m.toUpperCase());
  for (const s of SHAPES) {
    const pattern = `'${s.pattern}'`;
    const row = (
      await engine.query(
        `SELECT count(*) AS n, count(*) FILTER (WHERE ${d.regexFullMatch(v, pattern)}) AS hit FROM ${q(p.table)} WHERE ${present}`,
        params,
      )
    )[0]!;
    const n = Number(row.n);
    const hit = Number(row.hit);
    if (n === 0 || (s.all ? hit < n : hit < SHARE * n)) continue;
    const id = `trim(${d.regexExtract(v, pattern, s.idGroup)})`;
    const name = `trim(${d.regexExtract(v, pattern, s.nameGroup)})`;
    const twice = await engine.query(
      `SELECT id, count(*) OVER () AS ids, min(name) AS a, max(name) AS b FROM (
         SELECT ${id} AS id, ${name} AS name FROM ${q(p.table)} WHERE ${present} AND ${d.regexFullMatch(v, pattern)}
       ) m GROUP BY id HAVING count(DISTINCT name) > 1 ORDER BY id LIMIT 1`,
      params,
    );
    const first = twice[0];
    const share = `${Math.floor((1000 * hit) / n) / 10}%`;
    return {
      ...s.formulas(term(column)),
      why: bilingual((lang) =>
        initWord(lang, 'customerSplit', {
          column,
          shape: initWord(lang, s.shape),
          share: lang === 'nl' ? share.replace('.', ',') : share,
        }),
      ),
      ...(first
        ? {
            ambiguous: {
              ids: Number(first.ids),
              id: String(first.id),
              names: [String(first.a), String(first.b)],
            },
          }
        : {}),
    };
  }
  return undefined;
}
