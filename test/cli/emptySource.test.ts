/**
 * A source file of 0 bytes in a Dutch workspace (issue 12, second round): the sentence was
 * English ("is empty (expected at least a header line)"); now in worth.yaml's language, through
 * the real CLI, with the previous load kept.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoWorkspace } from '../../src/demo/index.ts';

const BIN = path.resolve('bin/worth.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-empty-source-'));

beforeAll(async () => {
  await writeDemoWorkspace(dir, { customers: 30, seed: 2 });
  writeFileSync(path.join(dir, 'data', 'returns.csv'), '');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a source file of 0 bytes', () => {
  it('is one Dutch sentence naming the file in a Dutch workspace (the default language), no load written', () => {
    const r = spawnSync(process.execPath, [BIN, 'ingest', dir], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('worth: data/returns.csv: is leeg (verwacht minstens een kopregel)\n');
    expect(() => statSync(path.join(dir, 'worth.duckdb'))).toThrow();
  });
});
