/** Commands that only read and commands that write do not block each other; two writers do. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspaceDatabase, readGeneration, WRITER_LOCK_FILE } from '../../src/warehouse/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from '../server/analysedWorkspace.ts';

const BIN = path.resolve('bin/worth.js');

function worth(
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  // Asynchronous: this process holds a database open meanwhile and must stay responsive.
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, TZ: 'UTC', ...extraEnv },
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.on('exit', (status) => resolve({ status, stdout, stderr })));
}

async function generationOnDisk(dir: string): Promise<number> {
  const engine = await openWorkspaceDatabase(dir, 'read');
  try {
    return await readGeneration(engine);
  } finally {
    await engine.close();
  }
}

let ws: AnalysedWorkspace;
beforeAll(async () => {
  ws = await analysedWorkspace(300, 11);
});
afterAll(() => ws.remove());

describe('readers and writers on one workspace', () => {
  it('a reader holding the database does not block `worth analyze`, and keeps reading the generation it opened', async () => {
    const reader = await openWorkspaceDatabase(ws.dir, 'read');
    try {
      const g = await readGeneration(reader);
      const r = await worth(['analyze', ws.dir, '--json']);
      expect(r.status, r.stderr).toBe(0);
      expect(await readGeneration(reader)).toBe(g);
      expect(await generationOnDisk(ws.dir)).toBe(g + 1);
      // The published analysis is the one the command printed.
      const printed = JSON.parse(r.stdout) as { customers: number };
      expect(printed.customers).toBe(ws.result.customers);
    } finally {
      await reader.close();
    }
  });

  it('a writer at work does not block `worth export`; a second writer gets one sentence naming it', async () => {
    const before = await generationOnDisk(ws.dir);
    const write = await openWorkspaceDatabase(ws.dir, 'write', { command: 'worth analyze', start: 'copy' });
    try {
      // Half-done work in the writer's copy is invisible to readers.
      await write.engine.run('DELETE FROM customer_pnl');
      const out = path.join(ws.dir, 'pnl.csv');
      const ex = await worth(['export', ws.dir, '--table', 'customer_pnl', '--out', out]);
      expect(ex.status, ex.stderr).toBe(0);
      expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(ws.result.customers + 1);

      const clv = await worth(['clv', ws.dir], { WORTH_WRITE_WAIT: '0' });
      expect(clv.status).toBe(2);
      const lines = clv.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      // the demo workspace is Dutch: the sentence is too
      expect(lines[0]).toContain(`wordt geschreven door \`worth analyze\` (pid ${process.pid})`);
      expect(clv.stderr).not.toMatch(/^\s+at /m);
    } finally {
      await write.discard();
    }
    // Discarded: nothing published, the lock and the copy are gone.
    expect(await generationOnDisk(ws.dir)).toBe(before);
    expect(existsSync(path.join(ws.dir, WRITER_LOCK_FILE))).toBe(false);
    expect(readdirSync(ws.dir).filter((f) => f.startsWith('.worth-tmp'))).toEqual([]);
  });
});
