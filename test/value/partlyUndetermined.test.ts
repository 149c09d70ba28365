/**
 * A lifetime value undetermined for part of the customers, from a real run: the demo company
 * (300 customers, seed 7) whose Retail customers keep only their first order day, so the Retail
 * segment (big enough for a fit of its own) has not one repeat buyer while the other segments
 * keep theirs. `worth clv --json` (the command itself) values it; every consumer must then show
 * the other customers with numbers, the Retail customers empty with the reason, and totals over
 * the determined customers only, saying so: the CLI (text and JSON), `worth export`, the API and
 * the report.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatClv } from '../../src/cli/clvWorkspaceCommand.ts';
import { CLV_PURCHASE_COLUMNS } from '../../src/core/index.ts';
import { exportTable } from '../../src/export/index.ts';
import { analysisTable } from '../../src/profit/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { createApp, type WorthApp } from '../../src/server/index.ts';
import type { ClvRunResult } from '../../src/value/index.ts';
import { clvUndeterminedText, textNumbers } from '../../src/words/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from '../server/analysedWorkspace.ts';
import { withEngine } from '../server/valuedWorkspace.ts';

const SEGMENT = 'Retail';
/** A segment of the eight newest customers, made one-off (in beforeAll). */
const NEW_SEGMENT = 'Nieuw';
const WORTH = path.resolve('bin/worth.js');
let ws: AnalysedWorkspace;
let run: ClvRunResult;
/** The Retail customers the run valued (from the customers table, not from the run). */
let retail: Set<string>;
/** Every valued customer. */
let valued: number;
/** The valued customers of the new one-off segment. */
let newcomers: number;
/** The sum of the other customers' stored profit CLV, in cents (BigInt, each rounded to cents first). */
let othersCents: bigint;
let worth: WorthApp;

const cents = (s: string) => {
  const [whole, frac = ''] = s.replace('-', '').split('.');
  const v = BigInt(whole!) * 100n + BigInt((frac + '00').slice(0, 2));
  return s.startsWith('-') ? -v : v;
};

beforeAll(async () => {
  ws = await analysedWorkspace(300, 7);
  await withEngine(ws.dir, async (engine) => {
    await engine.run(
      'CREATE TEMP TABLE first_day AS SELECT customer_id, min(order_date) AS d FROM order_lines GROUP BY 1',
    );
    await engine.run(
      `DELETE FROM order_lines o WHERE o.customer_id IN (SELECT customer_id FROM customers WHERE segment = $1)
         AND o.order_date > (SELECT d FROM first_day f WHERE f.customer_id = o.customer_id)`,
      [SEGMENT],
    );
    // eight of the newest customers (five or more of them valued), made one-off, in a segment
    // of their own: too new for their lack of repeat buyers to say anything (the pooled fit
    // expects most of them not to have bought again yet), so they keep the pooled fit; the old
    // floor (5 customers) left them undetermined
    await engine.run(
      `CREATE TEMP TABLE newest AS SELECT f.customer_id FROM first_day f JOIN customers c ON c.customer_id = f.customer_id
         WHERE c.segment <> $1 ORDER BY f.d DESC, f.customer_id LIMIT 8`,
      [SEGMENT],
    );
    await engine.run(
      `UPDATE customers SET segment = $1 WHERE customer_id IN (SELECT customer_id FROM newest)`,
      [NEW_SEGMENT],
    );
    await engine.run(
      `DELETE FROM order_lines o WHERE o.customer_id IN (SELECT customer_id FROM newest)
         AND o.order_date > (SELECT d FROM first_day f WHERE f.customer_id = o.customer_id)`,
    );
  });
  const cli = spawnSync(process.execPath, [WORTH, 'clv', ws.dir, '--json'], { encoding: 'utf8' });
  expect(cli.status, cli.stderr).toBe(0);
  run = JSON.parse(cli.stdout) as ClvRunResult;
  await withEngine(ws.dir, async (engine) => {
    const rows = await engine.query(
      `SELECT v.customer_id AS id, c.segment AS segment, CAST(round(v.clv_profit, 2) AS VARCHAR) AS p
         FROM customer_clv v JOIN customers c ON c.customer_id = v.customer_id`,
    );
    valued = rows.length;
    retail = new Set(rows.filter((r) => r.segment === SEGMENT).map((r) => String(r.id)));
    newcomers = rows.filter((r) => r.segment === NEW_SEGMENT).length;
    othersCents = rows
      .filter((r) => r.segment !== SEGMENT)
      .reduce((s, r) => s + cents(Number(r.p).toFixed(2)), 0n);
  });
}, 300_000);

afterAll(async () => {
  await worth?.close();
  ws?.remove();
});

