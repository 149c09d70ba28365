/**
 * A payment provider's activity (PayPal's `Gross`, `Fee`, `Net`; a balance export's `Amount`,
 * `Fee`, `Net`) names its net amount as what the shop keeps after the provider's fee. The sale is
 * the gross amount the customer paid; the fee is a cost of selling (not loaded). When the column
 * recognised as the amount is `Net` and it is another number column plus (or minus) a fee column
 * on 95% of the lines with all three, that other column becomes the amount.
 */
import type { Engine } from '../warehouse/index.ts';
import { bilingual, initWord, type Bilingual } from '../words/index.ts';
import { isFeeColumn, normaliseName, type Recognised } from './recognise.ts';
import { numberValueSql, type ExportProfile } from './sniffExport.ts';

/** Names of the amount before a provider's fee (normalised as recognise.ts does). */
const GROSS_NAMES = new Set(['gross', 'grossamount', 'amount', 'total', 'grosssales', 'chargeamount']);

/** Names of the amount after it. */
const NET_NAMES = new Set(['net', 'netamount']);

/** The share of lines on which net must be gross + fee. */
const AGREE = 0.95;

/** The recognised columns with the gross amount as the amount, and why; undefined when the shape is not there. */
export async function grossOfFees(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<{ recognised: Recognised; why: Bilingual } | undefined> {
  const net = r.columns.amount;
  if (!net || !NET_NAMES.has(normaliseName(net.name))) return undefined;
  const numeric = (x: ExportProfile['columns'][number]) => x.kind === 'number' || x.kind === 'integer';
  const fee = p.columns.find((x) => r.unused.includes(x.name) && numeric(x) && isFeeColumn(x.name));
  const gross = p.columns.find(
    (x) => r.unused.includes(x.name) && numeric(x) && GROSS_NAMES.has(normaliseName(x.name)),
  );
  if (!fee || !gross) return undefined;
  const q = engine.dialect.quoteIdent;
  const v = (name: string) => numberValueSql(engine.dialect, q(name), p.decimal);
  const [n, g, f] = [v(net.name), v(gross.name), v(fee.name)];
  // Cents compared as integers: the sum of two doubles is not exact.
  const c = (x: string) => `round(${x} * 100)`;
  const row = (
    await engine.query(
      `SELECT count(*) AS lines, ${engine.dialect.countWhere(`${c(n)} = ${c(g)} + ${c(f)} OR ${c(n)} = ${c(g)} - ${c(f)}`)} AS agree FROM ${q(p.table)} WHERE ${n} IS NOT NULL AND ${g} IS NOT NULL AND ${f} IS NOT NULL`,
    )
  )[0]!;
  const lines = Number(row.lines);
  const agree = Number(row.agree);
  if (lines === 0 || agree < AGREE * lines) return undefined;
  return {
    recognised: {
      ...r,
      columns: { ...r.columns, amount: gross },
      unused: [...r.unused.filter((x) => x !== gross.name), net.name],
    },
    why: bilingual((lang) =>
      initWord(lang, 'grossOfFees', {
        net: net.name,
        gross: gross.name,
        fee: fee.name,
        agree: String(agree),
        lines: String(lines),
      }),
    ),
  };
}
