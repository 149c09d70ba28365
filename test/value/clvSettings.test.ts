// The `clv` section of worth.yaml: known to the strict workspace schema, validated by value
// with the config path and line of a mistake, fully defaulted when absent.
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/core/index.ts';
import { clvSettings, groupRuleOf } from '../../src/value/index.ts';
import { parseWorkspace } from '../../src/workspace/index.ts';

const BASE =
  'company: X\nperiod: { start: 2025-01-01, end: 2025-12-31 }\nsources:\n  customers: { file: c.csv }\n  order_lines: { file: o.csv }\n';

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isUserError(e)) return e.message;
    throw e;
  }
  return '';
}

describe('the clv section of worth.yaml', () => {
  it('is a known section of the workspace', () => {
    expect(message(() => parseWorkspace(`${BASE}clv: { segment_by: channel }\n`, '/tmp/ws'))).toBe('');
  });

  it('defaults every field when absent', () => {
    const s = clvSettings(parseWorkspace(BASE, '/tmp/ws'));
    expect(s).toEqual({
      segment_by: 'segment',
      shrinkage_sd: 'estimate',
      covariates: [],
      models: ['bgnbd', 'mbgnbd', 'pareto-nbd'],
    });
    // group fits shrunk toward the pooled fit by default (the prior's width estimated from the data), so a handful of customers can have one
    expect(groupRuleOf(s)).toEqual({ minCustomers: 5, minRepeatBuyers: 3, priorSd: 'estimate' });
  });

  it('without shrinkage a group needs the old minimum sizes for its own fit; set sizes win either way', () => {
    const off = clvSettings(parseWorkspace(`${BASE}clv:\n  shrinkage_sd: 'off'\n`, '/tmp/ws'));
    expect(groupRuleOf(off)).toEqual({ minCustomers: 50, minRepeatBuyers: 30, priorSd: null });
    const set = clvSettings(
      parseWorkspace(`${BASE}clv:\n  shrinkage_sd: 0.5\n  min_group_customers: 20\n`, '/tmp/ws'),
    );
    expect(groupRuleOf(set)).toEqual({ minCustomers: 20, minRepeatBuyers: 3, priorSd: 0.5 });
    const bad = message(() => clvSettings(parseWorkspace(`${BASE}clv:\n  shrinkage_sd: -1\n`, '/tmp/ws')));
    expect(bad).toContain('line 7');
    expect(bad).toContain('clv.shrinkage_sd');
  });

  it('names the line, key and value of a mistake', () => {
    const typo = message(() =>
      clvSettings(parseWorkspace(`${BASE}clv:\n  segment_bi: channel\n`, '/tmp/ws')),
    );
    expect(typo).toContain('line 7');
    expect(typo).toContain('segment_bi');
    const small = message(() =>
      clvSettings(parseWorkspace(`${BASE}clv:\n  min_group_customers: 1\n`, '/tmp/ws')),
    );
    expect(small).toContain('line 7');
    expect(small).toContain('clv.min_group_customers');
    expect(small).toContain('1');
  });
});
