/**
 * Reads a targeted group's baseline from an analysed workspace (customer P&L, CLV and its
 * fitted purchase model): per-customer monthly curves from the model's forecaster, summed
 * once; cost lines per purchase (or per active customer-year) from the analysis period.
 */
import { FORECASTERS } from '../clv/index.ts';
import { unreachable, WorthError } from '../core/index.ts';
import { costColumn, type CostModel, type CompiledActivity } from '../costing/index.ts';
import type { Engine } from '../warehouse/index.ts';
import type { CostLine, GroupBaseline, VolumeDriver } from './baseline.ts';
import { sumCurves } from './sumCurves.ts';
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
export async function readBaseline(engine: Engine, model: CostModel, targets: string, years: number, subject: string): Promise<GroupBaseline> {
  for (const t of ['customer_pnl', 'customer_clv', 'clv_fit']) {
    if (!(await engine.tableExists(t))) throw new WorthError('workspace', { path: t }, undefined, 'a workspace after `worth analyze` and `worth clv`', `table ${t} is missing (run \`worth analyze\` and \`worth clv\` first)`);
  }
  const q = engine.dialect.quoteIdent;
  const filter = targets.trim() === '' || targets.trim() === 'true' ? { sql: 'TRUE', params: [] } : await compileTargets(engine, targets, subject);
  await engine.run(`DROP TABLE IF EXISTS ${TARGETS}`);
  await engine.run(
    `CREATE TEMP TABLE ${TARGETS} AS SELECT v.customer_id FROM customer_clv v JOIN customer_pnl p ON p.customer_id = v.customer_id LEFT JOIN customers c ON c.customer_id = v.customer_id WHERE ${filter.sql}`,
    filter.params,
  );
  const fits = await engine.query('SELECT model, params FROM clv_fit');
  const fit = fits.find((r) => FORECASTERS.has(String(r.model)));
  if (!fit) throw new WorthError('workspace', { path: 'clv_fit' }, fits.map((r) => r.model).join(', '), `a purchase model (${[...FORECASTERS.keys()].join(', ')})`);
  const forecaster = FORECASTERS.get(String(fit.model))!;
  const params = JSON.parse(String(fit.params)) as Record<string, number>;

  const months = years * 12;
  const cols = await engine.queryNumericColumns(
    `SELECT v.x, v.t_x, v."T", v.expected_spend, v.margin_rate FROM customer_clv v JOIN ${TARGETS} t ON t.customer_id = v.customer_id ORDER BY v.customer_id`,
  );
  const n = cols.x?.length ?? 0;
  const g = sumCurves(forecaster, params, { x: cols.x!, tx: cols.t_x!, T: cols.T!, spend: cols.expected_spend!, marginRate: cols.margin_rate! }, months);

  const costSums = model.activities.map((a) => `CAST(coalesce(sum(p.${q(costColumn(a.id))}), 0) AS DOUBLE)`);
  const pnl = await engine.queryNumericColumns(
    `SELECT CAST(coalesce(sum(p.returns), 0) AS DOUBLE) AS returns, CAST(coalesce(sum(p.gross_margin), 0) AS DOUBLE) AS margin,
       CAST(coalesce(sum(p.gross_sales - p.discounts), 0) AS DOUBLE) AS revenue${costSums.map((s, i) => `, ${s} AS a${i}`).join('')}
     FROM customer_pnl p JOIN ${TARGETS} t ON t.customer_id = p.customer_id`,
  );
  const period = [model.period.start, model.period.end];
  const vol = await engine.queryNumericColumns(
    `SELECT (SELECT CAST(count(DISTINCT (o.customer_id, o.order_date)) AS DOUBLE) FROM order_lines o JOIN ${TARGETS} t ON t.customer_id = o.customer_id WHERE o.order_date BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)) AS purchases,
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
    ordersPerPurchase: per(vol.orders![0]!),
    contactsPerPurchase: per(vol.contacts![0]!),
    returnsPerPurchase: per(pnl.returns![0]!),
    marginRate: revenue > 0 ? pnl.margin![0]! / revenue : 0,
    lines,
  };
}