describe('a lifetime value undetermined for one segment (no repeat buyers) in every consumer', () => {
  it('worth clv --json: determined, the segment counted with its reason, totals over the others only', async () => {
    expect(retail.size).toBeGreaterThanOrEqual(5);
    // the new one-off customers are valued on the pooled fit (the loop below: no reason, figures there)
    expect(newcomers).toBeGreaterThanOrEqual(5);
    expect(run.determined).toBe(true);
    expect(run.undeterminedCustomers).toBe(retail.size);
    expect(run.undeterminedReasons).toEqual(['noRepeatBuyers']);
    expect(run.totalsCustomers).toBe(valued - retail.size);
    expect(cents(run.totalProfitClv!)).toBe(othersCents);
    expect(run.totalRevenueClv).not.toBeNull();
    await withEngine(ws.dir, async (engine) => {
      const rows = await engine.query(
        `SELECT customer_id AS id, clv_undetermined AS why, ${CLV_PURCHASE_COLUMNS.map((c) => `${c} IS NULL AS ${c}`).join(', ')} FROM customer_clv`,
      );
      for (const r of rows) {
        const inSegment = retail.has(String(r.id));
        expect(r.why, String(r.id)).toBe(inSegment ? 'noRepeatBuyers' : null);
        // the segment's figures all empty; the others' model figures all there (intervals may be absent without a covariance)
        for (const c of CLV_PURCHASE_COLUMNS)
          if (inSegment || (!c.endsWith('_lo') && !c.endsWith('_hi')))
            expect(r[c], `${c} of ${r.id}`).toBe(inSegment);
      }
    });
  });

  it('the CLI text: the totals, then how many are left out of them and why', () => {
    for (const lang of ['en', 'nl'] as const) {
      const text = formatClv(run, lang);
      const n = textNumbers(lang);
      expect(text).toContain(n.money(run.totalProfitClv!));
      expect(text).toContain(clvUndeterminedText(lang, 'noRepeatBuyers'));
      expect(text).toContain(
        lang === 'en'
          ? `${n.int(retail.size)} customers without a determined lifetime value (`
          : `${n.int(retail.size)} klanten zonder bepaalde klantwaarde (`,
      );
      expect(text).toContain(
        lang === 'en'
          ? `which are over the other ${n.int(valued - retail.size)}`
          : `die over de andere ${n.int(valued - retail.size)} gaan`,
      );
      expect(text).not.toMatch(/NaN|undefined|Infinity/);
    }
  });

  it('worth export: the segment’s CLV cells empty with the reason beside them, the others with numbers', async () => {
    const raw = path.join(ws.dir, 'pnl.csv');
    const nl = path.join(ws.dir, 'pnl-nl.csv');
    await withEngine(ws.dir, async (e) => {
      await exportTable(e, analysisTable('customer_pnl')!, 'csv', raw);
      await exportTable(e, analysisTable('customer_pnl')!, 'csv', nl, { kind: 'spreadsheet', lang: 'nl' });
    });
    const [head, ...rows] = readFileSync(raw, 'utf8').trim().split('\n');
    const cols = head!.split(',');
    const at = (name: string) => cols.indexOf(name);
    let seen = 0;
    let numbers = 0;
    for (const r of rows) {
      const cells = r.split(',');
      const id = cells[at('customer_id')]!;
      if (retail.has(id)) {
        seen++;
        expect(cells[at('clv_undetermined')], id).toBe('noRepeatBuyers');
        for (const c of ['clv_profit', 'clv_revenue', 'p_alive'])
          expect(cells[at(c)], `${c} of ${id}`).toBe('');
      } else if (cells[at('clv_profit')] !== '') {
        numbers++;
        expect(cells[at('clv_undetermined')], id).toBe('');
        expect(Number.isFinite(Number(cells[at('clv_profit')]))).toBe(true);
      }
    }
    expect(seen).toBe(retail.size);
    expect(numbers).toBe(valued - retail.size);
    const text = readFileSync(nl, 'utf8');
    expect(text).toContain(clvUndeterminedText('nl', 'noRepeatBuyers'));
    expect(text).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('the API: determined, the count and reason, the total the CLI printed; a Retail customer null with the reason', async () => {
    worth = await createApp(ws.dir);
    const text = await (await worth.app.request('/api/lifetime-value')).text();
    expect(text).not.toMatch(/NaN|undefined|Infinity/);
    const body = JSON.parse(text) as {
      determined: boolean;
      undetermined: { customers: number; reasons: string[] };
      totalProfitClv: string;
      customers: number;
    };
    expect(body.determined).toBe(true);
    expect(body.undetermined).toEqual({ customers: retail.size, reasons: ['noRepeatBuyers'] });
    expect(cents(body.totalProfitClv)).toBe(othersCents);
    const [one] = [...retail].sort();
    const them = (await (await worth.app.request(`/api/customers/${encodeURIComponent(one!)}`)).json()) as {
      lifetimeValue: Record<string, unknown>;
    };
    expect(them.lifetimeValue).toMatchObject({
      clv_profit: null,
      p_alive: null,
      clv_undetermined: 'noRepeatBuyers',
    });
  });

  it('the report: the total over the determined customers, and the others named with the reason', async () => {
    for (const lang of ['en', 'nl'] as const) {
      const html = await buildReport(worth.reader, {
        lang,
        currency: 'EUR',
        date: '2026-01-01',
        workspace: 'w',
      });
      expect(html).not.toMatch(/NaN|undefined|Infinity/);
      expect(html).toContain(clvUndeterminedText(lang, 'noRepeatBuyers'));
      expect(html).toContain(
        lang === 'en' ? `${retail.size} customers: lifetime value` : `${retail.size} klanten: klantwaarde`,
      );
    }
  });
});
