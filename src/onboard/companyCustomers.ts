/**
 * Who the customer is when an export names no customer number (a B2B web shop): a person's
 * e-mail address or name on each line, and beside it the company they order for. The company is
 * the customer when every address (or contact) orders for one company only and there are fewer
 * companies than addresses: several contacts of one company are one customer. Otherwise an
 * e-mail address stays the key, read in lower case without spaces (`Jane.Doe@Example.com` and
 * ` jane.doe@example.com` are one buyer), when the export writes one address in several ways.
 */
import type { Engine } from '../warehouse/index.ts';
import { DEFAULT_MISSING_VALUES } from '../workspace/index.ts';
import { initText, type Bilingual } from '../words/index.ts';
import { term } from './exportYaml.ts';
import { normaliseName, type Recognised } from './recognise.ts';
import type { ColumnProfile, ExportProfile } from './sniffExport.ts';

/** Column names of the company a contact orders for. */
const COMPANY_NAMES = new Set([
  'company',
  'companyname',
  'billingcompany',
  'billtocompany',
  'shippingcompany',
  'organisation',
  'organization',
  'organisationname',
  'organizationname',
  'business',
  'businessname',
  'bedrijf',
  'bedrijfsnaam',
]);

/** The customer key read from a company column or an e-mail column, and why. */
export interface CustomerKey {
  /** The recognition with the customer id taken from the company column (unchanged for an e-mail key). */
  recognised: Recognised;
  /** The customer id formula, when it is not the column itself (an e-mail address in lower case). */
  id?: string;
  why: Bilingual;
}

/** Whether a column holds e-mail addresses: by its name or its first values. */
function isEmail(c: ColumnProfile): boolean {
  const n = normaliseName(c.name);
  if (n.includes('email') || n.includes('mail')) return true;
  return c.examples.length > 0 && c.examples.every((v) => /^\s*[^@\s]+@[^@\s]+\.[^@\s]+\s*$/.test(v));
}

/** Reads the company or e-mail key of an export whose customer column is a person's address or name. */
export async function companyCustomers(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<CustomerKey | undefined> {
  const id = r.columns.customer_id;
  if (!id || id.kind !== 'text') return undefined;
  const q = engine.dialect.quoteIdent;
  const t = q(p.table);
  const present = (c: string) =>
    `NOT (${q(c)} IS NULL OR upper(trim(${q(c)})) IN (${DEFAULT_MISSING_VALUES.map((m) => `'${m}'`).join(', ')}))`;
  const person = isEmail(id) || /contact|buyer|person|user/.test(normaliseName(id.name));
  const company = p.columns.find((c) => c.name !== id.name && COMPANY_NAMES.has(normaliseName(c.name)));
  if (person && company) {
    const row = (
      await engine.query(
        `SELECT count(DISTINCT k) AS keys, count(DISTINCT c) AS companies,
           sum(CASE WHEN n > 1 THEN 1 ELSE 0 END) AS shared,
           (SELECT count(*) FROM ${t} WHERE ${present(id.name)} AND NOT ${present(company.name)}) AS without
         FROM (SELECT lower(trim(${q(id.name)})) AS k, min(trim(${q(company.name)})) AS c,
                 count(DISTINCT trim(${q(company.name)})) AS n
               FROM ${t} WHERE ${present(id.name)} AND ${present(company.name)} GROUP BY 1) x`,
      )
    )[0]!;
    const keys = Number(row.keys);
    const companies = Number(row.companies);
    if (keys > 0 && Number(row.shared) === 0 && Number(row.without) === 0 && companies < keys) {
      const columns = { ...r.columns, customer_id: company };
      if (columns.customer_name?.name === company.name) delete columns.customer_name;
      return {
        recognised: { ...r, columns, unused: [...r.unused.filter((n) => n !== company.name), id.name] },
        why: initText('companyCustomer', {
          company: company.name,
          companies: String(companies),
          column: id.name,
          keys: String(keys),
        }),
      };
    }
  }
  if (!isEmail(id)) return undefined;
  const row = (
    await engine.query(
      `SELECT count(DISTINCT ${q(id.name)}) AS written, count(DISTINCT lower(trim(${q(id.name)}))) AS addresses
       FROM ${t} WHERE ${present(id.name)}`,
    )
  )[0]!;
  const written = Number(row.written);
  const addresses = Number(row.addresses);
  if (written === addresses) return undefined;
  return {
    recognised: r,
    id: `lower(trim(${term(id.name)}))`,
    why: initText('emailCase', { column: id.name, written: String(written), addresses: String(addresses) }),
  };
}
