/**
 * Reads a targeted group's baseline from an analysed workspace (customer P&L, CLV and its
 * fitted purchase model): per-customer monthly curves from the model's forecaster, summed
 * once; cost lines per purchase (or per active customer-year) from the analysis period.
 */
import { FORECASTERS } from '../clv/index.ts';
import {
  CLV_UNDETERMINED_COLUMN,
  isPurchaseModelId,
  PURCHASE_MODEL_IDS,
  typedParams,
  unreachable,
  WorthError,
  type ParamsOf,
  type PurchaseModelId,
} from '../core/index.ts';
import { costColumn, type CostModel, type CompiledActivity } from '../costing/index.ts';
import type { Engine } from '../warehouse/index.ts';
import type { CostLine, GroupBaseline, VolumeDriver } from './baseline.ts';
import { sumCurves } from './sumCurves.ts';
import { emptyCurves, type GroupCurves } from './baseline.ts';
import { compileTargets } from './targetScope.ts';

const TARGETS = 'scenario_targets';

/** What a cost line grows with when the scenario changes volumes: every kind and driver table named, so a new one must be placed here. */
function driverOf(a: CompiledActivity): VolumeDriver {
  switch (a.kind) {
    case 'fixed':
      return 'customers';
    case 'credit':
      return 'purchases';
    case 'time':
    case 'direct':
      switch (a.driver.table) {
        case 'returns':
          return 'returns';
        case 'service_contacts':
          return 'contacts';
        case 'orders':
        case 'order_lines':
        case 'shipments':
        case 'invoices':
          return 'purchases';
        default:
          return unreachable(a.driver.table, 'driver table');
      }
    default:
      return unreachable(a, 'activity kind');
  }
}

