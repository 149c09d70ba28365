/**
 * `worth init DIR --from lines.csv --from orders.csv`: an ERP's export in two files, the order
 * lines (order number, quantity, price or amount; no customer and date) and the orders (the same
 * order number, customer, date; one row per order). Each file is profiled as init profiles one
 * export; which is which is read from their columns (in either order); the order number is the
 * lines' order column, which the orders file must have under the same name (worth.yaml's
 * `lookup.on`). The rest of init then reads one joined copy: every line with its order's
 * columns (the first row of an order number, as ingest's lookupJoin.ts takes it), so period,
 * customers and volumes are the loaded lines'.
 */
import path from 'node:path';
import { unreachable, WorthError } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { bilingual, initText, initWord, type Bilingual, type Lang } from '../words/index.ts';
import { LINE_ROLES, recognise, type Recognised } from './recognise.ts';
import { profileColumn, sniffExport, type ExportProfile } from './sniffExport.ts';

/** Two exports read as order lines and their orders. */
export interface TwoExports {
  /** The joined copy's profile: the lines' dialect and columns, then the orders' columns joined. */
  profile: ExportProfile;
  /** The order lines' file (as given). */
  linesFile: string;
  /** The orders' file (as given) and its own profile (its format block). */
  ordersFile: string;
  ordersProfile: ExportProfile;
  /** The order number's column, the same name in both files (as the lines write it). */
  on: string;
  /** The orders file's columns joined to the lines (every column but the key and the lines' own). */
  joined: string[];
}

/** The joined copy's table (the lines with their order's columns), which init's later reads query. */
const JOINED = 'onboard_pair';

/** A share of an orders file's rows with an order number of their own below which it is no orders file. */
const ONE_PER_ORDER = 0.95;

interface Read {
  file: string;
  name: string;
  profile: ExportProfile;
  recognised: Recognised;
  /** Rows whose order number another row has too (0 without an order column). */
  repeated: number;
  /** Distinct order numbers. */
  orders: number;
}

/** What one file looks like: order lines, orders, a complete export, or neither. */
type Kind = 'lines' | 'orders' | 'complete' | 'repeated' | 'other';

function kindOf(r: Read): Kind {
  const c = r.recognised.columns;
  const money = Boolean((c.quantity && c.unit_price) || c.amount || c.amount_incl);
  const dated = Boolean(c.customer_id && c.order_date);
  if (!c.order_id) return 'other';
  if (!dated) return money ? 'lines' : 'other';
  const present = c.order_id.present;
  if (present - r.repeated >= ONE_PER_ORDER * present) return 'orders';
  return money ? 'complete' : 'repeated';
}

/** Same name as ingest's lookup compares it: trimmed, without case. */
function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Profiles both files in `engine`, tells the lines from the orders and stages their joined copy
 * as the table init reads; a pair that is not order lines and their orders,
 * or without a shared order column, is one WorthError naming both files.
 */
