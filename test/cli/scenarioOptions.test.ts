/**
 * `worth scenario run --draws/--seed` (issue 12, third round): `--draws -5` said "is not a whole
 * number" (it is one, below 0), and `--draws 100000000000` ran out of memory as an internal
 * error. Now one sentence with the range, in worth.yaml's language, before any work.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoWorkspace } from '../../src/demo/index.ts';

const BIN = path.resolve('bin/worth.js');
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'worth-scenario-options-'));
  await writeDemoWorkspace(dir, { customers: 20, seed: 1 });
  appendFileSync(path.join(dir, 'worth.yaml'), '\nlanguage: en\n');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('worth scenario run: --draws and --seed', () => {
  it.each([
    ['draws', '-5', '10,000,000'],
    ['draws', '1e9', '10,000,000'],
    ['draws', '100000000000', '10,000,000'],
    ['seed', '2147483648', '2,147,483,647'],
    ['seed', 'abc', '2,147,483,647'],
  ])('--%s %s: one sentence with the range, exit 2', (name, value, max) => {
    const file = path.join(dir, 'scenarios', 'free-returns.yaml');
    const r = spawnSync(process.execPath, [BIN, 'scenario', 'run', file, dir, `--${name}`, value], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe(
      `worth: --${name}: "${value}" is not valid (expected a whole number from 0 to ${max})\n`,
    );
    expect(r.status).toBe(2);
  });
});
