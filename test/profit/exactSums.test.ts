import { describe, expect, it } from 'vitest';
import { FILES, ingested, query, runAnalyze, yaml } from './fixture.ts';

// Sums of DOUBLEs depend on the order they are added in (and so on the threads), and
// 0.1 + 0.2 is not 0.3. Minutes and satisfaction scores are added as exact decimals, so equal
// usage is an equal share (the documented tie-break decides) and a mean at the threshold counts.
describe('minutes and scores are summed exactly', () => {
  it('equal minutes reached by different events are a tie, settled by customer id', async () => {
    // Picking 0.1 x quantity: C1 one line of 3 (0.3 min), C2 lines of 1 and 2 (0.1 + 0.2 = 0.3 min).
    // Pool 1.01 over 0.6 minutes: 50.5 cents each, halves to even 50 + 50, one cent left; a tie,
    // so the lower id, C1, gets it. (Summed as DOUBLEs, C2 had 0.30000000000000004 minutes,
    // 50.50000000000001 cents rounded up to 51, and C1 50.)
    const costModel = `cost_model:
  activities:
    - id: picking
      kind: time
      behaviour: capacity
      driver: order_lines
      pool: 1.01
      capacity_minutes: 0.6
      minutes: 0.1 * quantity
      when: customer_id <> 'C3'
`;
    const lines = [
      'order_id,line_no,customer_id,order_date,product_group,quantity,gross_amount,discount_amount,cogs_amount,channel',
      'O1,1,C1,2024-01-10,A,3,100.00,0.00,50.00,web shop',
      'O2,1,C2,2024-02-01,A,1,40.00,0.00,30.00,phone',
      'O2,2,C2,2024-02-01,A,2,80.00,0.00,60.00,phone',
      'O3,1,C3,2024-03-01,A,10,1000.00,100.00,500.00,EDI',
    ].join('\n');
    const dir = await ingested({ 'worth.yaml': yaml(costModel), 'data/order_lines.csv': lines });
    const r = await runAnalyze(dir);
    const costs = await query(
      dir,
      'SELECT customer_id, CAST(cost_picking AS VARCHAR) AS c FROM customer_pnl ORDER BY 1',
    );
    expect(costs).toEqual([
      { customer_id: 'C1', c: '0.51' },
      { customer_id: 'C2', c: '0.50' },
      { customer_id: 'C3', c: '0.00' },
    ]);
    expect(r.activities[0]).toMatchObject({
      usedMinutes: 0.6,
      overrunMinutes: 0,
      assigned: '1.01',
      unused: '0.00',
    });
    expect(r.warnings).toEqual([]);
  });

  it('a mean satisfaction of exactly satisfied_from counts as satisfied', async () => {
    // C3 (contribution 187.18) rates 6, 7 and 8 out of 10: a mean of 0.7, the threshold, so a
    // champion. (As DOUBLEs, 0.6 + 0.7 + 0.8 = 2.0999999999999996 and the mean fell below 0.7.)
    const feedback = `${FILES['data/feedback.csv']!.replace(/F3,C3[^\n]*\n/, '')}F3,C3,2024-05-01,nps,6,10\nF4,C3,2024-06-01,nps,7,10\nF5,C3,2024-07-01,nps,8,10\n`;
    const dir = await ingested({ 'data/feedback.csv': feedback });
    await runAnalyze(dir);
    const v = await query(
      dir,
      "SELECT responses, satisfaction, quadrant FROM voice_of_customer WHERE customer_id = 'C3'",
    );
    expect(v).toEqual([{ responses: 3, satisfaction: 0.7, quadrant: 'champions' }]);
  });
});
