/**
 * Guest checkouts in a web shop that numbers its customer accounts: WooCommerce writes
 * `Customer User ID` 0 for every order placed without an account, which would make all guests
 * one customer "0". Their e-mail address is their id instead.
 */
import type { Engine } from '../warehouse/index.ts';
import { term } from './exportYaml.ts';
import type { Recognised } from './recognise.ts';
import type { ExportProfile } from './sniffExport.ts';

/** The customer id formula for guests, and why. */
export interface GuestCustomers {
  /** The customer id: the e-mail address where the account number is 0. */
  id: string;
  /** Lines with account number 0. */
  lines: number;
  /** What was seen, for the worth.yaml comment (English, as the other guesses). */
  why: string;
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
  const row = (
    await engine.query(`SELECT count(*) AS n FROM ${q(p.table)} WHERE trim(${q(id.name)}) = '0'`)
  )[0]!;
  const lines = Number(row.n);
  if (lines === 0) return undefined;
  return {
    id: `if(${term(id.name)} = '0', ${term(email.name)}, ${term(id.name)})`,
    lines,
    why: `${id.name} is 0 on ${lines.toLocaleString('en-US')} lines (orders without an account): those customers are their ${email.name}`,
  };
}
