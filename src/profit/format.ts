/** `worth analyze` for people: the waterfall, the cost reconciliation, the activities and the story. */
import type { AnalysisResult } from './analyze.ts';

const money = (s: string) => {
  const [int, frac] = s.replace('-', '').split('.');
  return `${s.startsWith('-') ? '-' : ''}${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac ?? '00'}`;
};
const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const pad = (rows: string[][]) => {
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ')).join('\n');
};

/** The one line that says how to go beyond gross margin. */
export const ADD_COST_TO_SERVE =
  'no cost model: the customer P&L stops at gross margin. To add cost to serve, add a cost_model section to worth.yaml (`worth init NEWDIR` writes a starter: order handling, picking, delivery, returns, service).';

/** Formats the result as plain text tables. */
export function formatAnalysis(r: AnalysisResult, currency: string): string {
  const t = r.totals;
  const out: string[] = [];
  out.push(`${r.customers.toLocaleString('en-US')} customers, ${r.period.start} .. ${r.period.end} (${currency})`, '');
  if (r.costToServe === false) return formatGrossMargin(r, out).join('\n');
  out.push(
    pad([
      ...toGrossMargin(t),
      ['- cost to serve', money(t.costToServe)],
      ['= contribution', money(t.contribution)],
      ['unused capacity (company)', money(t.unusedCapacity)],
    ]),
    '',
  );
  out.push(
    pad([
      ['activity', 'behaviour', 'pool', 'used / capacity', 'rate/min', 'customers', 'unattributed', 'unused'],
      ...r.activities.map((a) => [
        a.id,
        a.behaviour,
        money(a.pool),
        a.utilisation === null ? '' : pct(a.utilisation),
        a.ratePerMinute === null ? '' : a.ratePerMinute.toFixed(4),
        money(a.assigned),
        money(a.unattributed),
        money(a.unused),
      ]),
    ]),
    '',
  );
  const c = r.reconciliation;
  out.push(
    `cost pools ${money(c.costPools)} = customers ${money(c.assignedToCustomers)} + unattributed ${money(c.unattributed)} + unused ${money(c.unusedCapacity)}; difference ${c.difference}`,
    `net sales: customers ${money(c.netSales.customers)} + unattributed ${money(c.netSales.unattributed)} = company ${money(c.netSales.company)}; difference ${c.netSales.difference}`,
    '',
  );
  storyLines(r, out, 'contribution');
  for (const warning of r.warnings) out.push(`warning: ${warning}`);
  return out.join('\n');
}

/** Without a cost model: the waterfall to gross margin, and the analyses ranked on it. */
function formatGrossMargin(r: AnalysisResult, out: string[]): string[] {
  out.push(
    pad(toGrossMargin(r.totals)),
    '',
    `net sales: customers ${money(r.reconciliation.netSales.customers)} + unattributed ${money(r.reconciliation.netSales.unattributed)} = company ${money(r.reconciliation.netSales.company)}; difference ${r.reconciliation.netSales.difference}`,
    '',
  );
  storyLines(r, out, 'gross margin');
  for (const warning of r.warnings) out.push(`warning: ${warning}`);
  out.push('', ADD_COST_TO_SERVE);
  return out;
}

function toGrossMargin(t: AnalysisResult['totals']): string[][] {
  return [
    ['gross sales', money(t.grossSales)],
    ['- discounts', money(t.discounts)],
    ['- returns', money(t.returns)],
    ['- rebates', money(t.rebates)],
    ['= net sales', money(t.netSales)],
    ['- cogs', money(t.cogs)],
    ['= gross margin', money(t.grossMargin)],
  ];
}

function storyLines(r: AnalysisResult, out: string[], measure: 'contribution' | 'gross margin'): void {
  const w = r.whale;
  out.push(
    `whale curve (${measure}): peak ${w.peak === null ? `n/a (total ${measure} not positive)` : pct(w.peak)} of total ${measure} with ${pct(w.peakCustomerShare)} of customers; ` +
      `${pct(w.lossMakingShare)} lose money and destroy ${money(w.valueDestroyed)}`,
  );
  const top = r.lossMakers.topLines.map((l) => `${l.line} (${money(l.gap)} worse than segment medians)`).join(', ');
  if (top) out.push(`loss-makers: ${r.lossMakers.customers.toLocaleString('en-US')}; what drives it: ${top}`);
  const os = r.voiceOfCustomer.mostOverServedSegment;
  out.push(`voice of customer: ${Object.entries(r.voiceOfCustomer.quadrants).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (os) out.push(`most over-served segment: ${os.segment} (${os.customers} customers, ${pct(os.share)} of the segment satisfied but unprofitable)`);
  out.push(`profitability matrix: ${Object.entries(r.matrix.quadrants).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}
