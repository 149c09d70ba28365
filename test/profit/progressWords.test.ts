/** analyze's progress lines speak worth.yaml's language, and a capacity overrun is not logged during the run (it is told once at the end). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCostModel } from '../../src/costing/index.ts';
import { DATABASE_FILE } from '../../src/ingest/index.ts';
import { analyze } from '../../src/profit/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { ingested } from './fixture.ts';

describe("analyze's progress lines", () => {
  it('are Dutch for a Dutch workspace, and nothing is warned during the run', async () => {
    const dir = await ingested();
    const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
    const info: string[] = [];
    const warn: string[] = [];
    try {
      await analyze(engine, loadCostModel(loadWorkspace(dir), engine.dialect), {
        logger: { info: (m) => info.push(m), warn: (m) => warn.push(m) },
        lang: 'nl',
      });
    } finally {
      await engine.close();
    }
    expect(info).toEqual([
      'activiteiten doorrekenen',
      'winst-en-verliesrekening per klant opbouwen',
      'analyses: walviscurve, uitsplitsingen, matrix, stem van de klant, verklaring van verliezen',
      'de winst-en-verliesrekening per maand, per segment en per cohort van eerste bestelling',
    ]);
    // The hand-built company overruns phone's capacity: that is in the result, not on the log.
    expect(warn).toEqual([]);
  });
});
