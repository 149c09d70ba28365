/**
 * Amounts including VAT. Worth's revenue excludes VAT, so an export that gives line amounts
 * including it (AFAS's "Bedrag incl. btw", Moneybird's "Totaal incl. btw", "Line total (incl.
 * tax)") is read net of VAT: from its amount excluding VAT when it has one, else the amount
 * less its VAT amount column, else the amount divided by 1 + its VAT rate. Without any of
 * them, revenue would include VAT: worth.yaml and the preview say so.
 */
import type { Engine } from '../warehouse/index.ts';
import { bilingual, initText, initWord, type Bilingual, type Lang } from '../words/index.ts';
import { normaliseName, vatSuffix, type Recognised } from './recognise.ts';
import { numberValueSql, type ColumnProfile, type ExportProfile } from './sniffExport.ts';

/** How the net (excluding VAT) amount of a line is had, and why. */
export interface VatFacts {
  /**
   * `excl`: a column excluding VAT; `minus`: the amount including VAT less the VAT amount;
   * `rate`: the amount including VAT divided by 1 + rate, rounded to cents per line;
   * `included`: no VAT found, so revenue includes VAT (a warning).
   */
  basis: 'excl' | 'minus' | 'rate' | 'included';
  /** Of `rate`: 100 when the rates are percentages (21, 9, 0), 1 when fractions (0.21). */
  rateScale?: 100 | 1;
  /**
   * The unit price includes VAT too (a till's `Prijs`: quantity x price is the amount including
   * VAT on 95% of lines): the list price is then taken net of VAT as well, so gross and discount
   * exclude VAT like the net amount.
   */
  priceIncludesVat?: boolean;
  /** What was seen, for the worth.yaml comment and the preview, in both languages. */
  why: Bilingual;
}

/** The share of lines a reading by values needs (as the sniffer's kinds). */
const SHARE = 0.95;

/** VAT rates in use in Europe and the UK, as fractions: a VAT amount that is one of them of the net amount is VAT. */
const RATES = [
  0.21, 0.09, 0.06, 0.19, 0.2, 0.05, 0.25, 0.1, 0.07, 0.12, 0.13, 0.15, 0.17, 0.22, 0.23, 0.24, 0.27,
];

const isNumber = (c: ColumnProfile | undefined) =>
  c !== undefined && (c.kind === 'number' || c.kind === 'integer');

/**
 * Reads which amount includes VAT and how to take it off. An amount column named neutrally
 * ("Bedrag") next to a VAT amount is read by its values: when it equals another column plus
 * the VAT on 95% of lines, that other column is the amount excluding VAT; when the VAT is a
 * usual rate of the amount less the VAT (and not of the amount itself), the amount includes it.
 * Returns the recognised roles with the amount columns placed accordingly.
 */
