/**
 * A general-ledger export (Twinfield, Exact's "Grootboekkaart", Visma, Sage's nominal activity,
 * a QuickBooks general ledger): no signed amount but a `Debet`/`Debit` and a `Credit` column, one
 * journal line per row, and beside the sales the other half of every booking (VAT, debtors, bank).
 * Recognised once here, for Dutch and English names. A sale is a line on a revenue account: in
 * the Dutch decimal chart of accounts class 8 (8000-8999, "opbrengsten"), in English charts class
 * 4 (4000-4999, "income"/"sales"); its amount is Credit - Debit, a credit note's line is Debit
 * > Credit. Every other line (VAT, debtors, bank, cost) is left out by an `exclude_when` rule,
 * counted with its money, never rejected. An export without an account column is taken as one
 * revenue account's card (every line a sale).
 */
import { WorthError } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { initText, initWord, type Bilingual } from '../words/index.ts';
import { term } from './exportYaml.ts';
import { normaliseName, recognise, ROLES, type Recognised } from './recognise.ts';
import { missingSql, type ColumnProfile, type ExportProfile } from './sniffExport.ts';

/** Debit column names (normalised as recognise.ts does): Dutch, then English. */
const DEBIT = {
  nl: ['debet', 'debetbedrag', 'bedragdebet'],
  en: ['debit', 'dr', 'debitamount', 'amountdebit', 'debits'],
};
/** Credit column names: the same word in both languages, and the usual variants. */
const CREDIT = {
  nl: ['credit', 'creditbedrag', 'bedragcredit'],
  en: ['credit', 'cr', 'creditamount', 'amountcredit', 'credits'],
};
/** Ledger account column names. */
const ACCOUNT = [
  'grootboekrekening',
  'grootboek',
  'grootboeknummer',
  'grootboekrekeningnummer',
  'grootboekrek',
  'gbrekening',
  'rekening',
  'rekeningnummer',
  'rekeningcode',
  'account',
  'accountnumber',
  'accountno',
  'accountcode',
  'glaccount',
  'glcode',
  'glaccountnumber',
  'nominalcode',
  'nominal',
  'nominalaccount',
  'ledgeraccount',
];

/** The class (first digit) of revenue accounts in the usual chart of accounts of each language. */
const REVENUE_CLASS = { nl: '8', en: '4' } as const;

/** The debit and credit columns of an export, and the language their names are in. */
export interface DebitCredit {
  debit: ColumnProfile;
  credit: ColumnProfile;
  language: 'nl' | 'en';
}

/** The export's debit and credit columns (both must read as numbers); undefined when it has not both. */
export function debitCredit(columns: ColumnProfile[]): DebitCredit | undefined {
  const isNumber = (c: ColumnProfile) => c.kind === 'number' || c.kind === 'integer';
  const find = (names: string[]) => columns.find((c) => isNumber(c) && names.includes(normaliseName(c.name)));
  const nlDebit = find(DEBIT.nl);
  const enDebit = find(DEBIT.en);
  const debit = nlDebit ?? enDebit;
  const credit = find([...CREDIT.nl, ...CREDIT.en]);
  if (!debit || !credit) return undefined;
  return { debit, credit, language: nlDebit ? 'nl' : 'en' };
}

/** A ledger export as worth.yaml reads it. */
export interface Ledger {
  debit: string;
  credit: string;
  /** The account column, absent for one account's card. */
  account?: string;
  /** The first digit of revenue accounts. */
  revenueClass: string;
  /** Lines on revenue accounts, and the others (left out). */
  revenueLines: number;
  otherLines: number;
  /** A sale's amount: Credit - Debit (a credit note's below zero). */
  amount: string;
  /** The credit note's test and its credited amount. */
  creditWhen: string;
  credited: string;
  /** Why a line is a credit, for the split's comment (default: more debit than credit). */
  splitWhy?: Bilingual;
  /** The `exclude_when` rule for lines on other accounts (absent without an account column). */
  rule?: string;
  why: Bilingual;
}

/**
 * Reads a ledger export: its debit/credit columns, account column and revenue class, the lines
 * each way (counted in SQL over the staged text). The recognised columns get the credit column as
 * the amount (so the checks for an order-lines source pass) with the account columns out of
 * `unused`. Undefined when the export has no debit and credit columns; a WorthError, in the
 * export's language, when revenue accounts cannot be told from the others (no class-8 or
 * class-4 account that is mostly credited): it names the accounts seen and the rule to write.
 */
