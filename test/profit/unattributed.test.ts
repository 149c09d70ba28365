import { describe, expect, it } from 'vitest';
import { FILES, ingested, query, runAnalyze, yaml } from './fixture.ts';

const ORDER_ONLY = `cost_model:
  activities:
    - id: order_handling
      kind: time
      behaviour: capacity
      driver: orders
      pool: 300.00
      capacity_minutes: 100
      minutes: 2 + 1 * lines
    - id: delivery
      kind: direct
      behaviour: variable
      driver: shipments
      cost: freight_cost
`;

describe('unattributed lines: out of every customer, in the company totals', () => {
  it('keeps a till sale without a customer apart, and both identities still hold', async () => {
    const dir = await ingested({
      'worth.yaml': yaml(ORDER_ONLY, 'unattributed: load\n'),
      'data/order_lines.csv': `${FILES['data/order_lines.csv']}\nO9,1,,2024-06-01,A,1,25.00,5.00,10.00,till\n`,
      'data/shipments.csv': `${FILES['data/shipments.csv']}S9,O9,,2024-06-02,7.50,1,false\n`,
    });
    const r = await runAnalyze(dir);
    // Customers' net sales as before (1850.00); the till sale adds 25 - 5 = 20.00 unattributed.
    expect(r.reconciliation.netSales).toEqual({
      customers: '1850.00',
      unattributed: '20.00',
      company: '1870.00',
      difference: '0.00',
    });
    // O9 takes 2 + 1 = 3 minutes at 3.00 = 9.00; unused 100 - 15 = 85 minutes = 255.00.
    // Delivery (direct): freight 82.00 to customers, 7.50 unattributed; its pool is the 89.50 paid.
    const [oh, del] = r.activities;
    expect(oh).toMatchObject({ assigned: '36.00', unattributed: '9.00', unused: '255.00', pool: '300.00' });
    expect(del).toMatchObject({ assigned: '82.00', unattributed: '7.50', unused: '0.00', pool: '89.50' });
    expect(r.reconciliation).toMatchObject({
      costPools: '389.50',
      assignedToCustomers: '118.00',
      unattributed: '16.50',
      unusedCapacity: '255.00',
      difference: '0.00',
    });
    expect(r.customers).toBe(3);
    const [u] = await query(
      dir,
      'SELECT CAST(net_sales AS VARCHAR) AS n, CAST(cost_to_serve AS VARCHAR) AS c FROM pnl_unattributed',
    );
    expect(u).toEqual({ n: '20.00', c: '16.50' });
  });

  it('a customer without any activity still gets a row of zeros', async () => {
    const dir = await ingested({
      'worth.yaml': yaml(ORDER_ONLY),
      'data/customers.csv': `${FILES['data/customers.csv']}C4,Delta,Retail,web shop,West\n`,
    });
    const r = await runAnalyze(dir);
    expect(r.customers).toBe(4);
    const [c4] = await query(
      dir,
      "SELECT CAST(net_sales AS VARCHAR) AS n, CAST(contribution AS VARCHAR) AS c FROM customer_pnl WHERE customer_id = 'C4'",
    );
    expect(c4).toEqual({ n: '0.00', c: '0.00' });
    // Zero contribution is neither profitable nor loss-making.
    expect(r.whale.lossMakingShare).toBe(0.25);
  });
});
