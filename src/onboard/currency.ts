/**
 * The export's currency: stated when a currency column (its most common ISO code) or a currency
 * sign in the amounts (£, $, €) names it (`$` with an Australian export's marks, a GST column
 * beside day-first dates or an ABN column, is a guess of AUD); otherwise a guess from the country its lines are sold
 * to, else from the export's habits (US dates `mm/dd/yyyy` with a decimal point suggest USD, day-
 * first dates with English names and a decimal point GBP, Dutch names or a decimal comma EUR),
 * else EUR for want of anything. A guess says so in worth.yaml's comment and init's preview,
 * with what to write instead (`currency: USD`).
 */
import { WorthError } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { bilingual, initText, initWord, type Bilingual, type Lang } from '../words/index.ts';
import { normaliseName, recognise, type Recognised } from './recognise.ts';
import { missingSql, type ExportProfile } from './sniffExport.ts';

/** The export's currency: its ISO 4217 code and why, in words for worth.yaml's comment. */
export interface CurrencyGuess {
  code: string;
  /** Why this code: what the export says, or what the guess rests on. */
  why: Bilingual;
  /** True when no currency column or sign named it (a country or the export's habits did, or nothing). */
  guess: boolean;
}

const SIGNS: [string, string][] = [
  ['£', 'GBP'],
  ['€', 'EUR'],
  ['$', 'USD'],
];

/** Currency codes an export may write beside its amounts (`1,234.56 USD`). */
const CODES = ['USD', 'GBP', 'EUR', 'CAD', 'AUD', 'NZD', 'CHF'];

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
        guess: false,
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
    if (best.n > 0) {
      // `$` is the sign of several dollars: an Australian export's own marks make it AUD, a guess.
      const australian = best.sign === '$' ? australianMarks(p, r) : undefined;
      if (australian)
        return {
          code: 'AUD',
          why: initText(australian.layout ? 'currencyAustralianGst' : 'currencyAustralianAbn', {
            n: best.n,
            ...australian,
          }),
          guess: true,
        };
      return {
        code: best.code,
        why: initText('currencySign', { sign: best.sign, n: best.n }),
        guess: false,
      };
    }
    // A currency code beside the number (`1,234.56 USD`, `(12.50 GBP)`, `EUR 12.50`) names it as a sign does.
    const coded = CODES.map(
      (code, i) =>
        `sum(CASE WHEN ${money.map((m) => `(CASE WHEN ${engine.dialect.contains(q(m.name), `'${code}'`)} THEN ${engine.dialect.regexFullMatch(`trim(${q(m.name)})`, `'\\(?(${code} ?[-(]?[0-9][0-9.,]*|[-(]?[0-9][0-9.,]* ?${code})\\)?'`)} ELSE false END)`).join(' OR ')} THEN 1 ELSE 0 END) AS c${i}`,
    );
    // Only a value with a capital letter can carry a code: the patterns run on those rows alone, and
    // each code's pattern only on a value holding that code (a CASE: DuckDB evaluates both sides of
    // an OR; an article code `ART-1002` in a number column went through every code's pattern).
    const lettered = money.map((m) => engine.dialect.regexFullMatch(q(m.name), "'.*[A-Z].*'")).join(' OR ');
    const codeRow = (await engine.query(`SELECT ${coded.join(', ')} FROM ${t} WHERE ${lettered}`))[0]!;
    const top = CODES.map((code, i) => ({ code, n: Number(codeRow[`c${i}`] ?? 0) })).reduce((a, b) =>
      b.n > a.n ? b : a,
    );
    if (top.n > 0)
      return { code: top.code, why: initText('currencySign', { sign: top.code, n: top.n }), guess: false };
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
          guess: true,
        };
    }
  }
  return currencyFromHabits(p, r);
}

/** The code a guess's words offer as the other likely one (`currency: GBP` beside a USD guess). */
export function otherCurrency(code: string): string {
  return code === 'USD'
    ? 'GBP'
    : code === 'EUR'
      ? 'USD'
      : code === 'GBP'
        ? 'EUR'
        : code === 'AUD'
          ? 'NZD'
          : 'USD';
}

/**
 * What marks a dollar export as Australian, or undefined: a column named for the ABN (the
 * Australian Business Number), or one named for GST with order dates proven day first (Canada's
 * GST goes with month-first or ISO dates, the US has no GST). New Zealand writes the same and is
 * offered as the other likely code.
 */
