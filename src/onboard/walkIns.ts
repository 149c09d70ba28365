/**
 * Walk-in sales in a till (POS) export: the customer column names a placeholder (`Passant`,
 * `Kassa`, `Contant`, `Walk-in`, `Guest`, ...) on every sale without a known customer, which
 * would make all of them one huge customer. Such a value is a missing id: worth.yaml writes it in
 * `missing_values`, so those sales are counted without a customer. A placeholder id that is no
 * such word (Epos Now's `Customer ID` 0 beside `Walk In Customer`; a number cannot go in
 * `missing_values`, which every column reads) is read as missing by the customer id's formula
 * (`nullif`). A value that is not such a word but is on a large share of the lines is only named,
 * with what to write if it is one.
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
  'walk in customer',
  'walkin',
  'walkin customer',
  'walk in sale',
  'cash',
  'cash customer',
  'cash sale',
  'cash sales',
  'counter sale',
  'guest',
  'guest customer',
  'guest checkout',
  'anonymous',
  'no customer',
];

/** A value as {@link WALK_IN_WORDS} holds it: lower case, hyphens, dots and runs of spaces as one space. */
const walkInForm = (v: string) =>
  v
    .trim()
    .toLowerCase()
    .replace(/[-_.\s]+/g, ' ')
    .trim();

/** Whether `v` is a walk-in placeholder word (`Walk-In Customer`, `CASH SALE`, `Passant`). */
export const isWalkInWord = (v: string): boolean => WORDS.has(walkInForm(v));

const WORDS = new Set(WALK_IN_WORDS.map(walkInForm));

/** An id of zeros only (`0`, `000`): a till's "no customer" number, never a customer's. */
const ZERO_ID = /^0+$/;

/** Share of an id's lines whose customer name must be a placeholder word for the id to be one. */
const NAMED_SHARE = 0.9;

/** A walk-in value holds at least this share of the present ids, or is the most common id, or is among customer numbers. */
const WALK_IN_SHARE = 0.05;

/** A value not on the list is named when it holds this share of the present ids. */
const DOMINANT_SHARE = 0.3;

/** What init saw in the customer column. */
export interface WalkIns {
  /** The placeholder words as the file writes them, for `missing_values` (empty: none). */
  values: string[];
  /** Other placeholder ids (a number, or named a placeholder by the name column): read as missing by the id's formula. */
  ids: string[];
  /** Lines with one of them (words and ids). */
  lines: number;
  /** Why, in both languages, for worth.yaml and the preview (absent: nothing to say). */
  why?: Bilingual;
}

/** Reads the customer column's most common values; walk-in placeholders among them become missing. */
export async function walkIns(engine: Engine, p: ExportProfile, r: Recognised): Promise<WalkIns> {
  const id = r.columns.customer_id;
  if (!id || id.present === 0) return { values: [], ids: [], lines: 0 };
  const q = engine.dialect.quoteIdent;
  const v = `trim(${q(id.name)})`;
  const rows = await engine.query(
    `SELECT v, n, sum(n) OVER () AS total FROM (SELECT ${v} AS v, count(*) AS n FROM ${q(p.table)} WHERE ${v} <> '' AND _rn <= 20000 GROUP BY 1) ORDER BY n DESC, v LIMIT 50`,
  );
  const present = rows.length ? Number(rows[0]!.total) : 0;
  if (!present) return { values: [], ids: [], lines: 0 };
  const top = rows.map((x) => ({ value: String(x.v), lines: Number(x.n) }));
  // Among customer numbers (most common ids all digits) a placeholder word is no customer at any share:
  // a small shop's Passant can be rarer than its best customer.
  const numbers = top.filter((x) => /^[0-9]+$/.test(x.value)).length;
  const amongNumbers = top.length >= 10 && numbers >= 0.8 * top.length;
  const named = await namedWalkIns(engine, p, r);
  const hits = top.filter(
    (x, i) =>
      (isWalkInWord(x.value) || ZERO_ID.test(x.value) || named.has(x.value)) &&
      (i === 0 || amongNumbers || named.has(x.value) || x.lines >= WALK_IN_SHARE * present),
  );
  const share = (n: number) => (lang: 'nl' | 'en') => textNumbers(lang).pct(n / present);
  if (hits.length) {
    const lines = hits.reduce((a, x) => a + x.lines, 0);
    const values = hits.filter((x) => isWalkInWord(x.value)).map((x) => x.value);
    const ids = hits.filter((x) => !isWalkInWord(x.value)).map((x) => x.value);
    return {
      values,
      ids,
      lines,
      why: bilingual((lang) =>
        initWord(lang, values.length ? 'walkIn' : 'walkInId', {
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
      ids: [],
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
  return { values: [], ids: [], lines: 0 };
}

/**
 * The ids whose lines name a walk-in in the customer name column (Epos Now's `0` beside `Walk In
 * Customer`) on {@link NAMED_SHARE} of them; empty without a name column.
 */
async function namedWalkIns(engine: Engine, p: ExportProfile, r: Recognised): Promise<Set<string>> {
  const id = r.columns.customer_id;
  const name = r.columns.customer_name;
  if (!id || !name || name.name === id.name) return new Set();
  const q = engine.dialect.quoteIdent;
  const rows = await engine.query(
    `SELECT trim(${q(id.name)}) AS v, trim(${q(name.name)}) AS name, count(*) AS n FROM ${q(p.table)}
     WHERE trim(${q(id.name)}) <> '' AND _rn <= 20000 GROUP BY 1, 2 ORDER BY n DESC LIMIT 500`,
  );
  const all = new Map<string, number>();
  const walkIn = new Map<string, number>();
  for (const x of rows) {
    const v = String(x.v);
    all.set(v, (all.get(v) ?? 0) + Number(x.n));
    if (isWalkInWord(String(x.name ?? ''))) walkIn.set(v, (walkIn.get(v) ?? 0) + Number(x.n));
  }
  return new Set([...walkIn].filter(([v, n]) => n >= NAMED_SHARE * all.get(v)!).map(([v]) => v));
}