export async function twoExports(engine: Engine, files: [string, string], tmp: string): Promise<TwoExports> {
  const q = engine.dialect.quoteIdent;
  const reads: Read[] = [];
  for (const [i, file] of files.entries()) {
    const profile = await sniffExport(engine, file, tmp);
    const table = `onboard_export_${i + 1}`;
    // The staged view is replaced by the next file's: kept as a table of its own.
    await engine.run(`CREATE TABLE ${q(table)} AS SELECT * FROM ${q(profile.table)}`);
    const recognised = recognise(profile.columns);
    const order = recognised.columns.order_id;
    const counts = order
      ? (
          await engine.query(
            `SELECT count(*) AS n, count(DISTINCT trim(${q(order.name)})) AS d FROM ${q(table)} WHERE nullif(trim(${q(order.name)}), '') IS NOT NULL`,
          )
        )[0]!
      : { n: 0, d: 0 };
    reads.push({
      file,
      name: path.basename(file),
      profile: { ...profile, table },
      recognised,
      repeated: Number(counts.n) - Number(counts.d),
      orders: Number(counts.d),
    });
  }
  const [a, b] = reads as [Read, Read];
  const kinds = [kindOf(a), kindOf(b)] as const;
  const linesAt = kinds.indexOf('lines');
  const ordersAt = kinds.indexOf('orders');
  // The pair's language: the lines' names, else either file's, else the Dutch habits (`;`, a decimal comma).
  const lang: Lang =
    [a, b].find((r) => (r.recognised.votes ?? 0) > 0)?.recognised.language ??
    (a.profile.delimiter === ';' || a.profile.decimal === ',' ? 'nl' : 'en');
  if (linesAt < 0 || ordersAt < 0 || linesAt === ordersAt) {
    const seen = (r: Read, k: Kind) => {
      const c = r.recognised.columns;
      switch (k) {
        case 'lines':
          return initWord(lang, 'pairSeenLines', { order: c.order_id!.name });
        case 'orders':
          return initWord(lang, 'pairSeenOrders', {
            order: c.order_id!.name,
            customer: c.customer_id!.name,
            date: c.order_date!.name,
          });
        case 'complete':
          return initWord(lang, 'pairSeenComplete');
        case 'repeated':
          return initWord(lang, 'pairSeenRepeated', { order: c.order_id!.name, n: r.repeated });
        case 'other':
          return initWord(lang, 'pairSeenOther', {
            columns: r.profile.columns.map((x) => x.name).join(', '),
          });
        default:
          return unreachable(k, 'export kind');
      }
    };
    throw new WorthError(
      'input',
      { file: a.name },
      undefined,
      'order lines and their orders',
      initWord(lang, 'pairMismatch', {
        a: a.name,
        b: b.name,
        aSeen: seen(a, kinds[0]),
        bSeen: seen(b, kinds[1]),
      }),
    );
  }
  const lines = reads[linesAt]!;
  const orders = reads[ordersAt]!;
  const order = lines.recognised.columns.order_id!.name;
  const oc = orders.recognised.columns;
  const key = orders.profile.columns.find((c) => sameName(c.name, order))?.name;
  if (key === undefined)
    throw new WorthError(
      'input',
      { file: lines.name },
      undefined,
      `a column ${order} in ${orders.name}`,
      initWord(lang, 'pairNoShared', {
        lines: lines.name,
        ordersFile: orders.name,
        order,
        customer: oc.customer_id!.name,
        date: oc.order_date!.name,
        columns: orders.profile.columns.map((x) => x.name).join(', '),
      }),
    );
  // The orders' columns a line takes: not the key, not a name the lines have, none of a line's own parts
  // (an order's total is not a line's amount).
  const lineRoles = new Set(
    LINE_ROLES.flatMap((r) => {
      const c = oc[r];
      return c ? [c.name] : [];
    }),
  );
  const joined = orders.profile.columns
    .map((c) => c.name)
    .filter((n) => n !== key && !lineRoles.has(n) && !lines.profile.columns.some((c) => sameName(c.name, n)));
  // Each order number's first row (as ingest keeps it), in SQL every engine reads: no window, no QUALIFY.
  const ordersTable = q(orders.profile.table);
  const firstRows = `SELECT * FROM ${ordersTable} WHERE _rn IN (SELECT min(_rn) FROM ${ordersTable} GROUP BY trim(${q(key)}))`;
  await engine.run(
    `CREATE TABLE ${JOINED} AS SELECT l.*, ${joined.map((n) => `o.${q(n)}`).join(', ')}
     FROM ${q(lines.profile.table)} l LEFT JOIN (${firstRows}) o ON trim(l.${q(order)}) = trim(o.${q(key)})
     ORDER BY l._rn`,
  );
  // The orders' columns profiled again on the joined lines: their counts are the lines' (customers, dates per line).
  const p = lines.profile;
  const columns = [...p.columns];
  for (const n of joined) columns.push(await profileColumn(engine, JOINED, n, p.decimal, p.thousands));
  const inFile = (file: string, r: Bilingual): Bilingual => bilingual((l) => `${file}: ${r[l]}`);
  const why = initText('pairedExports', {
    lines: lines.name,
    linesRows: lines.profile.rows,
    orders: lines.orders,
    ordersFile: orders.name,
    ordersRows: orders.profile.rows,
    customer: oc.customer_id!.name,
    date: oc.order_date!.name,
    on: order,
  });
  const repeats = orders.repeated
    ? [initText('pairedRepeats', { ordersFile: orders.name, n: orders.repeated })]
    : [];
  return {
    profile: {
      ...p,
      columns,
      table: JOINED,
      reasons: [
        why,
        ...repeats,
        ...p.reasons.map((r) => inFile(lines.name, r)),
        ...orders.profile.reasons.map((r) => inFile(orders.name, r)),
      ],
    },
    linesFile: lines.file,
    ordersFile: orders.file,
    ordersProfile: orders.profile,
    on: order,
    joined,
  };
}