function australianMarks(
  p: Pick<ExportProfile, 'columns'>,
  r: Recognised,
): { column: string; layout: string } | undefined {
  const named = (part: string) => p.columns.find((c) => normaliseName(c.name).includes(part));
  const abn = named('abn');
  if (abn) return { column: abn.name, layout: '' };
  const gst = named('gst');
  const date = r.columns.order_date;
  const layout = date?.kind === 'date' ? date.dateLayout : undefined;
  const read = date ? date.present - date.unreadable : 0;
  const provenDayFirst =
    layout !== undefined && DAY_FIRST.has(layout) && (!date?.dateTwin || date.dateTwin.hits < read);
  return gst && provenDayFirst ? { column: gst.name, layout } : undefined;
}

/** A guessed currency's words: worth.yaml's comment (`yaml`) or the preview's one line (`line`). */
export function currencyGuessText(g: CurrencyGuess, lang: Lang, as: 'yaml' | 'line'): string {
  return initWord(lang, as === 'yaml' ? 'currencyGuessYaml' : 'currencyGuessLine', {
    code: g.code,
    why: g.why[lang],
    other: otherCurrency(g.code),
  });
}

/** Month-first layouts (US habit) and day-first ones read the same in the UK and the euro area. */
const MONTH_FIRST = new Set(['mm/dd/yyyy', 'mm/dd/yy', 'mmm dd, yyyy']);
const DAY_FIRST = new Set(['dd/mm/yyyy', 'dd/mm/yy', 'dd mmm yyyy', 'dd-mmm-yyyy', 'dd-mmm-yy']);

/**
 * The currency an export's writing habits suggest when it names none: the order date's layout
 * (month first only when some day above 12 proves it, or with a month name), the decimal mark and
 * the column names' language. Always a guess; EUR when the habits say nothing either.
 */
export function currencyFromHabits(
  p: Pick<ExportProfile, 'decimal' | 'thousands'>,
  r: Recognised,
): CurrencyGuess {
  const date = r.columns.order_date;
  const layout = date?.kind === 'date' ? date.dateLayout : undefined;
  const read = date ? date.present - date.unreadable : 0;
  // dd/mm against mm/dd: only a value with a day above 12 tells them apart (a month name always does).
  const provenOrder = layout !== undefined && (!date?.dateTwin || date.dateTwin.hits < read);
  const numbers = p.thousands === ',' ? '1,234.56' : p.decimal === ',' ? '1234,56' : '1234.56';
  const vars = { column: date?.name ?? '', layout: layout ?? '', numbers };
  if (r.language === 'nl' || p.decimal === ',')
    return {
      code: 'EUR',
      why: initText(r.language === 'nl' ? 'currencyDutch' : 'currencyDecimalComma', vars),
      guess: true,
    };
  if (layout && provenOrder && MONTH_FIRST.has(layout))
    return { code: 'USD', why: initText('currencyUsHabits', vars), guess: true };
  if (layout && provenOrder && DAY_FIRST.has(layout))
    return { code: 'GBP', why: initText('currencyUkHabits', vars), guess: true };
  return { code: 'EUR', why: initText('currencyUnknown', vars), guess: true };
}

/** A currency code and its lines. */
interface CodeLines {
  code: string;
  lines: number;
}

/** The roles whose money is in each line's own currency when the export has several: replaced by the base amount. */
const LINE_CURRENCY_ROLES = [
  'unit_price',
  'discount_amount',
  'discount_rate',
  'vat_amount',
  'amount_incl',
] as const;

/**
 * A name that says its amount is in the base currency, and the name without that part: `Net
 * (GBP)` (a code among `codes`), `Amount in base currency`, `Functional Amount`, `BaseCurrencyTotal`,
 * `Net (RC)` (a reporting currency, as Power BI connectors to Xero write it).
 */
