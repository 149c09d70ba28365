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
      expect(r.warnings).toContain(
        'limited has no window functions: whale_curve and deciles are not written',
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
    ).toEqual([{ n: 0 }]);
  });
});
