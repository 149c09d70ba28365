// What `worth clv DIR` tells people, run as a real child process on a small Dutch demo workspace:
// every warning once and in Dutch (terminal), with a stable code (--json); the P&L customers the
// fit leaves out, per reason, counted here from the workspace's own CSV files; parameters with
// significant digits and an edge mark.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatClv } from '../../src/cli/clvWorkspaceCommand.ts';
import { loadCostModel } from '../../src/costing/index.ts';
import { writeDemoWorkspace } from '../../src/demo/index.ts';
import { DATABASE_FILE, ingestWorkspace } from '../../src/ingest/index.ts';
import { analyze } from '../../src/profit/index.ts';
import { clvSection } from '../../src/report/valueSections.ts';
import { lifetimeValueOf, WorkspaceReader } from '../../src/server/index.ts';
import type { ClvRunResult, LeftOutReason } from '../../src/value/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { formatShare } from '../../src/charts/index.ts';
import { clvWarningText, textNumbers, type ClvWarningData } from '../../src/words/index.ts';

const BIN = fileURLToPath(new URL('../../bin/worth.js', import.meta.url));
const worth = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });

type Csv = Record<string, string>[];
const csv = (dir: string, name: string): Csv =>
  parse(readFileSync(path.join(dir, 'data', name), 'utf8'), { columns: true }) as Csv;
const cents = (s: string) => Math.round(Number(s) * 100);

/** Who the fit must leave out, worked out from the CSV files alone. */
function expectedLeftOut(dir: string): Map<LeftOutReason, string[]> {
  const customers = csv(dir, 'customers.csv').map((c) => c.customer_id!);
  const lines = csv(dir, 'order_lines.csv');
  const returns = csv(dir, 'returns.csv');
  const revenue = new Map<string, { customer: string; cents: number }>();
  for (const l of lines) {
    const o = revenue.get(l.order_id!) ?? { customer: l.customer_id!, cents: 0 };
    o.cents += cents(l.gross_amount!) - cents(l.discount_amount!);
    revenue.set(l.order_id!, o);
  }
  const credited = new Map<string, number>();
  for (const r of returns)
    if (r.order_id) credited.set(r.order_id, (credited.get(r.order_id) ?? 0) + cents(r.credited_amount!));
  const bought = new Set<string>(); // a customer with an order not credited in full
  const ordered = new Set<string>();
  for (const [id, o] of revenue) {
    ordered.add(o.customer);
    if ((credited.get(id) ?? 0) < o.cents) bought.add(o.customer);
  }
  const returned = new Set(returns.map((r) => r.customer_id!));
  const out = new Map<LeftOutReason, string[]>();
  for (const c of [...customers].sort()) {
    if (bought.has(c)) continue;
    const reason: LeftOutReason = ordered.has(c)
      ? 'allCancelled'
      : returned.has(c)
        ? 'onlyReturns'
        : 'noPurchase';
    out.set(reason, [...(out.get(reason) ?? []), c]);
  }
  return out;
}

