/**
 * Walk-in sales in a till (POS) export: the customer column names a placeholder (`Passant`,
 * `Kassa`, `Contant`, `Walk-in`, `Guest`, ...) on every sale without a known customer, which
 * would make all of them one huge customer. Such a value is a missing id: worth.yaml writes it in
 * `missing_values`, so those sales are counted without a customer. A value that is not such a word
 * but is on a large share of the lines is only named, with what to write if it is one.
 */
import type { Engine } from '../warehouse/index.ts';
import { bilingual, initWord, textNumbers, type Bilingual } from '../words/index.ts';
import type { Recognised } from './recognise.ts';
import type { ExportProfile } from './sniffExport.ts';

/**
 * Placeholders a till or a bookkeeping export writes for a sale without a customer, compared
 * trimmed and lower-cased (Dutch, then English).
 */
export const WALK_IN_WORDS: readonly string[] = [
  'passant',
  'passanten',
  'kassa',
  'kassaklant',
  'kassaverkoop',
  'contant',
  'contante verkoop',
  'losse verkoop',
  'anoniem',
  'anonieme klant',
  'diverse debiteuren',
  'walk-in',
  'walk in',
  'walk-in customer',
  'cash',
  'cash customer',
  'cash sale',
  'guest',
  'guest customer',
  'anonymous',
];

/** A walk-in value holds at least this share of the present ids, or is the most common id, or is among customer numbers. */
const WALK_IN_SHARE = 0.05;

/** A value not on the list is named when it holds this share of the present ids. */
const DOMINANT_SHARE = 0.3;

/** What init saw in the customer column. */
export interface WalkIns {
  /** The placeholder values as the file writes them, for `missing_values` (empty: none). */
  values: string[];
  /** Lines with one of them. */
  lines: number;
  /** Why, in both languages, for worth.yaml and the preview (absent: nothing to say). */
  why?: Bilingual;
}

/** Reads the customer column's most common values; walk-in placeholders among them become missing. */
export async function walkIns(engine: Engine, p: ExportProfile, r: Recognised): Promise<WalkIns> {
  const id = r.columns.customer_id;
  if (!id || id.present === 0) return { values: [], lines: 0 };
  const q = engine.dialect.quoteIdent;
  const v = `trim(${q(id.name)})`;
  const rows = await engine.query(
    `SELECT v, n, sum(n) OVER () AS total FROM (SELECT ${v} AS v, count(*) AS n FROM ${q(p.table)} WHERE ${v} <> '' AND _rn <= 20000 GROUP BY 1) ORDER BY n DESC, v LIMIT 50`,
  );
  const present = rows.length ? Number(rows[0]!.total) : 0;
  if (!present) return { values: [], lines: 0 };
  const top = rows.map((x) => ({ value: String(x.v), lines: Number(x.n) }));
  // Among customer numbers (most common ids all digits) a placeholder word is no customer at any share:
  // a small shop's Passant can be rarer than its best customer.
  const numbers = top.filter((x) => /^[0-9]+$/.test(x.value)).length;
  const amongNumbers = top.length >= 10 && numbers >= 0.8 * top.length;
  const hits = top.filter(
    (x, i) =>
      WALK_IN_WORDS.includes(x.value.toLowerCase()) &&
      (i === 0 || amongNumbers || x.lines >= WALK_IN_SHARE * present),
  );
  const share = (n: number) => (lang: 'nl' | 'en') => textNumbers(lang).pct(n / present);
  if (hits.length) {
    const lines = hits.reduce((a, x) => a + x.lines, 0);
    return {
      values: hits.map((x) => x.value),
      lines,
      why: bilingual((lang) =>
        initWord(lang, 'walkIn', {
          column: id.name,
          values: hits.map((x) => JSON.stringify(x.value)).join(', '),
          n: lines,
          share: share(lines)(lang),
        }),
      ),
    };
  }
  const first = top[0];
  // Among many customers only, and not a customer number: a wholesaler with four customers has a biggest one.
  if (first && top.length >= 10 && !/^[0-9]+$/.test(first.value) && first.lines >= DOMINANT_SHARE * present)
    return {
      values: [],
      lines: 0,
      why: bilingual((lang) =>
        initWord(lang, 'dominantCustomer', {
          column: id.name,
          value: first.value,
          n: first.lines,
          share: share(first.lines)(lang),
        }),
      ),
    };
  return { values: [], lines: 0 };
}
