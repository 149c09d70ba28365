/**
 * A Dutch bank's export (ING, ABN AMRO, Rabobank's older CSV): the amount unsigned and its
 * direction in a column of its own, `Af Bij` (`Af` money out, `Bij` money in). For a customer
 * P&L from a bank's statement of a business account, a customer's payment (`Bij`) is a sale and
 * money paid back to that customer (`Af`) a credit. Recognised by the column's name and values
 * (only `Af` and `Bij`), then read as a ledger is (debitCredit.ts): the signed amount, the
 * credit split on `Af`, the comment saying how.
 */
import type { Engine } from '../warehouse/index.ts';
import { initText } from '../words/index.ts';
import type { Ledger } from './debitCredit.ts';
import { term } from './exportYaml.ts';
import { normaliseName, type Recognised } from './recognise.ts';
import { missingSql, type ExportProfile } from './sniffExport.ts';

/** The sign column's names (as recognise.ts normalises them): `Af Bij`, `Af/Bij`, `Bij/Af`. */
const SIGN_NAMES = ['afbij', 'bijaf', 'afofbij'];

/**
 * Reads an unsigned amount with an `Af Bij` column as a ledger: `Bij` a sale, `Af` a credit of
 * the amount. Undefined when the export has no such column, no amount, an amount that is signed
 * already, or values in the column other than `Af` and `Bij`.
 */
export async function afBijLines(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<{ ledger: Ledger; recognised: Recognised } | undefined> {
  const amount = r.columns.amount;
  const sign = p.columns.find((c) => SIGN_NAMES.includes(normaliseName(c.name)));
  if (!sign || !amount || amount.negatives > 0 || sign.name === amount.name) return undefined;
  const q = engine.dialect.quoteIdent;
  const rows = await engine.query(
    `SELECT lower(trim(${q(sign.name)})) AS v, count(*) AS n FROM ${q(p.table)}
     WHERE NOT ${missingSql(q(sign.name))} GROUP BY 1`,
  );
  if (!rows.length || !rows.every((x) => x.v === 'af' || x.v === 'bij')) return undefined;
  const out = Number(rows.find((x) => x.v === 'af')?.n ?? 0);
  const s = term(sign.name);
  const a = term(amount.name);
  const isOut = `lower(trim(${s})) = 'af'`;
  const vars = { sign: sign.name, amount: amount.name, out, lines: p.rows - out };
  return {
    recognised: { ...r, unused: r.unused.filter((n) => n !== sign.name) },
    ledger: {
      debit: sign.name,
      credit: amount.name,
      revenueClass: '',
      revenueLines: p.rows,
      otherLines: 0,
      amount: `if(${isOut}, -${a}, ${a})`,
      creditWhen: isOut,
      credited: a,
      why: initText('afBij', vars),
      splitWhy: initText('afBijSplit', vars),
    },
  };
}