/** The baseline of the customers matching `targets` over `years` (1-10). */
export async function readBaseline(
  engine: Engine,
  model: CostModel,
  targets: string,
  years: number,
  subject: string,
): Promise<GroupBaseline> {
  for (const t of ['customer_pnl', 'customer_clv', 'clv_fit']) {
    if (!(await engine.tableExists(t)))
      throw new WorthError(
        'workspace',
        { path: t },
        undefined,
        'a workspace after `worth analyze` and `worth clv`',
        `table ${t} is missing (run \`worth analyze\` and \`worth clv\` first)`,
      );
  }
  const q = engine.dialect.quoteIdent;
  const filter =
    targets.trim() === '' || targets.trim() === 'true'
      ? { sql: 'TRUE', params: [] }
      : await compileTargets(engine, targets, subject);
  await engine.run(`DROP TABLE IF EXISTS ${TARGETS}`);
  // a customer whose lifetime value is undetermined has no curves to project (its figures are empty):
  // left out and counted, also when the filter could not say (it read an empty CLV figure)
  const determinedOnly = (await engine.columns('customer_clv')).includes(CLV_UNDETERMINED_COLUMN);
  const vq = `v.${q(CLV_UNDETERMINED_COLUMN)}`;
  await engine.run(
    `CREATE TEMPORARY TABLE ${TARGETS} AS SELECT v.customer_id FROM customer_clv v JOIN customer_pnl p ON p.customer_id = v.customer_id LEFT JOIN customers c ON c.customer_id = v.customer_id WHERE (${filter.sql})${determinedOnly ? ` AND ${vq} IS NULL` : ''}`,
    filter.params,
  );
  const undeterminedRows = determinedOnly
    ? await engine.query(
        `SELECT ${vq} AS reason, count(*) AS n FROM customer_clv v JOIN customer_pnl p ON p.customer_id = v.customer_id LEFT JOIN customers c ON c.customer_id = v.customer_id WHERE ${vq} IS NOT NULL AND coalesce((${filter.sql}), TRUE) GROUP BY 1 ORDER BY 1`,
        filter.params,
      )
    : [];
  const undetermined = {
    customers: undeterminedRows.reduce((s, r) => s + Number(r.n), 0),
    reasons: undeterminedRows.map((r) => String(r.reason)),
  };
  // Customers in the P&L that match but have no lifetime value are not projected; counted so the result says so.
  const [unvaluedRow] = await engine.query(
    `SELECT count(*) AS n FROM customer_pnl p LEFT JOIN customer_clv v ON v.customer_id = p.customer_id LEFT JOIN customers c ON c.customer_id = p.customer_id WHERE v.customer_id IS NULL AND (${filter.sql})`,
    filter.params,
  );
  const unvalued = Number(unvaluedRow?.n ?? 0);
  const model0 = await purchaseFits(engine);
  const months = years * 12;
  // each customer's curves with the parameters its CLV used: its group's own fit, else the pooled one
  const hasGroup = (await engine.columns('customer_clv')).includes('fit_group');
  const cols = await engine.queryNumericColumns(
    `SELECT v.x, v.t_x, v."T", v.expected_spend, v.margin_rate FROM customer_clv v JOIN ${TARGETS} t ON t.customer_id = v.customer_id ORDER BY v.customer_id`,
  );
  const groupOf = hasGroup
    ? (
        await engine.query(
          `SELECT v.fit_group AS g FROM customer_clv v JOIN ${TARGETS} t ON t.customer_id = v.customer_id ORDER BY v.customer_id`,
        )
      ).map((r) => (r.g == null ? null : String(r.g)))
    : [];
  const n = cols.x?.length ?? 0;
  const g = groupCurves(model0, cols, groupOf, months);

  const costSums = model.activities.map((a) => `CAST(coalesce(sum(p.${q(costColumn(a.id))}), 0) AS DOUBLE)`);
  const pnl = await engine.queryNumericColumns(
    `SELECT CAST(coalesce(sum(p.returns), 0) AS DOUBLE) AS returns, CAST(coalesce(sum(p.gross_margin), 0) AS DOUBLE) AS margin,
       CAST(coalesce(sum(p.gross_sales - p.discounts), 0) AS DOUBLE) AS revenue${costSums.map((s, i) => `, ${s} AS a${i}`).join('')}
     FROM customer_pnl p JOIN ${TARGETS} t ON t.customer_id = p.customer_id`,
  );
  const period = [model.period.start, model.period.end];
  const vol = await engine.queryNumericColumns(
    `SELECT (SELECT CAST(${engine.dialect.countDistinct(['o.customer_id', 'o.order_date'])} AS DOUBLE) FROM order_lines o JOIN ${TARGETS} t ON t.customer_id = o.customer_id WHERE o.order_date BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)) AS purchases,
            (SELECT CAST(count(DISTINCT o.order_id) AS DOUBLE) FROM order_lines o JOIN ${TARGETS} t ON t.customer_id = o.customer_id WHERE o.order_date BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)) AS orders,
            (SELECT CAST(count(*) AS DOUBLE) FROM service_contacts s JOIN ${TARGETS} t ON t.customer_id = s.customer_id WHERE s.contact_date BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)) AS contacts`,
    period,
  );
  await engine.run(`DROP TABLE IF EXISTS ${TARGETS}`);
  const purchases = vol.purchases![0]!;
  const per = (x: number) => (purchases > 0 ? x / purchases : 0);
  const periodYears = Number(model.periodYears) || 1;
  const lines: CostLine[] = model.activities.map((a, i) => {
    const total = pnl[`a${i}`]![0]!;
    const driver = driverOf(a);
    const perUnit = driver === 'customers' ? (n > 0 ? total / periodYears / n : 0) : per(total);
    return { id: a.id, name: a.name, behaviour: a.behaviour, driver, perUnit };
  });
  const revenue = pnl.revenue![0]!;
  return {
    ...g,
    unvalued,
    undetermined,
    ordersPerPurchase: per(vol.orders![0]!),
    contactsPerPurchase: per(vol.contacts![0]!),
    returnsPerPurchase: per(pnl.returns![0]!),
    marginRate: revenue > 0 ? pnl.margin![0]! / revenue : 0,
    lines,
  };
}

