import { describe, expect, it } from 'vitest';
import { FILES, ingested, query, runAnalyze, yaml } from '../profit/fixture.ts';

const ORDER_ONLY = `cost_model:
  activities:
    - id: order_handling
      kind: time
      behaviour: capacity
      driver: orders
      pool: 300.00
      capacity_minutes: 100
      minutes: 2 + 1 * lines
`;

describe('an order whose lines name different customers', () => {
  it('is charged per customer (and the unattributed part apart), and the pools still reconcile to the cent', async () => {
    // Invoice O4 is reused by an export for two customers and a till sale without one.
    const o4 = [
      'O4,1,C1,2024-04-01,A,1,10.00,0.00,5.00,web shop',
      'O4,2,C2,2024-04-01,A,1,20.00,0.00,10.00,web shop',
      'O4,3,C2,2024-04-01,A,1,30.00,0.00,15.00,web shop',
      'O4,4,,2024-04-01,A,1,40.00,0.00,20.00,web shop',
    ];
    const dir = await ingested({
      'worth.yaml': yaml(ORDER_ONLY, 'unattributed: load\n'),
      'data/order_lines.csv': `${FILES['data/order_lines.csv']}\n${o4.join('\n')}\n`,
    });
    const r = await runAnalyze(dir);
    // Rate 300.00 / 100 min = 3.00 a minute; an event takes 2 + lines minutes.
    // Before O4: O1 (C1, 2 lines) 4 min, O2 (C2, 1 line) 3 min, O3 (C3, 3 lines) 5 min.
    // O4 is three events: (O4, C1) 1 line = 3 min, (O4, C2) 2 lines = 4 min, (O4, none) 1 line = 3 min.
    // C1: 4 + 3 = 7 min = 21.00; C2: 3 + 4 = 7 min = 21.00; C3: 5 min = 15.00; assigned 57.00.
    // Unattributed 3 min = 9.00; used 22 of 100 min, unused 78 min = 234.00; 57 + 9 + 234 = 300.
    // (One event for O4 charged to one customer would give 2 + 4 = 6 min to C1 or C2 alone.)
    const rows = await query(
      dir,
      'SELECT customer_id, CAST(cost_order_handling AS VARCHAR) AS c FROM customer_pnl ORDER BY customer_id',
    );
    expect(rows).toEqual([
      { customer_id: 'C1', c: '21.00' },
      { customer_id: 'C2', c: '21.00' },
      { customer_id: 'C3', c: '15.00' },
    ]);
    expect(r.activities[0]).toMatchObject({
      pool: '300.00',
      assigned: '57.00',
      unattributed: '9.00',
      unused: '234.00',
    });
    expect(r.reconciliation).toMatchObject({
      costPools: '300.00',
      assignedToCustomers: '57.00',
      unattributed: '9.00',
      unusedCapacity: '234.00',
      difference: '0.00',
    });
    // Sales follow their own lines: customers 1850.00 + 10.00 (C1) + 50.00 (C2); the till line 40.00.
    expect(r.reconciliation.netSales).toEqual({
      customers: '1910.00',
      unattributed: '40.00',
      company: '1950.00',
      difference: '0.00',
    });
  });
});