export async function readVat(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<{ recognised: Recognised; vat?: VatFacts }> {
  const c = r.columns;
  const vatAmount = isNumber(c.vat_amount) ? c.vat_amount : undefined;
  if (!c.amount_incl && c.amount && vatAmount) {
    const byValues = await inclusiveByValues(engine, p, r, c.amount, vatAmount);
    if (byValues) return byValues;
  }
  const consumer = consumerPrices(r);
  if (consumer) return readVat(engine, p, consumer);
  const incl = c.amount_incl;
  if (!incl) return { recognised: r };
  const priceIncl = await priceIncludesVat(engine, p, r, incl);
  // A till's unit price including VAT beside both totals (Epos Now's `Unit Price`, `Total Inc VAT`,
  // `Total Ex VAT`): gross is the amount excluding VAT, the price's VAT no discount.
  const priceWhy = (lang: Lang) =>
    priceIncl.priceIncludesVat
      ? initWord(lang, 'vatPriceGross', {
          price: c.unit_price!.name,
          quantity: c.quantity!.name,
          incl: incl.name,
        })
      : '';
  if (c.amount) {
    const amount = c.amount;
    return {
      recognised: r,
      vat: {
        basis: 'excl',
        ...priceIncl,
        why: bilingual(
          (lang) => initWord(lang, 'vatExcl', { amount: amount.name, incl: incl.name }) + priceWhy(lang),
        ),
      },
    };
  }
  if (vatAmount)
    return {
      recognised: r,
      vat: {
        basis: 'minus',
        ...priceIncl,
        why: bilingual((lang) =>
          initWord(lang, 'vatMinus', {
            incl: incl.name,
            vat: vatAmount.name,
            price: priceWhy(lang),
          }),
        ),
      },
    };
  const rate = c.vat_rate;
  if (isNumber(rate)) {
    const q = engine.dialect.quoteIdent;
    const row = (
      await engine.query(
        `SELECT max(abs(${numberValueSql(engine.dialect, q(rate!.name), p.decimal)})) AS m FROM ${q(p.table)}`,
      )
    )[0]!;
    const rateScale = Number(row.m ?? 0) <= 1 ? 1 : 100;
    return {
      recognised: r,
      vat: {
        basis: 'rate',
        rateScale,
        ...priceIncl,
        why: bilingual(
          (lang) =>
            (r.consumerPrices
              ? `${initWord(lang, 'vatConsumer', { amount: incl.name, rate: rate!.name })}; `
              : '') +
            initWord(lang, 'vatRate', {
              incl: incl.name,
              rate: rate!.name,
              scale: initWord(lang, rateScale === 100 ? 'vatScalePercent' : 'vatScaleFraction'),
              price: priceIncl.priceIncludesVat
                ? initWord(lang, 'vatPriceDivided', {
                    price: c.unit_price!.name,
                    quantity: c.quantity!.name,
                    incl: incl.name,
                  })
                : '',
            }),
        ),
      },
    };
  }
  return {
    recognised: r,
    vat: {
      basis: 'included',
      why: initText('vatIncluded', { incl: incl.name }),
    },
  };
}

/**
 * A Dutch web shop's sales to consumers (its customers named by first and last name) with a VAT
 * rate beside an amount whose name says neither incl. nor excl. (Mijnwebwinkel's `Subtotaal`
 * beside `Btw-percentage`): prices to consumers include btw (Prijzenbesluit), so the amount is
 * read as including it. Undefined where the export says otherwise or is no such shop.
 */
function consumerPrices(r: Recognised): Recognised | undefined {
  const { amount, amount_incl, vat_amount, vat_rate, first_name, last_name } = r.columns;
  if (!amount || amount_incl || vat_amount || !isNumber(vat_rate) || !(first_name ?? last_name))
    return undefined;
  if (r.language !== 'nl' || vatSuffix(normaliseName(amount.name))) return undefined;
  const { amount: _incl, ...rest } = r.columns;
  return { ...r, columns: { ...rest, amount_incl: amount }, consumerPrices: true };
}

/**
 * Whether the unit price includes VAT: quantity x price equals the amount including VAT on 95%
 * of the lines that have both (a till or web shop prices including VAT).
 */
async function priceIncludesVat(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
  incl: ColumnProfile,
): Promise<{ priceIncludesVat?: true }> {
  const { unit_price: price, quantity } = r.columns;
  if (!isNumber(price) || !isNumber(quantity) || !isNumber(incl)) return {};
  const q = engine.dialect.quoteIdent;
  const num = (col: ColumnProfile) => numberValueSql(engine.dialect, q(col.name), p.decimal);
  const row = (
    await engine.query(
      `SELECT count(*) AS n, count(*) FILTER (WHERE abs(${num(quantity!)} * ${num(price!)} - ${num(incl)}) < 0.005) AS hit
       FROM ${q(p.table)} WHERE ${num(quantity!)} IS NOT NULL AND ${num(price!)} IS NOT NULL AND ${num(incl)} IS NOT NULL`,
    )
  )[0]!;
  const n = Number(row.n);
  return n > 0 && Number(row.hit) >= SHARE * n ? { priceIncludesVat: true } : {};
}

/** The amount column read as including VAT by its values (see {@link readVat}), or undefined when they do not say so. */
async function inclusiveByValues(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
  amount: ColumnProfile,
  vat: ColumnProfile,
): Promise<{ recognised: Recognised; vat: VatFacts } | undefined> {
  const q = engine.dialect.quoteIdent;
  const num = (col: ColumnProfile) => numberValueSql(engine.dialect, q(col.name), p.decimal);
  const a = num(amount);
  const v = `coalesce(${num(vat)}, 0)`;
  const others = p.columns.filter((x) => r.unused.includes(x.name) && isNumber(x));
  /** How many lines have the amount, and on how many `total` is `part` plus the VAT. */
  const sumHits = async (total: string, part: string) => {
    const row = (
      await engine.query(
        `SELECT count(*) FILTER (WHERE ${a} IS NOT NULL) AS n, count(*) FILTER (WHERE abs(${total} - (${part} + ${v})) < 0.005) AS hit FROM ${q(p.table)}`,
      )
    )[0]!;
    return { n: Number(row.n), hit: Number(row.hit) };
  };
  for (const x of others) {
    const row = await sumHits(a, num(x));
    const n = row.n;
    if (n > 0 && row.hit >= SHARE * n) {
      const { amount: _incl, ...rest } = r.columns;
      return {
        recognised: {
          ...r,
          columns: { ...rest, amount: x, amount_incl: amount },
          unused: [...r.unused.filter((u) => u !== x.name), amount.name],
        },
        vat: {
          basis: 'excl',
          why: bilingual((lang) =>
            initWord(lang, 'vatSumExcl', {
              amount: amount.name,
              excl: x.name,
              vat: vat.name,
              share: pct(Number(row.hit), n, lang),
            }),
          ),
        },
      };
    }
  }
  // The other way round: another column is the amount plus the VAT (Numbers' `Subtotaal`, `Btw`,
  // `Totaal`): the amount excludes VAT, as read, and that column is its total including VAT.
  for (const x of others) {
    const row = await sumHits(num(x), a);
    const n = row.n;
    if (n > 0 && row.hit >= SHARE * n)
      return {
        recognised: {
          ...r,
          columns: { ...r.columns, amount_incl: x },
          unused: r.unused.filter((u) => u !== x.name),
        },
        vat: {
          basis: 'excl',
          why: bilingual((lang) =>
            initWord(lang, 'vatSumExcl', {
              amount: x.name,
              excl: amount.name,
              vat: vat.name,
              share: pct(Number(row.hit), n, lang),
            }),
          ),
        },
      };
  }
  // Which base the VAT is a usual rate of: the amount less the VAT (the amount includes it) or the amount.
  const rateOf = (base: string) =>
    `(${RATES.map((rate) => `abs(${v} - round((${base}) * ${rate}, 2)) < 0.0101`).join(' OR ')})`;
  const row = (
    await engine.query(
      `SELECT count(*) AS n, count(*) FILTER (WHERE ${rateOf(`${a} - ${v}`)}) AS incl, count(*) FILTER (WHERE ${rateOf(a)}) AS excl
       FROM ${q(p.table)} WHERE ${a} IS NOT NULL AND ${v} <> 0`,
    )
  )[0]!;
  const n = Number(row.n);
  if (n === 0 || Number(row.incl) < SHARE * n || Number(row.excl) >= SHARE * n) return undefined;
  const { amount: _incl, ...rest } = r.columns;
  return {
    recognised: { ...r, columns: { ...rest, amount_incl: amount } },
    vat: {
      basis: 'minus',
      why: bilingual((lang) =>
        initWord(lang, 'vatRateOf', {
          vat: vat.name,
          amount: amount.name,
          share: pct(Number(row.incl), n, lang),
        }),
      ),
    },
  };
}

function pct(part: number, whole: number, lang: Lang): string {
  const text = `${Math.floor((1000 * part) / whole) / 10}%`;
  return lang === 'nl' ? text.replace('.', ',') : text;
}
