/**
 * The export's currency, guessed from what it says: a currency column (its most common ISO
 * code), a currency sign in the amounts (£, $, €), or the country its lines are sold to.
 * Without any of these the answer is EUR, and the worth.yaml comment says it was not seen.
 */
import type { Engine } from '../warehouse/index.ts';
import { initText, type Bilingual } from '../words/index.ts';
import type { Recognised } from './recognise.ts';
import type { ExportProfile } from './sniffExport.ts';

/** A guessed currency: its ISO 4217 code and why, in words for worth.yaml's comment. */
export interface CurrencyGuess {
  code: string;
  /** Absent when nothing in the export said it (the default, EUR). */
  why?: Bilingual;
}

const SIGNS: [string, string][] = [
  ['£', 'GBP'],
  ['€', 'EUR'],
  ['$', 'USD'],
];

// Country names and codes as exports write them, normalised like column names (lower case, no spaces).
const COUNTRIES: Record<string, string> = {
  unitedkingdom: 'GBP',
  uk: 'GBP',
  gb: 'GBP',
  greatbritain: 'GBP',
  england: 'GBP',
  scotland: 'GBP',
  wales: 'GBP',
  northernireland: 'GBP',
  verenigdkoninkrijk: 'GBP',
  unitedstates: 'USD',
  unitedstatesofamerica: 'USD',
  usa: 'USD',
  us: 'USD',
  verenigdestaten: 'USD',
  switzerland: 'CHF',
  zwitserland: 'CHF',
  ch: 'CHF',
  sweden: 'SEK',
  zweden: 'SEK',
  denmark: 'DKK',
  denemarken: 'DKK',
  norway: 'NOK',
  noorwegen: 'NOK',
  poland: 'PLN',
  polen: 'PLN',
  japan: 'JPY',
  australia: 'AUD',
  australie: 'AUD',
  canada: 'CAD',
  netherlands: 'EUR',
  thenetherlands: 'EUR',
  nederland: 'EUR',
  nl: 'EUR',
  belgium: 'EUR',
  belgie: 'EUR',
  germany: 'EUR',
  duitsland: 'EUR',
  de: 'EUR',
  france: 'EUR',
  frankrijk: 'EUR',
  spain: 'EUR',
  italy: 'EUR',
  ireland: 'EUR',
  eire: 'EUR',
  austria: 'EUR',
  portugal: 'EUR',
  finland: 'EUR',
  luxembourg: 'EUR',
};

/** Guesses the currency of the staged export `p` (its money and country columns as recognised in `r`). */
export async function guessCurrency(engine: Engine, p: ExportProfile, r: Recognised): Promise<CurrencyGuess> {
  const q = engine.dialect.quoteIdent;
  const t = q(p.table);
  const c = r.columns;
  if (c.currency) {
    const row = (
      await engine.query(
        `SELECT upper(trim(${q(c.currency.name)})) AS v, count(*) AS n FROM ${t} WHERE ${engine.dialect.regexFullMatch(`upper(trim(${q(c.currency.name)}))`, "'[A-Z]{3}'")} GROUP BY 1 ORDER BY n DESC, v LIMIT 1`,
      )
    )[0];
    if (row)
      return {
        code: String(row.v),
        why: initText('currencyColumn', { column: c.currency.name, code: String(row.v) }),
      };
  }
  // The mapped money columns, and any other column of amounts (a report's Amount or Balance, with $ on its totals lines).
  const mapped = [c.unit_price, c.amount, c.cogs_amount, c.unit_cost, c.discount_amount].filter(
    (x) => x !== undefined,
  );
  const money = [...mapped, ...p.columns.filter((x) => x.kind === 'number' && !mapped.includes(x))];
  if (money.length) {
    const counts = SIGNS.map(
      ([sign], i) =>
        `count(*) FILTER (WHERE ${money.map((m) => `contains(${q(m.name)}, '${sign}')`).join(' OR ')}) AS s${i}`,
    );
    const row = (await engine.query(`SELECT ${counts.join(', ')} FROM ${t}`))[0]!;
    const best = SIGNS.map(([sign, code], i) => ({ sign, code, n: Number(row[`s${i}`]) })).reduce((a, b) =>
      b.n > a.n ? b : a,
    );
    if (best.n > 0)
      return {
        code: best.code,
        why: initText('currencySign', { sign: best.sign, n: best.n }),
      };
  }
  if (c.country) {
    const rows = await engine.query(
      `SELECT trim(${q(c.country.name)}) AS v, count(*) AS n FROM ${t} WHERE trim(${q(c.country.name)}) <> '' GROUP BY 1 ORDER BY n DESC, v LIMIT 1`,
    );
    const top = rows[0];
    if (top) {
      const name = String(top.v);
      const code =
        COUNTRIES[
          name
            .toLowerCase()
            .normalize('NFD')
            .replace(/[^a-z]/g, '')
        ];
      if (code)
        return {
          code,
          why: initText('currencyCountry', { n: Number(top.n), country: name, column: c.country.name }),
        };
    }
  }
  return { code: 'EUR' };
}