export async function ledgerLines(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
  file: string,
): Promise<{ ledger: Ledger; recognised: Recognised } | undefined> {
  const dc = debitCredit(p.columns);
  if (!dc) return undefined;
  const lang = r.language;
  const account = accountColumn(p, [dc.debit.name, dc.credit.name]);
  const debit = term(dc.debit.name);
  const credit = term(dc.credit.name);
  const amount = `coalesce(${credit}, 0) - coalesce(${debit}, 0)`;
  const base = {
    debit: dc.debit.name,
    credit: dc.credit.name,
    amount,
    creditWhen: `coalesce(${debit}, 0) > coalesce(${credit}, 0)`,
    credited: `coalesce(${debit}, 0) - coalesce(${credit}, 0)`,
  };
  const columns = { ...r.columns, amount: dc.credit };
  // An account column taken for another part (English `Account` is a customer's in most exports): that part is read again without it.
  if (account) {
    const again = recognise(p.columns.filter((c) => c.name !== account.name));
    for (const role of ROLES) {
      if (columns[role]?.name !== account.name) continue;
      if (again.columns[role]) columns[role] = again.columns[role];
      else delete columns[role];
    }
  }
  const taken = new Set([dc.debit.name, dc.credit.name, ...(account ? [account.name] : [])]);
  const recognised: Recognised = { ...r, columns, unused: r.unused.filter((n) => !taken.has(n)) };
  if (!account) {
    return {
      recognised,
      ledger: {
        ...base,
        revenueClass: '',
        revenueLines: p.rows,
        otherLines: 0,
        why: initText('ledgerOneAccount', { debit: dc.debit.name, credit: dc.credit.name }),
      },
    };
  }
  const filled = (c: string) => `NOT ${missingSql(engine.dialect.quoteIdent(c))}`;
  const accounts = await revenueAccounts(engine, p, lang, account, file, amount, {
    credited: filled(dc.credit.name),
    debited: filled(dc.debit.name),
  });
  const { cls, lines, others } = accounts;
  return {
    recognised,
    ledger: {
      ...base,
      account: account.name,
      revenueClass: cls,
      revenueLines: lines,
      otherLines: others,
      rule: accounts.rule,
      why: initText('ledgerAccounts', {
        debit: dc.debit.name,
        credit: dc.credit.name,
        account: account.name,
        cls,
        lines,
        others,
      }),
    },
  };
}

/** The ledger account column of an export (`Grootboekrekening`, `Account`), other than the columns named in `not`. */
export function accountColumn(p: ExportProfile, not: string[]): ColumnProfile | undefined {
  return p.columns.find((c) => !not.includes(c.name) && ACCOUNT.includes(normaliseName(c.name)));
}

/** The revenue accounts of a ledger export: their class, lines, the other lines and the rule leaving those out. */
export interface RevenueAccounts {
  cls: string;
  lines: number;
  /** Lines on other accounts or without one. */
  others: number;
  /** The `exclude_when` rule for the lines on other accounts. */
  rule: string;
}

/**
 * Counts the lines per account class (the first digit of `account`) with `sides`' SQL tests of a
 * credited and a debited line; the revenue class is the language's (8 in a Dutch chart, 4 in an
 * English one) when its lines are mostly credited. A WorthError, in the export's language, when
 * it is not: it names the classes seen and the `amount` to write.
 */
export async function revenueAccounts(
  engine: Engine,
  p: ExportProfile,
  lang: 'nl' | 'en',
  account: ColumnProfile,
  file: string,
  amount: string,
  sides: { credited: string; debited: string },
): Promise<RevenueAccounts> {
  const q = engine.dialect.quoteIdent;
  const a = q(account.name);
  const rows = await engine.query(
    `SELECT substr(trim(${a}), 1, 1) AS class, count(*) AS lines,
       sum(CASE WHEN ${sides.credited} THEN 1 ELSE 0 END) AS credited,
       sum(CASE WHEN ${sides.debited} THEN 1 ELSE 0 END) AS debited
     FROM ${q(p.table)} WHERE NOT ${missingSql(a)} GROUP BY 1 ORDER BY 1`,
  );
  const classes = rows.map((x) => ({
    cls: String(x.class),
    lines: Number(x.lines),
    credited: Number(x.credited),
    debited: Number(x.debited),
  }));
  const cls = REVENUE_CLASS[lang];
  const revenue = classes.find((c) => c.cls === cls && c.credited > c.debited);
  if (!revenue) {
    const seen = classes.map((c) => c.cls).join(', ');
    throw new WorthError(
      'input',
      { file },
      seen,
      `revenue accounts in class ${cls}`,
      initWord(lang, 'ledgerNoRevenue', { column: account.name, cls, seen, amount }),
    );
  }
  const others = classes.filter((c) => c.cls !== cls).reduce((s, c) => s + c.lines, 0);
  const missingAccount = p.rows - classes.reduce((s, c) => s + c.lines, 0);
  return {
    cls,
    lines: revenue.lines,
    others: others + missingAccount,
    rule: `not starts_with(coalesce(trim(${term(account.name)}), ''), '${cls}')`,
  };
}
