/**
 * A general-ledger export whose amount is unsigned and whose side is a column of its own
 * (Twinfield's transaction list: `Bedrag` beside `D/C`; `Debet/Credit` with `Debet` and `Credit`
 * written out). Read as a ledger with Debet and Credit columns is (debitCredit.ts): on a revenue
 * account a credited line is a sale, a debited one a credit note's; the other bookings (debtors,
 * VAT, bank) are left out by the account's class. Without an account column every line is a
 * revenue account's.
 */
import type { Engine } from '../warehouse/index.ts';
import { initText } from '../words/index.ts';
import { accountColumn, revenueAccounts, type Ledger } from './debitCredit.ts';
import { term } from './exportYaml.ts';
import { normaliseName, type Recognised } from './recognise.ts';
import { missingSql, type ExportProfile } from './sniffExport.ts';

/** The side column's names (as recognise.ts normalises them): `D/C`, `Debet/Credit`, `Debit/Credit`. */
const SIDE_NAMES = ['dc', 'cd', 'debetcredit', 'debitcredit', 'creditdebet', 'creditdebit'];

/** The values of a debited line, and of a credited one (lower case, trimmed). */
const DEBITED = ['d', 'debet', 'debit', 'dr'];
const CREDITED = ['c', 'credit', 'cr'];

/**
 * Reads an unsigned amount with a side column as a ledger. Undefined when the export has no such
 * column, no amount, an amount with a sign already, or values in the column other than a debit
 * and a credit word; a WorthError (debitCredit.ts) when an account column holds no revenue
 * accounts that are mostly credited.
 */
export async function sideColumnLines(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
  file: string,
): Promise<{ ledger: Ledger; recognised: Recognised } | undefined> {
  const amount = r.columns.amount;
  const side = p.columns.find((c) => SIDE_NAMES.includes(normaliseName(c.name)));
  if (!side || !amount || amount.negatives > 0 || side.name === amount.name) return undefined;
  const q = engine.dialect.quoteIdent;
  const rows = await engine.query(
    `SELECT lower(trim(${q(side.name)})) AS v, count(*) AS n FROM ${q(p.table)}
     WHERE NOT ${missingSql(q(side.name))} GROUP BY 1`,
  );
  const debitWord = rows.find((x) => DEBITED.includes(String(x.v)))?.v;
  const creditWord = rows.find((x) => CREDITED.includes(String(x.v)))?.v;
  if (!creditWord || rows.length !== (debitWord ? 2 : 1)) return undefined;
  const s = term(side.name);
  const a = term(amount.name);
  const isDebit = `lower(trim(${s})) = '${String(debitWord ?? DEBITED[0])}'`;
  const signed = `if(${isDebit}, -${a}, ${a})`;
  const account = accountColumn(p, [side.name, amount.name]);
  const taken = new Set([side.name, ...(account ? [account.name] : [])]);
  const recognised: Recognised = { ...r, unused: r.unused.filter((n) => !taken.has(n)) };
  const base = { debit: side.name, credit: amount.name, amount: signed, creditWhen: isDebit, credited: a };
  const splitWhy = initText('ledgerSideSplit', { side: side.name, amount: amount.name });
  if (!account) {
    return {
      recognised,
      ledger: {
        ...base,
        revenueClass: '',
        revenueLines: p.rows,
        otherLines: 0,
        splitWhy,
        why: initText('ledgerSideOneAccount', { side: side.name, amount: amount.name }),
      },
    };
  }
  const sql = (word: unknown) => `lower(trim(${q(side.name)})) = '${String(word)}'`;
  const accounts = await revenueAccounts(engine, p, r.language, account, file, signed, {
    credited: sql(creditWord),
    debited: debitWord ? sql(debitWord) : 'false',
  });
  return {
    recognised,
    ledger: {
      ...base,
      account: account.name,
      revenueClass: accounts.cls,
      revenueLines: accounts.lines,
      otherLines: accounts.others,
      rule: accounts.rule,
      splitWhy,
      why: initText('ledgerSide', {
        side: side.name,
        amount: amount.name,
        account: account.name,
        cls: accounts.cls,
        lines: accounts.lines,
        others: accounts.others,
      }),
    },
  };
}
