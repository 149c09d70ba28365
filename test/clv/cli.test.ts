import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WorthError } from '../../src/core/index.ts';
import { modelEntry, parseSummaryCsv } from '../../src/clv/index.ts';
import { close, fixture } from './helpers.ts';

const bin = fileURLToPath(new URL('../../bin/worth.js', import.meta.url));

function worth(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
}

describe('worth clv fit', () => {
  it('prints the stable JSON shape', () => {
    const r = worth([
      'clv',
      'fit',
      '--model',
      'bgnbd',
      '--summary',
      fixture('cdnow_customers_summary.csv'),
      '--json',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual([
      'converged',
      'customers',
      'degenerate',
      'iterations',
      'logLikelihood',
      'model',
      'params',
      'seconds',
      'standardErrors',
      'warnings',
    ]);
    expect(out.degenerate).toBe(false);
    expect(out.warnings).toEqual([]);
    expect(out.model).toBe('bgnbd');
    expect(Object.keys(out.params as object)).toEqual(['r', 'alpha', 'a', 'b']);
    expect(out.customers).toBe(2357);
    close('LL', out.logLikelihood as number, -9582.43, 0.01);
  });

  it('--covariates on a summary file: refused by name, saying where covariates are fitted (fit and predict, English)', () => {
    for (const command of ['fit', 'predict'] as const) {
      const args = [
        'clv',
        command,
        '--summary',
        fixture('cdnow_customers_summary.csv'),
        '--covariates',
        'segment',
      ];
      const r = worth(command === 'fit' ? [...args, '--model', 'bgnbd'] : args);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(
        `--covariates: \`worth clv ${command}\` on a summary file takes no covariates yet`,
      );
      expect(r.stderr).toContain('worth.yaml under clv.covariates');
      expect(r.stderr).not.toMatch(/unknown option|at .*\.ts:|undefined/);
    }
  });

  it('reports bad input with file, line, column, value and expectation, exit code 1', () => {
    const r = worth(['clv', 'fit', '--model', 'nope', '--summary', fixture('donations.csv')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('"nope"');
    expect(r.stderr).toContain('bgnbd');
  });
});

describe('summary file validation', () => {
  const bad = (text: string, model = 'bgnbd'): WorthError => {
    try {
      modelEntry(model).fitTable(parseSummaryCsv(text, 'summary.csv'));
    } catch (e) {
      if (e instanceof WorthError) return e;
      throw e;
    }
    throw new Error('expected a WorthError');
  };
  it('non-numeric frequency', () => {
    const e = bad('customer_id,frequency,recency,T\n1,2,3,4\n2,two,1,5\n');
    expect(e.location).toEqual({ file: 'summary.csv', line: 3, column: 'frequency' });
    expect(e.value).toBe('two');
    expect(e.message).toBe(
      'summary.csv line 3, column frequency: "two" is not valid (expected an integer >= 0 and <= 1,000,000)',
    );
  });
  it('a T beyond any period (1e308) and a non-finite one', () => {
    const huge = bad('customer_id,frequency,recency,T\n1,2,3,4\n2,1,1,1e308\n');
    expect(huge.message).toBe(
      'summary.csv line 3, column T: "1e308" is not valid (expected a number >= 0 and <= 1,000,000)',
    );
    expect(bad('customer_id,frequency,recency,T\n1,2,3,Infinity\n').location).toEqual({
      file: 'summary.csv',
      line: 2,
      column: 'T',
    });
  });
  it('T = 0 (first seen at the end of the period, as worth clv makes it) is accepted', () => {
    const r = modelEntry('bgnbd').fitTable(
      parseSummaryCsv('customer_id,frequency,recency,T\n1,2,3,4\n2,0,0,0\n3,1,2,6\n4,0,0,5\n', 's.csv'),
    );
    expect(r.customers).toBe(4);
    expect(Number.isFinite(r.logLikelihood)).toBe(true);
  });
  it('Gamma-Gamma does not read recency or T, so a bad value there is no error for it', () => {
    const r = modelEntry('gamma-gamma').fitTable(
      parseSummaryCsv(
        'customer_id,frequency,recency,T,monetary_value\n1,2,n/a,4,10\n2,1,9,5,12\n3,3,2,,11\n4,0,0,5,0\n5,2,1,1e308,9\n',
        's.csv',
      ),
    );
    expect(r.customers).toBe(4);
    expect(Number.isFinite(r.logLikelihood)).toBe(true);
  });
  it('a purchase model does not read the spend column, so a bad value there is no error', () => {
    const r = modelEntry('bgnbd').fitTable(
      parseSummaryCsv(
        'customer_id,frequency,recency,T,monetary_value\n1,2,3,4,n/a\n2,0,0,5,\n3,1,2,6,-1\n',
        's.csv',
      ),
    );
    expect(r.customers).toBe(3);
    // ... while Gamma-Gamma, which uses it, still refuses it with the row.
    expect(
      bad('customer_id,frequency,recency,T,monetary_value\n1,2,3,4,n/a\n', 'gamma-gamma').location,
    ).toEqual({ file: 'summary.csv', line: 2, column: 'monetary_value' });
  });
  it('recency greater than T', () => {
    const e = bad('ID,x,t_x,T\n1,2,3,4\n2,1,6,5\n');
    expect(e.location.line).toBe(3);
    expect(e.location.column).toBe('t_x');
    expect(e.expected).toContain('recency <= T');
  });
  it('non-positive spend for a repeat buyer (Gamma-Gamma)', () => {
    const e = bad('customer_id,frequency,recency,T,monetary_value\n1,2,3,4,-5\n', 'gamma-gamma');
    expect(e.location.column).toBe('monetary_value');
  });
  it('missing column', () => {
    const e = bad('customer_id,frequency,T\n1,2,4\n');
    expect(e.message).toContain('recency');
  });
  it('sBG counts that increase', () => {
    const e = bad('period,alive\n0,100\n1,80\n2,90\n', 'sbg');
    expect(e.location).toEqual({ file: 'summary.csv', line: 4, column: 'alive' });
  });
  it('semicolon files with decimal commas are read', () => {
    const r = modelEntry('bgnbd').fitTable(
      parseSummaryCsv('ID;frequency;recency;T\n1;2;30,43;38,86\n2;0;0;38,86\n3;1;10,5;20\n', 's.csv'),
    );
    expect(r.customers).toBe(3);
  });
});
