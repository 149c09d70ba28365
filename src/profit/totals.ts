/**
 * Company totals and the two reconciliation identities:
 * - cost: assigned to customers + unattributed + unused capacity = the cost pools, to the cent;
 * - sales: customers' net sales + unattributed = net sales computed straight from the ingested tables.
 */
import { fromScaled, normaliseMoney, toScaled, type MoneyString } from '../core/index.ts';
import type { ActivityResult } from '../costing/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { SUMMARY_COLUMNS } from './columns.ts';

/** Sums over all customers (unattributed events excluded). Money as exact decimal strings. */
export interface Totals {
  grossSales: MoneyString;
  discounts: MoneyString;
  returns: MoneyString;
  rebates: MoneyString;
  netSales: MoneyString;
  cogs: MoneyString;
  grossMargin: MoneyString;
  costToServe: MoneyString;
  contribution: MoneyString;
  /** Unused capacity over all activities (a company cost, never charged to customers). */
  unusedCapacity: MoneyString;
}

/** The reconciliation printed by `worth analyze`; both differences must be "0.00". */
export interface Reconciliation {
  /** Sum of the cost pools (configured pools plus direct, fixed and credit money). */
  costPools: MoneyString;
  /** Sum of cost to serve over customers, read back from customer_pnl. */
  assignedToCustomers: MoneyString;
  /** Cost of events without a customer. */
  unattributed: MoneyString;
  unusedCapacity: MoneyString;
  /** costPools - assignedToCustomers - unattributed - unusedCapacity. */
  difference: MoneyString;
  /** Net sales: customers + unattributed against the company figure from the ingested tables. */
  netSales: {
    customers: MoneyString;
    unattributed: MoneyString;
    company: MoneyString;
    difference: MoneyString;
  };
}

const m = (v: unknown): bigint => toScaled(String(v ?? '0'));

/** Reads totals and checks both identities. */
export async function computeTotals(
  engine: Engine,
  activities: ActivityResult[],
): Promise<{ customers: number; totals: Totals; reconciliation: Reconciliation }> {
  const sums = SUMMARY_COLUMNS.map((c) => `CAST(coalesce(sum(${c}), 0) AS VARCHAR) AS ${c}`).join(', ');
  const [t] = await engine.query(`SELECT count(*) AS n, ${sums} FROM customer_pnl`);
  const [u] = await engine.query(
    `SELECT CAST(coalesce(sum(net_sales), 0) AS VARCHAR) AS net_sales FROM pnl_unattributed`,
  );
  const [c] = await engine.query(
    'SELECT (SELECT CAST(coalesce(sum(gross_amount - discount_amount), 0) AS VARCHAR) FROM order_lines) AS invoiced, ' +
      '(SELECT CAST(coalesce(sum(credited_amount), 0) AS VARCHAR) FROM returns) AS returned, ' +
      '(SELECT CAST(coalesce(sum(amount), 0) AS VARCHAR) FROM rebates) AS rebated',
  );
  const sumOf = (f: (a: ActivityResult) => string) => activities.reduce((s, a) => s + toScaled(f(a)), 0n);
  const pools = sumOf((a) => a.pool);
  const unused = sumOf((a) => a.unused);
  const unattributed = sumOf((a) => a.unattributed);
  const assigned = m(t!.cost_to_serve);
  const company = m(c!.invoiced) - m(c!.returned) - m(c!.rebated);
  const customersNet = m(t!.net_sales);
  const unattributedNet = m(u?.net_sales);
  const s = (k: string) => normaliseMoney(String(t![k]));
  return {
    customers: Number(t!.n),
    totals: {
      grossSales: s('gross_sales'),
      discounts: s('discounts'),
      returns: s('returns'),
      rebates: s('rebates'),
      netSales: s('net_sales'),
      cogs: s('cogs'),
      grossMargin: s('gross_margin'),
      costToServe: s('cost_to_serve'),
      contribution: s('contribution'),
      unusedCapacity: fromScaled(unused),
    },
    reconciliation: {
      costPools: fromScaled(pools),
      assignedToCustomers: fromScaled(assigned),
      unattributed: fromScaled(unattributed),
      unusedCapacity: fromScaled(unused),
      difference: fromScaled(pools - assigned - unattributed - unused),
      netSales: {
        customers: fromScaled(customersNet),
        unattributed: fromScaled(unattributedNet),
        company: fromScaled(company),
        difference: fromScaled(company - customersNet - unattributedNet),
      },
    },
  };
}