describe('worth clv DIR on a Dutch workspace', () => {
  let dir: string;
  let json: ClvRunResult;
  let text: { stdout: string; stderr: string };
  let creditOnly: string;
  beforeAll(async () => {
    dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-clv-out-')), 'demo');
    await writeDemoWorkspace(dir, { customers: 500, seed: 7 });
    // one customer without orders gets a credit line only (a credit note with no order)
    const withOrders = new Set(csv(dir, 'order_lines.csv').map((l) => l.customer_id!));
    creditOnly = csv(dir, 'customers.csv')
      .map((c) => c.customer_id!)
      .find((c) => !withOrders.has(c))!;
    appendFileSync(
      path.join(dir, 'data', 'returns.csv'),
      `R99999999,,${creditOnly},2025-06-02,10.00,0.00,1,creditnota\n`,
    );
    // own fits without shrinkage on small groups: standard errors larger than estimates, so there are warnings to say
    appendFileSync(
      path.join(dir, 'worth.yaml'),
      `\nclv:\n  shrinkage_sd: 'off'\n  min_group_customers: 10\n  min_group_repeat_buyers: 5\n  models: [bgnbd]\n`,
    );
    const ws = loadWorkspace(dir);
    expect(ws.config.language).toBe('nl');
    await ingestWorkspace(ws);
    const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
    try {
      await analyze(engine, loadCostModel(ws, engine.dialect), {});
    } finally {
      await engine.close();
    }
    const j = worth(['clv', dir, '--json']);
    expect(j.status, j.stderr).toBe(0);
    json = JSON.parse(j.stdout) as ClvRunResult;
    const t = worth(['clv', dir]);
    expect(t.status, t.stderr).toBe(0);
    text = t;
  }, 240_000);

  it('says every warning once, in Dutch, with a stable code in --json', () => {
    const codes = [
      'edge',
      'noStandardError',
      'standardErrorLarge',
      'notConverged',
      'fewRepeatBuyers',
      'holdoutMiss',
      'groupFallback',
    ];
    expect(json.warnings.length, 'this workspace is set up to have warnings').toBeGreaterThan(0);
    for (const w of json.warnings) {
      expect(codes).toContain(w.code);
      expect(w.text).not.toMatch(/\b(the|larger|expected|happened|estimate|edge)\b/); // Dutch sentences, not English
    }
    const all = `${text.stdout}\n${text.stderr}`;
    // no English warning lines, no "(in het Engels)"
    expect(all).not.toMatch(/^warning/m);
    expect(all).not.toContain('in het Engels');
    for (const w of json.warnings) {
      const line = `waarschuwing (${w.subject}): ${w.text}`;
      expect(all.split(line).length - 1, line).toBe(1);
    }
    expect(all.match(/^waarschuwing/gm)?.length).toBe(json.warnings.length);
    // each carries its code and values, from which any reader says the same sentence
    for (const w of json.warnings)
      expect(clvWarningText('nl', { code: w.code, vars: w.vars } as ClvWarningData)).toBe(w.text);
  });

  it('counts the P&L customers the fit leaves out, per reason, as the CSV files say', () => {
    const want = expectedLeftOut(dir);
    expect(want.get('onlyReturns')).toEqual([creditOnly]);
    const got = new Map(json.leftOut.reasons.map((r) => [r.reason, r]));
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [reason, ids] of want) {
      expect(got.get(reason)!.customers, reason).toBe(ids.length);
      expect(got.get(reason)!.examples, reason).toEqual(ids.slice(0, 5));
    }
    const total = [...want.values()].reduce((s, ids) => s + ids.length, 0);
    expect(json.leftOut.total).toBe(total);
    expect(json.customers + json.leftOut.total).toBe(json.leftOut.pnlCustomers);
    // the terminal says it with the count and the credit-only customer named
    const line = text.stdout.split('\n').find((l) => l.includes('zitten niet in de schatting'));
    expect(line).toBeDefined();
    expect(line).toContain(`${total} van de`);
    expect(line).toContain(`1 met alleen creditregels, geen aankoop, bijv. ${creditOnly}`);
  });

  it('an undetermined fit prints no lifetime value figure, only that it is not determined', () => {
    expect(json.determined).toBe(!json.purchaseFit.degenerate && !json.spendFit.degenerate);
    const money = (s: string) => textNumbers('nl').money(s);
    const shown = formatClv({ ...json, determined: true }, 'nl');
    expect(shown).toContain(money(json.totalProfitClv!));
    const hidden = formatClv({ ...json, determined: false }, 'nl');
    expect(hidden).toContain('klantwaarde: niet bepaald (het model erachter is onbepaald');
    expect(hidden).not.toContain(money(json.totalProfitClv!));
    expect(hidden).not.toContain(money(json.lossMakingClv!));
    expect(formatClv({ ...json, determined: false }, 'en')).toContain('lifetime value: not determined');
  });

  it('shows parameters with significant digits and marks one at the edge of the parameter space', () => {
    // an estimate run off to 2.571212042127574e27 (as seen on a real export) and a normal one
    const edge: ClvRunResult = {
      ...json,
      purchaseFit: { ...json.purchaseFit, params: { r: 2.571212042127574e27, alpha: 12.3456 } },
    };
    const nl = formatClv(edge, 'nl');
    expect(nl).toContain('r 2,6e27 (aan de rand van de parameterruimte), alpha 12,3');
    expect(nl).not.toContain('2.571.212');
    expect(formatClv(edge, 'en')).toContain('r 2.6e27 (at the edge of the parameter space), alpha 12.3');
  });

  it("the report gives each segment's held-out gap with what chance gives for its size, in both languages", async () => {
    const used = json.choice!.candidates.find((c) => c.model === json.choice!.model)!.holdout!;
    expect(used.groups.length).toBeGreaterThan(1);
    const reader = await WorkspaceReader.open(dir);
    try {
      for (const [lang, chance, note] of [
        ['nl', 'toeval alleen tot ±', 'Hoeveel een segment door toeval kan afwijken'],
        ['en', 'chance alone up to ±', 'How far a segment may be off by chance'],
      ] as const) {
        const html = await clvSection(reader, { lang, currency: 'EUR' });
        for (const g of used.groups) {
          const gap = `${g.error! > 0 ? '+' : ''}${formatShare(g.error!, lang, 1)}`;
          const shown = g.warn ? `<span class="bad">${gap}</span>` : gap;
          expect(html, `${lang} ${g.name}`).toContain(
            `(${shown}; ${chance}${formatShare(g.warnAbove, lang, 1)})`,
          );
        }
        expect(html).toContain(note);
        expect(html).not.toMatch(/NaN|undefined|Infinity/);
      }
    } finally {
      await reader.close();
    }
  });

  it('the API gives the same left-out customers; the report shows an edge estimate with significant digits and its mark', async () => {
    const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
    try {
      // the pooled purchase fit's r as a fit that ran off would store it
      await engine.run(
        `UPDATE clv_fit SET params = json_object('r', 2.571212042127574e27, 'alpha', 12.3456, 'a', 0.5, 'b', 3.0) WHERE fit_group IS NULL AND model = 'bgnbd'`,
      );
    } finally {
      await engine.close();
    }
    const reader = await WorkspaceReader.open(dir);
    try {
      const api = await lifetimeValueOf(reader);
      expect(api.available && api.leftOut).toEqual(json.leftOut);
      const html = await clvSection(reader, { lang: 'nl', currency: 'EUR' });
      expect(html).toContain('r 2,6e27 (aan de rand van de parameterruimte)');
      expect(html).toContain('alpha 12,3');
      expect(html).not.toContain('2.571.212');
    } finally {
      await reader.close();
    }
  });
});
