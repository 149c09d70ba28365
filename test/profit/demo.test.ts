import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDemoWorkspace } from '../../src/demo/index.ts';
import { ingestWorkspace } from '../../src/ingest/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { runAnalyze } from './fixture.ts';

describe('the demo company: its cost model runs and the story shows', () => {
  it('reconciles to the cent, uses 75-95% of capacity, and has whales, loss-makers and an over-served segment', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-demo-analyze-'));
    await writeDemoWorkspace(dir, { customers: 2000 });
    await ingestWorkspace(loadWorkspace(dir));
    const r = await runAnalyze(dir);
    expect(r.customers).toBe(2000);
    expect(r.reconciliation.difference).toBe('0.00');
    expect(r.reconciliation.netSales.difference).toBe('0.00');
    expect(r.warnings).toEqual([]);
    for (const a of r.activities.filter((x) => x.kind === 'time')) {
      expect(a.utilisation, a.id).toBeGreaterThan(0.75);
      expect(a.utilisation, a.id).toBeLessThan(0.95);
    }
    expect(r.activities.map((a) => a.behaviour)).toContain('fixed');
    // Kaplan's whale: the profitable customers earn more than the company keeps.
    expect(r.whale.peak).toBeGreaterThan(1.2);
    expect(r.whale.lossMakingShare).toBeGreaterThan(0.2);
    expect(Number(r.whale.valueDestroyed)).toBeGreaterThan(0);
    expect(r.voiceOfCustomer.mostOverServedSegment?.customers).toBeGreaterThan(0);
    expect(r.voiceOfCustomer.quadrants['over-served']).toBeGreaterThan(0);
    expect(Object.keys(r.matrix.quadrants).length).toBeGreaterThanOrEqual(4);
    expect(r.lossMakers.topLines.length).toBeGreaterThan(0);
  });
});
