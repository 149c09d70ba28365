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

/** Formats the result as plain text tables. */
export function formatAnalysis(r: AnalysisResult, currency: string): string {
  const t = r.totals;
  const out: string[] = [];
  // A result stored before the estimate was tracked has no cogsEstimate.
  const estimated = (r.cogsEstimate?.orderLines ?? 0) + (r.cogsEstimate?.returns ?? 0) > 0;
  out.push(`${r.customers.toLocaleString('en-US')} customers, ${r.period.start} .. ${r.period.end} (${currency})`, '');
  out.push(
    pad([
      ['gross sales', money(t.grossSales)],
      ['- discounts', money(t.discounts)],
      ['- returns', money(t.returns)],
      ['- rebates', money(t.rebates)],
      ['= net sales', money(t.netSales)],
      [`- cogs${estimated ? ' (estimated)*' : ''}`, money(t.cogs)],
      [`= gross margin${estimated ? '*' : ''}`, money(t.grossMargin)],
      ['- cost to serve', money(t.costToServe)],
      ['= contribution', money(t.contribution)],
      ['unused capacity (company)', money(t.unusedCapacity)],
    ]),
    '',
  );
  if (estimated) out.push(estimateNote(r.cogsEstimate), '');
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
  const w = r.whale;
  out.push(
    `whale curve: peak ${w.peak === null ? 'n/a (total contribution not positive)' : pct(w.peak)} of total contribution with ${pct(w.peakCustomerShare)} of customers; ` +
      `${pct(w.lossMakingShare)} lose money and destroy ${money(w.valueDestroyed)}`,
  );
  const top = r.lossMakers.topLines.map((l) => `${l.line} (${money(l.gap)} worse than segment medians)`).join(', ');
  if (top) out.push(`loss-makers: ${r.lossMakers.customers.toLocaleString('en-US')}; what drives it: ${top}`);
  const os = r.voiceOfCustomer.mostOverServedSegment;
  out.push(`voice of customer: ${Object.entries(r.voiceOfCustomer.quadrants).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (os) out.push(`most over-served segment: ${os.segment} (${os.customers} customers, ${pct(os.share)} of the segment satisfied but unprofitable)`);
  out.push(`profitability matrix: ${Object.entries(r.matrix.quadrants).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const warning of r.warnings) out.push(`warning: ${warning}`);
  return out.join('\n');
}

/** The footnote of an estimated cost of goods: how much, for how many customers, from what. */
function estimateNote(e: AnalysisResult['cogsEstimate']): string {
  return (
    `* estimated: ${money(e.amount)} (${pct(e.share)}) of the cost of goods rests on an assumed margin or product cost ` +
    `(${e.orderLines.toLocaleString('en-US')} order lines, ${e.returns.toLocaleString('en-US')} returns taken back at their sale's rate); ` +
    `${e.customers.toLocaleString('en-US')} customers' gross margin and contribution are marked cogs_estimated`
  );
}
