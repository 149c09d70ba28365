/** `worth init --from` for people: what was recognised, the first rows as loaded, and the load's outcome by reason. */
import { formatExclusions, formatRejectSummary } from '../ingest/index.ts';
import type { Row } from '../warehouse/index.ts';
import { cliWord, textNumbers, type Lang } from '../words/index.ts';
import { currencyGuessText } from './currency.ts';
import type { InitFromExport } from './initFromExport.ts';

/**
 * A preview cell as a person reads it: a plain decimal in the language's notation, whole when
 * its decimals are all zero and otherwise with its trailing zeros down to two decimals
 * (a quantity `6.000` -> `6`, not six thousand to a Dutch reader; `239.940` -> `239,94`).
 * Money (`money`) is always shown as money: two decimals at least, thousands grouped, in the
 * language's notation (`18.00` -> `18,00`, `1234.5` -> `1.234,50`), never as a whole number.
 */
export function previewCell(value: unknown, lang: Lang, money = false): string {
  if (value === null || value === undefined) return '';
  // A quoted line break or tab in a value (a product's description) would break the table: one line, a ⏎ where it broke.
  const text = String(value)
    .replace(/\r?\n|\r/g, ' ⏎ ')
    .replace(/\t/g, ' ');
  const m = /^(-?\d+)(?:\.(\d+))?$/.exec(text);
  if (!m || (!money && m[2] === undefined)) return text;
  const decimals = (m[2] ?? '').replace(/0+$/, '');
  if (money) return textNumbers(lang).money(`${m[1]}.${decimals.padEnd(2, '0')}`);
  if (decimals === '') return m[1]!;
  return `${m[1]}${lang === 'nl' ? ',' : '.'}${decimals.padEnd(2, '0')}`;
}

/** The preview's columns that hold money (shown with cents): the contract's amounts. */
const MONEY_COLUMNS = new Set([
  'gross_amount',
  'discount_amount',
  'cogs_amount',
  'credited_amount',
  'cogs_recovered',
]);

function table(rows: Row[], lang: Lang): string[] {
  if (!rows.length) return [`  ${cliWord(lang, 'none')}`];
  const cols = Object.keys(rows[0]!);
  const cells = [cols, ...rows.map((r) => cols.map((c) => previewCell(r[c], lang, MONEY_COLUMNS.has(c))))];
  const w = cols.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells.map((r) => `  ${r.map((c, i) => c.padEnd(w[i]!)).join('  ')}`.trimEnd());
}

/**
 * The outcome of `worth init --from` as text in `lang` (the language the written worth.yaml
 * chose from the export's column names), the guesses' reasons too.
 */
