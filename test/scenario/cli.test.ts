/** `worth scenario run --json` and `worth scenario compare` on a small analysed demo workspace. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCostModel } from '../../src/costing/index.ts';
import { writeDemoWorkspace } from '../../src/demo/index.ts';
import { DATABASE_FILE, ingestWorkspace } from '../../src/ingest/index.ts';
import { analyze } from '../../src/profit/index.ts';
import { runWorkspaceClv } from '../../src/value/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';

const BIN = path.resolve('bin/worth.js');
let dir: string;

function worth(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
  if (r.status !== 0) throw new Error(`worth ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-scenario-cli-')), 'demo');
  await writeDemoWorkspace(dir, { customers: 300, seed: 5 });
  const ws = loadWorkspace(dir);
  await ingestWorkspace(ws);
  const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
  try {
    const model = loadCostModel(ws, engine.dialect);
    await analyze(engine, model, {});
    await runWorkspaceClv(engine, model, {
      discountRate: ws.config.cost_of_capital,
      calibrationEnd: ws.config.period.end,
    });
  } finally {
    await engine.close();
  }
}, 120_000);

describe('worth scenario', () => {
  it('run --json prints the stable shape, identical for the same seed', () => {
    const file = path.join(dir, 'scenarios', 'free-returns.yaml');
    const a = worth('scenario', 'run', file, dir, '--seed', '3', '--draws', '400', '--json');
    const b = worth('scenario', 'run', file, dir, '--seed', '3', '--draws', '400', '--json');
    expect(a).toBe(b);
    const r = JSON.parse(a) as Record<string, unknown>;
    expect(Object.keys(r.npv as object).sort()).toEqual(['mean', 'p5', 'p50', 'p95']);
    expect(typeof r.probPositive).toBe('number');
    expect(r).toHaveProperty('paybackYear');
    expect(Object.keys(r.breakEven as object)).toEqual(expect.arrayContaining(['effect', 'value']));
  }, 180_000);

  it('run for people says what stays (stranded) and compare ranks the initiatives', () => {
    const text = worth(
      'scenario',
      'run',
      path.join(dir, 'scenarios', 'let-loss-makers-go.yaml'),
      dir,
      '--draws',
      '100',
    );
    // The demo workspace is Dutch (worth.yaml's default language): the text and the template's name are Dutch.
    expect(text).toMatch(/achterblijvende kosten over de horizon/);
    expect(text).toMatch(/Capaciteits- en vaste activiteiten houden hun kosten/);
    const cmp = worth(
      'scenario',
      'compare',
      path.join(dir, 'scenarios', 'let-loss-makers-go.yaml'),
      path.join(dir, 'scenarios', 'let-loss-makers-go-and-cut.yaml'),
      '--dir',
      dir,
      '--draws',
      '100',
    );
    expect(cmp.split('\n')[0]).toMatch(/initiatief\s+klanten\s+NCW gemiddeld/);
    expect(cmp).toMatch(/Afscheid van de verliesgevende klanten en capaciteit schrappen/);
  }, 180_000);
});