/** A stored purchase model: its pooled parameters and each fit group's own, all typed by its id. */
type StoredPurchase<K extends PurchaseModelId = PurchaseModelId> = {
  [P in K]: { readonly model: P; readonly pooled: ParamsOf<P>; readonly byGroup: Map<string, ParamsOf<P>> };
}[K];

/** The stored purchase model: its pooled parameters and each fit group's own (`clv_fit.fit_group`; older runs have one row). */
async function purchaseFits(engine: Engine): Promise<StoredPurchase> {
  const hasGroup = (await engine.columns('clv_fit')).includes('fit_group');
  const fits = (
    await engine.query(`SELECT model, params${hasGroup ? ', fit_group' : ', NULL AS fit_group'} FROM clv_fit`)
  ).filter((r) => isPurchaseModelId(String(r.model)));
  const pooled = fits.find((r) => r.fit_group == null);
  const model = String(pooled?.model);
  if (!pooled || !isPurchaseModelId(model))
    throw new WorthError(
      'workspace',
      { path: 'clv_fit' },
      undefined,
      `a purchase model (${PURCHASE_MODEL_IDS.join(', ')})`,
      'the lifetime value run stored no purchase model (run `worth clv` again)',
    );
  return storedPurchase(model, pooled, fits);
}

/** The rows of model `model` read into its typed parameters (the JSON of `clv_fit.params`). */
function storedPurchase<K extends PurchaseModelId>(
  model: K,
  pooled: Record<string, unknown>,
  fits: readonly Record<string, unknown>[],
): StoredPurchase<K> {
  const read = (r: Record<string, unknown>) =>
    typedParams(model, JSON.parse(String(r.params)) as Readonly<Record<string, unknown>>);
  const byGroup = new Map<string, ParamsOf<K>>();
  for (const r of fits)
    if (r.fit_group != null && String(r.model) === model) byGroup.set(String(r.fit_group), read(r));
  // a correlated triple: the id and the parameters typed by it
  return { model, pooled: read(pooled), byGroup } as StoredPurchase<K>;
}

/** The targeted customers' curves summed, each customer with its group's own fit, else the pooled one. */
function groupCurves<K extends PurchaseModelId>(
  fits: StoredPurchase<K>,
  cols: Record<string, Float64Array>,
  groupOf: readonly (string | null)[],
  months: number,
): GroupCurves {
  const forecaster = FORECASTERS[fits.model];
  const n = cols.x?.length ?? 0;
  const rowsBySet = new Map<string | null, number[]>();
  for (let i = 0; i < n; i++) {
    const g = groupOf[i] ?? null;
    const key = g !== null && fits.byGroup.has(g) ? g : null;
    const list = rowsBySet.get(key) ?? [];
    list.push(i);
    rowsBySet.set(key, list);
  }
  const g = emptyCurves(months);
  for (const [key, rows] of rowsBySet) {
    const pick = (a: Float64Array) => Float64Array.from(rows, (i) => a[i]!);
    const part = sumCurves(
      forecaster,
      key === null ? fits.pooled : fits.byGroup.get(key)!,
      {
        x: pick(cols.x!),
        tx: pick(cols.t_x!),
        T: pick(cols.T!),
        spend: pick(cols.expected_spend!),
        marginRate: pick(cols.margin_rate!),
      },
      months,
    );
    addCurves(g, part);
  }
  return g;
}

/** Adds `b`'s curves into `a` (same months). */
function addCurves(a: GroupCurves, b: GroupCurves): void {
  a.customers += b.customers;
  for (let k = 0; k < a.alive.length; k++) a.alive[k] = a.alive[k]! + b.alive[k]!;
  for (let k = 0; k < a.months; k++) {
    a.purchases[k] = a.purchases[k]! + b.purchases[k]!;
    a.margin[k] = a.margin[k]! + b.margin[k]!;
    a.revenue[k] = a.revenue[k]! + b.revenue[k]!;
  }
}
