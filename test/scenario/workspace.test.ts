/** Scenarios on a small analysed demo workspace (real DuckDB): templates, targets, the stable JSON shape. */
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCostModel, type CostModel } from '../../src/costing/index.ts';
import { writeDemoWorkspace } from '../../src/demo/index.ts';
import { DATABASE_FILE, ingestWorkspace } from '../../src/ingest/index.ts';
import { analyze } from '../../src/profit/index.ts';
import { checkActivities, loadInitiative, parseInitiative, runScenario } from '../../src/scenario/index.ts';
import { runWorkspaceClv } from '../../src/value/index.ts';
import { DuckDBEngine, type Engine } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';

let dir: string;
let engine: Engine;
let model: CostModel;

beforeAll(async () => {
  dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-scenario-')), 'demo');
  await writeDemoWorkspace(dir, { customers: 400, seed: 11 });
  const ws = loadWorkspace(dir);
  await ingestWorkspace(ws);
  engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
  model = loadCostModel(ws, engine.dialect);
  await analyze(engine, model, {});
  await runWorkspaceClv(engine, model, { discountRate: 0.08, calibrationEnd: ws.config.period.end });
}, 120_000);

afterAll(async () => {
  await engine?.close();
});

describe('scenarios on the demo workspace', () => {
  it('the demo ships its templates as scenarios/*.yaml, and each runs with the stable JSON shape', async () => {
    const files = readdirSync(path.join(dir, 'scenarios')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const r = await runScenario(engine, model, loadInitiative(path.join(dir, 'scenarios', f)), f, {
        discountRate: 0.08,
        draws: 300,
        seed: 5,
      });
      expect(Object.keys(r.npv).sort(), f).toEqual(['mean', 'p5', 'p50', 'p95']);
      for (const v of Object.values(r.npv)) expect(v, f).toMatch(/^-?\d+\.\d{2}$/);
      expect(r.probPositive).toBeGreaterThanOrEqual(0);
      expect(r.probPositive).toBeLessThanOrEqual(1);
      expect('paybackYear' in r && 'breakEven' in r).toBe(true);
      expect(r.targetedCustomers, f).toBeGreaterThan(0);
    }
  }, 60_000);

  it('letting loss-makers go: only variable lines save money; the rest is stranded', async () => {
    const ini = parseInitiative('name: go\ntargets: "contribution < 0"\nexit: true\n', 'go.yaml');
    const r = await runScenario(engine, model, ini, 'go.yaml', { discountRate: 0.08, draws: 0 });
    const behaviour = new Map(model.activities.map((a) => [a.id, a.behaviour]));
    for (const l of r.costLines) {
      if (behaviour.get(l.id) === 'variable') expect(l.saved, l.id).toBe(l.baseline);
      else {
        expect(l.saved, l.id).toBe('0.00');
        expect(l.stranded, l.id).toBe(l.baseline);
      }
    }
    expect(r.notes.join(' ')).toMatch(/stranded/);
  });

  it('targets bind string literals and name unknown columns with their location', async () => {
    const all = await runScenario(engine, model, parseInitiative('name: all\n', 'a.yaml'), 'a.yaml', {
      discountRate: 0.08,
      draws: 0,
    });
    const retail = await runScenario(
      engine,
      model,
      parseInitiative('name: r\ntargets: "segment = \'Retail\'"\n', 'r.yaml'),
      'r.yaml',
      { discountRate: 0.08, draws: 0 },
    );
    expect(retail.targetedCustomers).toBeGreaterThan(0);
    expect(retail.targetedCustomers).toBeLessThan(all.targetedCustomers);
    await expect(
      runScenario(engine, model, parseInitiative('name: x\ntargets: "colour = 1"\n', 'x.yaml'), 'x.yaml', {
        discountRate: 0.08,
        draws: 0,
      }),
    ).rejects.toThrow(/x\.yaml targets.*colour/);
  });

  it('YAML errors name the file, path and line', () => {
    expect(() =>
      parseInitiative('name: x\neffects:\n  retention:\n    value: 2\n    basis: guess\n', 'bad.yaml'),
    ).toThrow(/bad\.yaml.*line 5.*effects\.retention\.basis/);
    expect(() => parseInitiative('name: x\neffects: [\n', 'syntax.yaml')).toThrow(
      /syntax\.yaml is not valid YAML:\n.*syntax\.yaml line 3/,
    );
    expect(() => parseInitiative('name: x\nname: y\n', 'twice.yaml')).toThrow(/twice\.yaml line 2.*unique/);
    expect(() => parseInitiative('', 'empty.yaml')).toThrow(/empty\.yaml.*is empty \(expected an initiative/);
  });

  it('activity changes and capacity cuts must name cost-model activities; variable ones cannot be cut', () => {
    const unknown = parseInitiative(
      'name: x\ncosts:\n  activities:\n    - { activity: teleport, volume: 5 }\n',
      'u.yaml',
    );
    expect(() => checkActivities(unknown, model, 'u.yaml')).toThrow(
      /u\.yaml.*costs\.activities\.0\.activity.*teleport/,
    );
    const variable = model.activities.find((a) => a.behaviour === 'variable')!;
    const cut = parseInitiative(
      `name: x\ncosts:\n  capacity_cuts:\n    - { activity: ${variable.id}, per_year: 100 }\n`,
      'c.yaml',
    );
    expect(() => checkActivities(cut, model, 'c.yaml')).toThrow(
      /capacity_cuts\.0\.activity.*capacity or fixed/,
    );
  });
});

describe('scenarios that reach fewer customers than asked', () => {
  it('says when no customer matches the target, in the language asked', async () => {
    const ini = parseInitiative('name: none\ntargets: "segment = \'Nobody\'"\n', 'none.yaml');
    const en = await runScenario(engine, model, ini, 'none.yaml', { discountRate: 0.08, draws: 0 });
    expect(en.targetedCustomers).toBe(0);
    expect(en.notes).toContain(
      "No customer matches the target (segment = 'Nobody'): the figures are only what the initiative itself costs.",
    );
    const nl = await runScenario(engine, model, ini, 'none.yaml', {
      discountRate: 0.08,
      draws: 0,
      lang: 'nl',
    });
    expect(nl.notes.some((n) => n.startsWith('Geen enkele klant valt binnen de doelgroep'))).toBe(true);
  });

  it('counts the matching customers without a lifetime value and says they are left out', async () => {
    // Two loss-makers lose their lifetime value row (as a customer without a purchase to project from has none).
    const gone = (
      await engine.query(
        'SELECT customer_id FROM customer_pnl WHERE contribution < 0 ORDER BY customer_id LIMIT 2',
      )
    ).map((r) => String(r.customer_id));
    expect(gone.length).toBe(2);
    const ini = parseInitiative('name: go\ntargets: "contribution < 0"\nexit: true\n', 'go.yaml');
    const before = await runScenario(engine, model, ini, 'go.yaml', { discountRate: 0.08, draws: 0 });
    await engine.run(
      'CREATE TABLE clv_kept AS SELECT * FROM customer_clv WHERE customer_id IN ($1, $2)',
      gone,
    );
    await engine.run('DELETE FROM customer_clv WHERE customer_id IN ($1, $2)', gone);
    try {
      const after = await runScenario(engine, model, ini, 'go.yaml', { discountRate: 0.08, draws: 0 });
      expect(after.targetedCustomers).toBe(before.targetedCustomers - 2);
      // The demo may have matching customers without a value already: two more now, and said.
      const unvalued = (notes: string[]) =>
        Number(
          /^(\d+) of the customers matching the target have no lifetime value/.exec(
            notes.find((n) => n.includes('no lifetime value')) ?? '',
          )?.[1] ?? 0,
        );
      expect(unvalued(after.notes)).toBe(unvalued(before.notes) + 2);
      expect(after.notes).toContain(
        `${unvalued(before.notes) + 2} of the customers matching the target have no lifetime value (no purchase in the calibration period to project from) and are left out of the projection.`,
      );
    } finally {
      await engine.run('INSERT INTO customer_clv SELECT * FROM clv_kept');
      await engine.run('DROP TABLE clv_kept');
    }
  });
});
