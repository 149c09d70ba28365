import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError, WorthError } from '../../src/core/index.ts';
import { DEMO_TABLES, writeDemoWorkspace } from '../../src/demo/index.ts';
import { removeWorkspaces, tempDir } from './workspace.ts';

afterAll(removeWorkspaces);

const bin = fileURLToPath(new URL('../../bin/worth.js', import.meta.url));

function worth(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
}

describe('worth demo (command line)', () => {
  it('writes the workspace and prints what it wrote as JSON', () => {
    const dir = tempDir();
    const r = worth([
      'demo',
      dir,
      '--customers',
      '120',
      '--years',
      '2',
      '--seed',
      '9',
      '--format',
      'dutch',
      '--json',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      period: { start: string; end: string };
      options: { customers: number; format: string };
      totals: Record<string, { rows: number; amounts: Record<string, string> }>;
    };
    expect(out.period).toEqual({ start: '2024-01-01', end: '2025-12-31' });
    expect(out.options).toMatchObject({ customers: 120, format: 'dutch' });
    expect(Object.keys(out.totals)).toEqual([...DEMO_TABLES]);
    expect(out.totals.customers!.rows).toBe(120);
    expect(out.totals.order_lines!.amounts.gross_amount).toMatch(/^\d+\.\d{2}$/);
    const lines = readFileSync(join(dir, 'data', 'order_lines.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines.length - 1).toBe(out.totals.order_lines!.rows);
    expect(lines[0]).toContain(';');
  });

  it('rejects a bad option with its value and exit code 2', () => {
    const r = worth(['demo', tempDir(), '--customers', 'many']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--customers: "many" is not a whole number');
  });
});

describe('writeDemoWorkspace', () => {
  it('does not overwrite a worth.yaml it did not write, unless forced', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'worth.yaml'), 'company: Mine B.V.\n');
    await expect(writeDemoWorkspace(dir, { customers: 10 })).rejects.toBeInstanceOf(CliError);
    expect(readFileSync(join(dir, 'worth.yaml'), 'utf8')).toBe('company: Mine B.V.\n');
    await writeDemoWorkspace(dir, { customers: 10 }, { force: true });
    await writeDemoWorkspace(dir, { customers: 10 }); // its own worth.yaml may be rewritten
    expect(readFileSync(join(dir, 'worth.yaml'), 'utf8')).toContain('Van Dijk Groothandel B.V.');
  });

  it('rejects out-of-range options naming the option', async () => {
    await expect(writeDemoWorkspace(tempDir(), { years: 11 })).rejects.toThrow(WorthError);
    await expect(writeDemoWorkspace(tempDir(), { customers: 0 })).rejects.toThrow(
      'customers: 0 is not valid',
    );
    await expect(writeDemoWorkspace(tempDir(), { seed: -1 })).rejects.toThrow('seed');
  });
});
