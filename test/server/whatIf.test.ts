/** `GET /api/what-if` on a small demo workspace: the answer's identities, its refusals, and its answer kept per generation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type WorthApp } from '../../src/server/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from './analysedWorkspace.ts';
import { requests } from './requests.ts';

let ws: AnalysedWorkspace;
let worth: WorthApp;
beforeAll(async () => {
  ws = await analysedWorkspace(300);
  worth = await createApp(ws.dir);
});
afterAll(async () => {
  await worth?.close();
  ws?.remove();
});
const { get, expect400 } = requests(() => worth);
const cents = (s: string) => BigInt(s.replace('.', ''));

describe('GET /api/what-if', () => {
  it('doubling the order-handling rate: contribution falls by exactly what customers carry more, and the before side is the run', async () => {
    const oh = ws.result.activities.find((a) => a.id === 'order_handling')!;
    const rate = (oh.ratePerMinute! * 2).toFixed(6);
    const { status, body } = await get(`/api/what-if?rates=order_handling:${rate}`);
    expect(status).toBe(200);
    expect(body.customers).toBe(ws.result.customers);
    expect(body.before.contribution).toBe(ws.result.totals.contribution);
    const a = body.activities[0];
    expect(a.assignedBefore).toBe(oh.assigned);
    const more = cents(a.assignedAfter) - cents(a.assignedBefore);
    // Twice the rate: each customer's time cost doubles, to within a cent of rounding each.
    expect(Number(more - cents(oh.assigned))).toBeLessThanOrEqual(ws.result.customers);
    expect(Number(more - cents(oh.assigned))).toBeGreaterThanOrEqual(-ws.result.customers);
    expect(cents(body.after.contribution)).toBe(cents(body.before.contribution) - more);
    expect(cents(body.after.costToServe)).toBe(cents(body.before.costToServe) + more);
    expect(body.after.lossMakers).toBeGreaterThanOrEqual(body.before.lossMakers);
    expect(body.whale.after.at(-1)).toEqual({
      customers: ws.result.customers,
      cumulative: body.after.contribution,
    });
    expect(body.whale.after.length).toBeLessThanOrEqual(102);
    expect(JSON.stringify(body)).not.toMatch(/NaN|Infinity|undefined|null/);
  });

  it('refuses bad rates and activities that are not time-driven with a 400 naming the value', async () => {
    await expect400('/api/what-if', 'rates');
    await expect400('/api/what-if?rates=order_handling:-1', 'order_handling:-1');
    await expect400('/api/what-if?rates=nope:1', 'nope');
  });
});