export function baseName(name: string, codes: string[]): { stripped: string; code?: string } | undefined {
  const rc = /^(.*?)\s*\((RC|BC)\)$/i.exec(name.trim());
  if (rc && rc[1]!.trim()) return { stripped: rc[1]!.trim() };
  const joined = /^(basecurrency|reportingcurrency|functionalcurrency|homecurrency)(.+)$/i.exec(
    name.replace(/[\s_-]+/g, ''),
  );
  if (joined) return { stripped: joined[2]! };
  const coded = /^(.*?)[\s_-]*[([]?\s*([A-Za-z]{3})\s*[)\]]?$/.exec(name.trim());
  if (coded && codes.includes(coded[2]!.toUpperCase()) && coded[1]!.trim())
    return { stripped: coded[1]!.trim(), code: coded[2]!.toUpperCase() };
  const words = /\b(base|home|functional|reporting|company)\b/i;
  if (!words.test(name)) return undefined;
  const stripped = name
    .replace(/\b(base|home|functional|reporting|company|currency|in|ccy)\b/gi, ' ')
    .replace(/[()[\]]/g, ' ')
    .trim();
  return stripped ? { stripped } : undefined;
}

/**
 * An export whose currency column holds several currencies (a Xero report with invoices in GBP,
 * USD and EUR): Worth keeps a workspace's money in one currency. When a money column says it is
 * in the base currency (`Net (GBP)`, `Amount (base currency)`), that column is each line's
 * amount and the columns in each line's own currency are not loaded; without one, init stops
 * with a WorthError saying what to export instead. Undefined when the export has one currency.
 * Currencies are counted on lines with an order number (a report's totals rows have none) and
 * not in `leftOut` (a document-type column's values worth.yaml leaves out: no sales).
 */
export async function severalCurrencies(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
  file: string,
  leftOut?: { column: string; values: string[] },
): Promise<{ recognised: Recognised; currency: CurrencyGuess; why: Bilingual } | undefined> {
  const c = r.columns;
  if (!c.currency) return undefined;
  const q = engine.dialect.quoteIdent;
  const code = `upper(trim(${q(c.currency.name)}))`;
  // Lines worth.yaml leaves out (a PayPal currency conversion's euros) are no sales in another currency.
  const onOrders =
    (c.order_id ? `AND NOT ${missingSql(q(c.order_id.name))}` : '') +
    (leftOut?.values.length
      ? ` AND coalesce(trim(${q(leftOut.column)}), '') NOT IN (${leftOut.values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`
      : '');
  const rows = await engine.query(
    `SELECT ${code} AS v, count(*) AS n FROM ${q(p.table)} WHERE ${engine.dialect.regexFullMatch(code, "'[A-Z]{3}'")} ${onOrders} GROUP BY 1 ORDER BY n DESC, v`,
  );
  const found: CodeLines[] = rows.map((x) => ({ code: String(x.v), lines: Number(x.n) }));
  if (found.length < 2) return undefined;
  const codes = found.map((x) => x.code);
  const lang = r.language;
  const listed = (l: typeof lang) =>
    found.map((x) => initWord(l, 'currencyLines', { code: x.code, lines: x.lines })).join(', ');
  const currencies = listed(lang);
  const mapped = new Set(Object.values(c).map((x) => x.name));
  const base = p.columns
    .filter((x) => x.kind === 'number' && !mapped.has(x.name))
    .map((x) => ({ column: x, named: baseName(x.name, codes) }))
    .find(({ named }) => named && recognise([{ ...p.columns[0]!, name: named.stripped }]).columns.amount);
  if (!base) {
    throw new WorthError(
      'input',
      { file },
      currencies,
      'amounts in one currency',
      initWord(lang, 'severalCurrencies', { n: String(found.length), currencies, column: c.currency.name }),
    );
  }
  const dropped = [c.amount, ...LINE_CURRENCY_ROLES.map((role) => c[role])].filter((x) => x !== undefined);
  const columns = { ...c, amount: base.column };
  for (const role of LINE_CURRENCY_ROLES) delete columns[role];
  const baseCode = base.named!.code ?? found[0]!.code;
  const why = bilingual((l) =>
    initWord(l, 'baseCurrency', {
      column: c.currency!.name,
      n: String(found.length),
      currencies: listed(l),
      base: base.column.name,
      code: baseCode,
      others: dropped.map((x) => x.name).join(', '),
    }),
  );
  return {
    recognised: {
      ...r,
      columns,
      unused: [...r.unused.filter((x) => x !== base.column.name), ...dropped.map((x) => x.name)],
    },
    currency: { code: baseCode, why, guess: false },
    why,
  };
}
