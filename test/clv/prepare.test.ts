import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cumulativeRepeatTransactions, dayNumber, summarize } from '../../src/clv/index.ts';
import { close, fixture } from './helpers.ts';

function elog() {
  const lines = readFileSync(fixture('cdnowElog.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  return {
    customer: lines.map((l) => l[1]!),
    day: Int32Array.from(lines.map((l) => dayNumber(l[2]!))),
    amount: Float64Array.from(lines.map((l) => Number(l[4]))),
  };
}

describe('transactions to summaries', () => {
  it('reproduces BTYD cdnowSummary$cbs from cdnowElog (split 1997-09-30, weeks; tol 1e-9 weeks, exact counts)', () => {
    const s = summarize(elog(), {
      calibrationEnd: dayNumber('19970930'),
      holdoutEnd: dayNumber('19980630'),
      unit: 'weeks',
    });
    const cbs = readFileSync(fixture('BTYD_cdnowSummary_cbs.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.replace(/"/g, '').split(','));
    expect(s.ids.length).toBe(cbs.length);
    const at = new Map(s.ids.map((id, k) => [id, k]));
    let sumXStar = 0;
    for (const r of cbs) {
      const k = at.get(r[0]!)!;
      const what = `customer ${r[0]}`;
      expect(s.x[k], `${what} x`).toBe(Number(r[1]));
      close(`${what} t.x`, s.tx[k]!, Number(r[2]), 1e-9);
      close(`${what} T.cal`, s.T[k]!, Number(r[3]), 1e-9);
      expect(s.xStar![k], `${what} x.star`).toBe(Number(r[4]));
      close(`${what} m.x`, s.m[k]!, Number(r[5]), 1e-9);
      sumXStar += s.xStar![k]!;
    }
    expect(sumXStar).toBe(1882);
    close('holdout length (weeks)', s.holdoutLength, 39, 1e-12);
  });

  it('reproduces BTYD cu.tracking (78 weekly cumulative repeat transactions) exactly', () => {
    const cu = cumulativeRepeatTransactions(elog(), dayNumber('19970101'), 78, 'weeks');
    const ref = readFileSync(fixture('BTYD_cdnowSummary_cu.tracking.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[1]));
    expect(Array.from(cu)).toEqual(ref);
    expect(cu[38]).toBe(2457);
    expect(cu[77]).toBe(4339);
  });

  it('merges same-day purchases and converts units', () => {
    const tr = {
      customer: ['a', 'a', 'a', 'b'],
      day: Int32Array.of(0, 0, 14, 7),
      amount: Float64Array.of(5, 5, 20, 1),
    };
    const d = summarize(tr, { calibrationEnd: 28, unit: 'days' });
    expect(d.ids).toEqual(['a', 'b']);
    expect(Array.from(d.x)).toEqual([1, 0]);
    expect(Array.from(d.tx)).toEqual([14, 0]);
    expect(Array.from(d.T)).toEqual([28, 21]);
    expect(Array.from(d.m)).toEqual([20, 0]);
    const w = summarize(tr, { calibrationEnd: 28, unit: 'weeks' });
    expect(Array.from(w.tx)).toEqual([2, 0]);
    const m = summarize(tr, { calibrationEnd: 28, unit: 'months' });
    close('months', m.T[0]!, 28 / (365.25 / 12), 1e-12);
  });

  it('rejects invalid dates', () => {
    expect(Number.isNaN(dayNumber('19970230'))).toBe(true);
    expect(dayNumber('1997-01-02')).toBe(dayNumber('19970101') + 1);
  });
});
