// `worth clv predict` in a real child process: a parameters file (hand-written with published
// estimates, or written by `worth clv fit --out`) applied to a summary CSV, checked against the
// BTYD walkthrough's and Hardie's published predictions (the same references as
// predictions.test.ts), and bad input reported with file, line, column and value.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bgnbdConditionalExpected } from '../../src/clv/index.ts';
import { close, fixture } from './helpers.ts';

const bin = fileURLToPath(new URL('../../bin/worth.js', import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-clv-predict-'));

function worth(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
}

function file(name: string, text: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}

type Row = Record<string, string | number>;
function predictJson(args: string[]): { totals: Record<string, number | null>; predictions: Row[] } & Row {
  const r = worth(['clv', 'predict', ...args, '--json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { totals: Record<string, number | null>; predictions: Row[] } & Row;
}

// BTYD walkthrough estimates for CDNOW (weeks)
const BG_HP = { r: 0.2425982, alpha: 4.4136842, a: 0.7929899, b: 2.4261667 };
const PNBD = { r: 0.5533971, alpha: 10.5801985, s: 0.6060625, beta: 11.6562237 };
// customer 1516 and the increasing-frequency paradox customers (t_x = 20, T = 39)
const SUMMARY = file(
  'walkthrough.csv',
  'customer_id,frequency,recency,T\n1516,26,30.85714,31\np10,10,20,39\np15,15,20,39\np20,20,20,39\np25,25,20,39\n',
);

describe('worth clv predict against published predictions', () => {
  it('BG/NBD: CET(52) and P(alive) of customer 1516 and the paradox customers (BTYD walkthrough; tol 1e-5 relative + the 6-decimal output)', () => {
    const fit = file('bg.json', JSON.stringify({ model: 'bgnbd', params: BG_HP }));
    const out = predictJson(['--summary', SUMMARY, '--fit', fit, '--periods', '52']);
    expect(out.model).toBe('bgnbd');
    expect(out.periods).toBe(52);
    expect(out.intervalLevel).toBeNull(); // no covariance in the file: no intervals, and no NaN either
    const want = [25.75659, 0.3474606, 0.04283391, 0.004158973, 0.0003583685];
    out.predictions.forEach((p, i) =>
      close(
        `CET(52) ${p.customerId}`,
        p.expectedPurchases as number,
        want[i]!,
        1e-5 * want[i]! + 1e-3 * (i === 0 ? 1 : 0) + 6e-7,
      ),
    );
    close('P(alive) 1516', out.predictions[0]!.pAlive as number, 0.9688523, 1e-5 + 5e-7);
    expect(Object.keys(out.predictions[0]!).sort()).toEqual(['customerId', 'expectedPurchases', 'pAlive']);
  });

  it('Pareto/NBD: customer 1516 P(alive) 0.997874, CET(52) 25.45647 and the paradox (BTYD walkthrough, tol as predictions.test.ts)', () => {
    const fit = file('pnbd.json', JSON.stringify({ model: 'pareto-nbd', params: PNBD }));
    const out = predictJson(['--summary', SUMMARY, '--fit', fit, '--periods', '52']);
    close('P(alive) 1516', out.predictions[0]!.pAlive as number, 0.997874, 1e-5 + 5e-7);
    close('CET(52) 1516', out.predictions[0]!.expectedPurchases as number, 25.45647, 0.005);
    const cet = [0.7062289, 0.1442396, 0.02250658, 0.00309267];
    cet.forEach((c, i) =>
      close(`CET x=${10 + 5 * i}`, out.predictions[i + 1]!.expectedPurchases as number, c, 5e-4 * c + 6e-7),
    );
  });

  it('Gamma-Gamma spend of the first CDNOW customers (Hardie note 025) and CLV on revenue worked out by hand', () => {
    const bg = file('bg2.json', JSON.stringify({ model: 'bgnbd', params: BG_HP }));
    const gg = file(
      'gg.json',
      JSON.stringify({ model: 'gamma-gamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } }),
    );
    const summary = fixture('cdnow_customers_summary_with_transactions.csv');
    const out = predictJson([
      '--summary',
      summary,
      '--fit',
      bg,
      '--fit',
      gg,
      '--horizon',
      '1',
      '--discount-rate',
      '0.1',
    ]);
    expect(out.customers).toBe(2357);
    const spend = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    spend.forEach((s, i) => close(`spend ${i + 1}`, out.predictions[i]!.expectedSpend as number, s, 0.1));
    // customer 1 (x=2, t_x=30.43, T=38.86): 12 monthly steps of 365.25/12/7 weeks, each month's
    // expected purchases (closed-form CET, not the curves the code uses) × spend, discounted at 10% a year
    const step = 365.25 / 12 / 7;
    let clv = 0;
    for (let j = 1; j <= 12; j++) {
      const d =
        bgnbdConditionalExpected(BG_HP, j * step, 2, 30.43, 38.86) -
        bgnbdConditionalExpected(BG_HP, (j - 1) * step, 2, 30.43, 38.86);
      clv += (d * (out.predictions[0]!.expectedSpend as number)) / 1.1 ** (j / 12);
    }
    close('CLV customer 1', out.predictions[0]!.clv as number, clv, 0.01 + 0.005 * 12);
    // the total is the sum of the customers'
    const sum = out.predictions.reduce((a, p) => a + (p.clv as number), 0);
    close('total CLV', out.totals.clv!, sum, 0.005 * out.predictions.length);
  });

  it('a fit written by `worth clv fit --out` gives 90% intervals around every prediction, and CSV with the same figures', () => {
    const bgOut = path.join(dir, 'fitted-bg.json');
    const ggOut = path.join(dir, 'fitted-gg.json');
    const summary = fixture('cdnow_customers_summary_with_transactions.csv');
    expect(worth(['clv', 'fit', '--model', 'bgnbd', '--summary', summary, '--out', bgOut]).status).toBe(0);
    expect(worth(['clv', 'fit', '--model', 'gamma-gamma', '--summary', summary, '--out', ggOut]).status).toBe(
      0,
    );
    const stored = JSON.parse(readFileSync(bgOut, 'utf8')) as {
      covariance: number[][];
      standardErrors: Record<string, number>;
    };
    // the covariance's diagonal is the standard errors squared
    close('var r', stored.covariance[0]![0]!, stored.standardErrors.r! ** 2, 1e-12);
    const out = predictJson(['--summary', summary, '--fit', bgOut, '--fit', ggOut]);
    expect(out.intervalLevel).toBe(0.9);
    for (const p of out.predictions) {
      expect(p.expectedPurchasesLo as number).toBeLessThanOrEqual(p.expectedPurchases as number);
      expect(p.expectedPurchasesHi as number).toBeGreaterThanOrEqual(p.expectedPurchases as number);
      expect(p.clvLo as number).toBeLessThanOrEqual(p.clv as number);
      expect(p.clvHi as number).toBeGreaterThanOrEqual(p.clv as number);
    }
    expect(out.totals.clvLo!).toBeLessThan(out.totals.clv!);
    expect(out.totals.clvHi!).toBeGreaterThan(out.totals.clv!);
    const csvFile = path.join(dir, 'predictions.csv');
    const r = worth([
      'clv',
      'predict',
      '--summary',
      summary,
      '--fit',
      bgOut,
      '--fit',
      ggOut,
      '--out',
      csvFile,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const lines = readFileSync(csvFile, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'customer_id,expected_purchases,expected_purchases_lo,expected_purchases_hi,p_alive,expected_spend,clv,clv_lo,clv_hi',
    );
    expect(lines.length).toBe(2358);
    const first = lines[1]!.split(',');
    expect(first[0]).toBe('1');
    close('CSV = JSON', Number(first[6]), out.predictions[0]!.clv as number, 0);
    expect(readFileSync(csvFile, 'utf8')).not.toMatch(/NaN|Infinity|undefined/);
  });
});

describe('worth clv predict refuses bad input with its place', () => {
  const fit = file('bg-bad.json', JSON.stringify({ model: 'bgnbd', params: BG_HP }));

  it('a bad value names file, line, column, value and expectation (exit 1)', () => {
    const bad = file('bad.csv', 'customer_id,frequency,recency,T\nA,1,2,10\nB,0,0,10\nC,2,soon,10\n');
    const r = worth(['clv', 'predict', '--summary', bad, '--fit', fit]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bad.csv line 4, column recency: "soon"');
    expect(r.stderr).toContain('expected a number');
    expect(r.stdout).toBe('');
  });

  it('recency beyond T and a missing id column are refused with the line', () => {
    const late = file('late.csv', 'customer_id,frequency,recency,T\nA,1,2,10\nB,3,12,10\n');
    const r = worth(['clv', 'predict', '--summary', late, '--fit', fit]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('late.csv line 3, column recency: 12');
    const noId = file('noid.csv', 'frequency,recency,T\n1,2,10\n');
    const r2 = worth(['clv', 'predict', '--summary', noId, '--fit', fit]);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toContain('noid.csv line 1: no customer id column');
  });

  it('a parameters file with a bad estimate, or two purchase fits, is refused by name', () => {
    const badFit = file('badfit.json', JSON.stringify({ model: 'bgnbd', params: { ...BG_HP, b: -1 } }));
    const r = worth(['clv', 'predict', '--summary', SUMMARY, '--fit', badFit]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('badfit.json at params.b: -1');
    const r2 = worth(['clv', 'predict', '--summary', SUMMARY, '--fit', fit, '--fit', fit]);
    expect(r2.status).toBe(2); // a usage error
    expect(r2.stderr).toContain('2 purchase model fits');
    const r3 = worth(['clv', 'predict', '--summary', SUMMARY, '--fit', fit, '--horizon', '0']);
    expect(r3.status).toBe(2);
    expect(r3.stderr).toContain('--horizon: "0"');
  });
});