export function formatInit(r: InitFromExport, dir: string, currency = r.currency, lang: Lang = 'en'): string {
  const w = (key: Parameters<typeof cliWord>[1], vars: Record<string, string> = {}) =>
    cliWord(lang, key, vars);
  const int = textNumbers(lang).int;
  const out: string[] = [w('wrote', { config: r.configFile, data: r.dataFile }), ''];
  const roles = Object.entries(r.recognised.columns).map(([role, c]) => `${c!.name} -> ${role}`);
  out.push(w('recognised', { columns: roles.join(', ') }));
  if (r.recognised.unused.length) out.push(w('notUsed', { columns: r.recognised.unused.join(', ') }));
  out.push(...orderLevelLines(r, lang));
  out.push(...r.profile.reasons.map((x) => `  ${x[lang]}`));
  if (r.currencyGuess.guess) out.push(currencyGuessText(r.currencyGuess, lang, 'line'));
  const c = r.recognised.columns;
  const mismatch = r.checks.netMismatch;
  if (mismatch && c.amount && c.quantity && c.unit_price)
    out.push(
      w('netMismatch', {
        n: int(mismatch.lines),
        net: c.amount.name,
        qty: c.quantity.name,
        price: c.unit_price.name,
        line: String(mismatch.firstLine),
      }),
    );
  out.push(...vatAndCustomerLines(r, lang));
  const cancelled = r.checks.cancelled;
  if (cancelled)
    out.push(
      w('cancelledLines', {
        n: int(cancelled.lines),
        column: cancelled.column,
        values: cancelled.values.join('/'),
      }),
    );
  out.push('');
  const p = r.preview;
  if (p.failure && !p.report) {
    out.push(w('trialFails'), p.failure, '', w('editThenIngest', { config: r.configFile, dir }));
    return out.join('\n');
  }
  for (const [t, rows] of Object.entries(p.firstRows)) {
    if (!rows?.length) continue;
    out.push(w('firstRows', { table: t }), ...table(rows, lang), '');
  }
  const tables = Object.entries(p.report?.tables ?? {}).filter(([, t]) => t.sources.length);
  for (const [t, s] of tables) {
    out.push(
      w('wouldLoad', {
        table: t,
        read: int(s.rowsRead),
        loaded: int(s.rowsLoaded),
        unattributed: s.rowsUnattributed ? w('withoutCustomer', { n: int(s.rowsUnattributed) }) : '',
        rejected: int(s.rowsRejected),
      }),
    );
  }
  if (p.report?.excluded.length) out.push(...formatExclusions(p.report.excluded, lang));
  if (p.report?.rejects) out.push('', formatRejectSummary(p.report.rejectSummary, currency, lang));
  if (p.failure) {
    out.push(
      '',
      w('trialRefused', { reason: p.failure }),
      w('editMappingThenIngest', { config: r.configFile, dir }),
    );
    return out.join('\n');
  }
  out.push('', w('nextSteps', { dir }));
  return out.join('\n');
}

/** What a web-shop export's order-level fields become: filled down, no sale, or not loaded (with the export's totals). */
function orderLevelLines(r: InitFromExport, lang: Lang): string[] {
  const n = textNumbers(lang);
  const level = r.orderLevel;
  const out: string[] = [];
  if (level.fillDown.length) out.push(cliWord(lang, 'filledDown', { columns: level.fillDown.join(', ') }));
  const refunded = level.refunded;
  for (const [money, key] of [
    [level.shipping, 'shippingNotLoaded'],
    [level.shippingDiscount, 'shippingDiscountNotLoaded'],
    [refunded, refunded?.repeated ? 'refundsNotLoaded' : 'refundsAsReturns'],
  ] as const) {
    if (money && money.orders > 0)
      out.push(
        cliWord(lang, key, { column: money.column, amount: n.money(money.total), n: n.int(money.orders) }),
      );
  }
  const returned = r.refundedLines;
  if (!(refunded && refunded.orders > 0 && !refunded.repeated) && returned)
    out.push(cliWord(lang, 'refundedOrdersAsReturns', { column: returned.column, n: n.int(returned.lines) }));
  return out;
}

/** How amounts including VAT are made net (or the warning that revenue includes VAT), and a combined customer column split. */
function vatAndCustomerLines(r: InitFromExport, lang: Lang): string[] {
  const out: string[] = [];
  const { vat, customerSplit: split } = r.checks;
  const c = r.recognised.columns;
  if (vat?.basis === 'included' && c.amount_incl)
    out.push(cliWord(lang, 'vatIncluded', { column: c.amount_incl.name }));
  else if (vat) out.push(cliWord(lang, 'vatNet', { why: vat.why[lang] }));
  if (split) {
    out.push(cliWord(lang, 'customerSplit', { why: split.why[lang] }));
    if (split.ambiguous && c.customer_id)
      out.push(
        cliWord(lang, 'customerTwoNames', {
          n: textNumbers(lang).int(split.ambiguous.ids),
          column: c.customer_id.name,
          id: split.ambiguous.id,
          a: split.ambiguous.names[0],
          b: split.ambiguous.names[1],
        }),
      );
  }
  return out;
}
