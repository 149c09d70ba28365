import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve('bin/worth.js');

describe('worth start (the main job)', () => {
  it('loads, analyses, values and reports a demo workspace, printing each stage', () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-start-')), 'ws');
    const demo = spawnSync(process.execPath, [BIN, 'demo', dir, '--customers', '300', '--seed', '3'], {
      encoding: 'utf8',
    });
    expect(demo.status, demo.stderr).toBe(0);
    const r = spawnSync(process.execPath, [BIN, 'start', dir, '--no-serve'], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    });
    expect(r.status, r.stderr).toBe(0);
    // The reconciliation, the waterfall with the cost identity, the CLV and the report, in that order
    // (all in Dutch: the demo's worth.yaml says nothing, and the default language is nl).
    const order = [
      'rijen gelezen',
      'bruto-omzet',
      'kostenpools',
      'walviscurve',
      'klantwaarde over 5 jaar',
      'rapport geschreven naar',
    ].map((s) => r.stdout.indexOf(s));
    expect(
      order.every((i) => i >= 0),
      r.stdout,
    ).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(r.stdout).toMatch(/verschil 0,00/);
    const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(existsSync(path.join(dir, 'worth.duckdb'))).toBe(true);
  });
});
