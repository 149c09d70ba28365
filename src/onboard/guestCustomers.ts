/**
 * Guest checkouts in a web shop that numbers its customer accounts: WooCommerce writes
 * `Customer User ID` 0 for every order placed without an account, which would make all guests
 * one customer "0"; Magento leaves `customer_id` empty, which would leave them unattributed.
 * Their e-mail address is their id instead.
 */
import type { Engine } from '../warehouse/index.ts';
import { term } from './exportYaml.ts';
import type { Recognised } from './recognise.ts';
import type { ExportProfile } from './sniffExport.ts';
import { DEFAULT_MISSING_VALUES } from '../workspace/index.ts';
import { initText, type Bilingual } from '../words/index.ts';

/** The customer id formula for guests, and why. */
export interface GuestCustomers {
  /** The customer id: the e-mail address where the account number is 0. */
  id: string;
  /** How guests are written: account number 0 (WooCommerce) or none (Magento). */
  kind: 'zero' | 'empty';
  /** Lines with account number 0 (or none) and an e-mail address. */
  lines: number;
  /** What was seen, for the worth.yaml comment, in both languages (said in the export's). */
  why: Bilingual;
}

/** Reads whether the customer id is 0 on some lines of an export that also has an e-mail column. */
export async function guestCustomers(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<GuestCustomers | undefined> {
  const id = r.columns.customer_id;
  const email = r.email;
  if (!id || !email || (id.kind !== 'integer' && id.kind !== 'number')) return undefined;
  const q = engine.dialect.quoteIdent;
  const missing = (c: string) =>
    `(${q(c)} IS NULL OR upper(trim(${q(c)})) IN (${DEFAULT_MISSING_VALUES.map((m) => `'${m}'`).join(', ')}))`;
  const row = (
    await engine.query(
      `SELECT count(*) FILTER (WHERE trim(${q(id.name)}) = '0') AS zero,
         count(*) FILTER (WHERE ${missing(id.name)} AND NOT ${missing(email.name)}) AS empty
       FROM ${q(p.table)}`,
    )
  )[0]!;
  const zero = Number(row.zero);
  const empty = Number(row.empty);
  if (zero > 0)
    return {
      id: `if(${term(id.name)} = '0', ${term(email.name)}, ${term(id.name)})`,
      kind: 'zero',
      lines: zero,
      why: initText('guestsZero', { column: id.name, lines: zero, email: email.name }),
    };
  if (empty === 0) return undefined;
  return {
    id: `coalesce(${term(id.name)}, ${term(email.name)})`,
    kind: 'empty',
    lines: empty,
    why: initText('guestsEmpty', { column: id.name, lines: empty, email: email.name }),
  };
}
