import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCostModel } from '../../src/costing/index.ts';
import { DATABASE_FILE } from '../../src/ingest/index.ts';
import { analyze } from '../../src/profit/index.ts';
import { DuckDBEngine, duckdbDialect, type Engine } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { ingested, query } from './fixture.ts';

describe('an engine with the old ClickHouse capabilities (no window functions, one JOIN per query)', () => {
  it('gives the same P&L and reconciliation through one-JOIN stages, and says what it skipped', async () => {
    const dir = await ingested();
    const real = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
    try {
      // Same database, a dialect that declares fewer capabilities: the stages must adapt.
      const limited = Object.create(real, {
        dialect: {
          value: {
            ...duckdbDialect,
            name: 'limited',
            supportsWindowFunctions: false,
            supportsMultipleJoins: false,
            supportsCte: false,
          },
        },
      }) as Engine;
      const r = await analyze(limited, loadCostModel(loadWorkspace(dir), limited.dialect));
      expect(r.totals.contribution).toBe('115.25');
      expect(r.reconciliation.difference).toBe('0.00');
      expect(r.whale.peak).toBeCloseTo(207.18 / 115.25, 6);
      // the whale curve and deciles have a path without window functions (Dialect.rankedRunningSum);
      // the monthly P&L does not yet, and says so
      expect(r.warnings.some((w) => w.includes('whale_curve'))).toBe(false);
      expect(r.warnings).toContain(
        'limited has no window functions: pnl_monthly, pnl_monthly_segment and cohort_monthly are not written',
      );
    } finally {
      await real.close();
    }
    const rows = await query(
      dir,
      'SELECT customer_id, CAST(contribution AS VARCHAR) AS c FROM customer_pnl ORDER BY 1',
    );
    expect(rows).toEqual([
      { customer_id: 'C1', c: '20.00' },
      { customer_id: 'C2', c: '-91.93' },
      { customer_id: 'C3', c: '187.18' },
    ]);
    expect(
      await query(
        dir,
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'whale_curve'",
      ),
    ).toEqual([{ n: 1 }]);
    // ranked by contribution, running sum worked out by hand from the three contributions above
    expect(
      await query(
        dir,
        'SELECT customer_rank AS r, customer_id AS c, CAST(cumulative_contribution AS VARCHAR) AS s, decile AS d FROM whale_curve ORDER BY 1',
      ),
    ).toEqual([
      { r: 1, c: 'C3', s: '187.18', d: 4 },
      { r: 2, c: 'C1', s: '207.18', d: 7 },
      { r: 3, c: 'C2', s: '115.25', d: 10 },
    ]);
  });
});
