/**
 * The cost drill with the bar taken from the held customer pages gives what it gives with the bar
 * read from `customer_pnl`, byte for byte, for every customer and cost line of a demo company (and
 * null for a customer the P&L does not have); the drill's figures themselves are checked against
 * a hand calculation in test/server/costDrill.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillOf, readCostDrill, WorkspaceReader } from '../../src/readmodel/index.ts';
import { costColumn, loadCostModel, type CostModel } from '../../src/costing/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from '../server/analysedWorkspace.ts';

let ws: AnalysedWorkspace;
let reader: WorkspaceReader;
let model: CostModel;
let ids: string[];

beforeAll(async () => {
  ws = await analysedWorkspace(300, 5);
  reader = await WorkspaceReader.open(ws.dir);
  expect(await reader.holdPages()).not.toBeNull();
  ids = await reader.read(async (engine) =>
    (await engine.query('SELECT customer_id FROM customer_pnl ORDER BY customer_id')).map((r) =>
      String(r.customer_id),
    ),
  );
  model = await reader.read(async (engine) => loadCostModel(loadWorkspace(ws.dir), engine.dialect));
}, 120_000);
afterAll(async () => {
  await reader?.close();
});

describe('the cost drill with the bar from the held pages', () => {
  it('answers many drills at once while the usage is first read (more drills than connections: none waits on another)', async () => {
    const timed = model.activities.filter((a) => a.kind === 'time');
    const drills = timed.flatMap((a) =>
      ids.slice(0, 12).map((id) => drillOf(reader, id, { line: costColumn(a.id) })),
    );
    const answers = await Promise.all(drills);
    expect(answers.length).toBe(timed.length * 12);
  }, 60_000);

  it('equals the drill that reads the bar from customer_pnl, for every customer and cost line', async () => {
    expect(reader.pagesHeld).toBe(true);
    let compared = 0;
    for (const id of ids.filter((_, i) => i % 7 === 0))
      for (const a of model.activities) {
        const line = costColumn(a.id);
        const held = await drillOf(reader, id, { line });
        const fromSql = await reader.read((engine) => readCostDrill(engine, model, id, line, 1));
        expect(JSON.stringify(held), `${id} ${line}`).toBe(JSON.stringify(fromSql));
        compared++;
      }
    expect(compared).toBeGreaterThan(100);
  });

  it('still refuses events that are not what the run measured, with the usage held', async () => {
    const timed = model.activities.find((a) => a.kind === 'time')!;
    const line = costColumn(timed.id);
    const id = ids[0]!;
    const plain = await reader.read((engine) => readCostDrill(engine, model, id, line, 1));
    const micro = BigInt(Math.round(Number(plain!.minutes) * 1e6));
    const direct4 = BigInt(Math.round(plain!.items.reduce((s, r) => s + Number(r.direct), 0) * 1e4));
    // The measured figures as held: the drill's own sums pass, a minute more is a changed cost model.
    const held = (m: bigint) => ({ total: plain!.total, usage: async () => ({ micro: m, direct4 }) });
    expect(JSON.stringify(await reader.read((e) => readCostDrill(e, model, id, line, 1, held(micro))))).toBe(
      JSON.stringify(plain),
    );
    await expect(
      reader.read((e) => readCostDrill(e, model, id, line, 1, held(micro + 1_000_000n))),
    ).rejects.toThrow(/has changed since the last/);
  });

  it('says a customer the P&L does not have is not found, as before', async () => {
    await expect(drillOf(reader, 'NOBODY', { line: costColumn(model.activities[0]!.id) })).rejects.toThrow(
      /NOBODY/,
    );
    expect(
      await reader.read((engine) =>
        readCostDrill(engine, model, 'NOBODY', costColumn(model.activities[0]!.id), 1),
      ),
    ).toBeNull();
  });
});
