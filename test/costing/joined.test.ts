import { describe, expect, it } from 'vitest';
import { ingested, query, runAnalyze, yaml } from '../profit/fixture.ts';

// The hand-built company (test/profit/fixture.ts): orders O1 (C1, 2 lines, web shop), O2 (C2,
// 1 line, phone), O3 (C3, 3 lines, EDI); shipments S1 (O1), S2 (O2, express), S3 (O3).
// Here every driver reads names that come from the per-order helpers.
const COST_MODEL = `cost_model:
  activities:
    - id: order_handling
      kind: time
      behaviour: capacity
      driver: orders
      pool: 300
      capacity_minutes: 100
      minutes: 2 + 1 * lines + if(express, 5, 0)
    - id: picking
      kind: time
      behaviour: capacity
      driver: order_lines
      pool: 100
      capacity_minutes: 50
      minutes: lines
    - id: delivery
      kind: time
      behaviour: variable
      driver: shipments
      pool: 60
      capacity_minutes: 20
      minutes: 2 + lines
      when: order_channel = 'EDI'
`;

describe('time equations on names derived per order', () => {
  it('orders read express from the shipments; lines and shipments read the lines and channel of their order', async () => {
    const dir = await ingested({ 'worth.yaml': yaml(COST_MODEL) });
    const r = await runAnalyze(dir);
    const costs = await query(
      dir,
      'SELECT customer_id, CAST(cost_order_handling AS VARCHAR) AS h, CAST(cost_picking AS VARCHAR) AS p, CAST(cost_delivery AS VARCHAR) AS d FROM customer_pnl ORDER BY 1',
    );
    // Order handling at 3.00 a minute: O1 2 + 2 = 4 min, O2 2 + 1 + 5 (express) = 8, O3 2 + 3 = 5.
    // Picking at 2.00 a minute, each line its order's line count: C1 2 x 2 = 4 min, C2 1, C3 3 x 3 = 9.
    // Delivery at 3.00 a minute, EDI orders only: S3 2 + 3 = 5 min.
    expect(costs).toEqual([
      { customer_id: 'C1', h: '12.00', p: '8.00', d: '0.00' },
      { customer_id: 'C2', h: '24.00', p: '2.00', d: '0.00' },
      { customer_id: 'C3', h: '15.00', p: '18.00', d: '15.00' },
    ]);
    const byId = Object.fromEntries(r.activities.map((a) => [a.id, a]));
    expect(byId.order_handling).toMatchObject({ usedMinutes: 17, events: 3, unused: '249.00' });
    expect(byId.picking).toMatchObject({ usedMinutes: 14, events: 6, unused: '72.00' });
    expect(byId.delivery).toMatchObject({ usedMinutes: 5, events: 1, unused: '45.00' });
    expect(r.reconciliation.difference).toBe('0.00');
  });
});
