import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError } from '../../src/core/index.ts';
import { errorText } from '../../src/words/index.ts';
import { acquireWriterLock, writerLockHolder, WRITER_LOCK_FILE } from '../../src/warehouse/index.ts';

const HOLDER = path.resolve('test/warehouse/holdWriterLock.ts');
const children: ChildProcessWithoutNullStreams[] = [];

/** Starts a real process that holds the lock of `dir` as `command`; resolves once it holds it. */
async function holder(dir: string, command: string): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir, command], { stdio: 'pipe' });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('locked')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return child;
}

const exited = (child: ChildProcessWithoutNullStreams) =>
  new Promise<void>((r) =>
    child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r()),
  );

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

describe('the writer lock of a workspace', () => {
  it('refuses a second writer in one sentence that names the holder (command and pid)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-lock-'));
    const child = await holder(dir, 'worth ingest');
    const err = await acquireWriterLock(dir, 'worth analyze', { waitMs: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    const message = (err as Error).message;
    expect(message).toContain(`is being written by \`worth ingest\` (pid ${child.pid})`);
    expect(message).not.toContain('\n');
    expect(writerLockHolder(dir)).toMatchObject({ pid: child.pid, command: 'worth ingest' });
  });

  it('makes a second writer wait, and tells it once, until the first releases', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-lock-'));
    const child = await holder(dir, 'worth ingest');
    const told: string[] = [];
    let acquired = false;
    const waiting = acquireWriterLock(dir, 'worth analyze', {
      waitMs: 120_000,
      pollMs: 20,
      logger: { info: (m) => told.push(m), warn: (m) => told.push(m) },
    }).then((l) => {
      acquired = true;
      return l;
    });
    // While the holder runs, the second writer waits (the holder only releases when told to).
    while (told.length === 0) await new Promise((r) => setTimeout(r, 20));
    expect(acquired).toBe(false);
    expect(told).toEqual([`waiting for \`worth ingest\` (pid ${child.pid}) to finish writing ${dir}`]);
    child.stdin.end();
    const lock = await waiting;
    expect(JSON.parse(readFileSync(path.join(dir, WRITER_LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
      command: 'worth analyze',
    });
    lock.release();
    expect(existsSync(path.join(dir, WRITER_LOCK_FILE))).toBe(false);
  });

  it('says both in Dutch for a Dutch workspace (the waiting line, and the refusal through the CLI catalogue)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-lock-'));
    const child = await holder(dir, 'worth ingest');
    const err = await acquireWriterLock(dir, 'worth analyze', { waitMs: 0, lang: 'nl' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CliError);
    const said = (err as CliError).said;
    expect(said && errorText('nl', said)).toBe(
      `${dir} wordt geschreven door \`worth ingest\` (pid ${child.pid}); niet gewacht (zet WORTH_WRITE_WAIT op het aantal seconden om langer te wachten, of draai opnieuw als het klaar is)`,
    );
    const told: string[] = [];
    const waiting = acquireWriterLock(dir, 'worth analyze', {
      waitMs: 120_000,
      pollMs: 20,
      lang: 'nl',
      logger: { info: (m) => told.push(m), warn: (m) => told.push(m) },
    });
    while (told.length === 0) await new Promise((r) => setTimeout(r, 20));
    expect(told).toEqual([`wacht tot \`worth ingest\` (pid ${child.pid}) klaar is met schrijven in ${dir}`]);
    child.stdin.end();
    (await waiting).release();
  });

  it('takes over a lock whose holder was killed (its pid no longer runs)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-lock-'));
    const child = await holder(dir, 'worth ingest');
    child.kill('SIGKILL');
    await exited(child);
    // The killed holder could not remove its file: the lock is there, but stale.
    expect(JSON.parse(readFileSync(path.join(dir, WRITER_LOCK_FILE), 'utf8'))).toMatchObject({
      pid: child.pid,
    });
    expect(writerLockHolder(dir)).toBeNull();
    const lock = await acquireWriterLock(dir, 'worth analyze', { waitMs: 0 });
    expect(writerLockHolder(dir)).toMatchObject({ pid: process.pid, command: 'worth analyze' });
    lock.release();
  });

  it('takes over a lock whose pid runs but is another process (the pid was reused: another start time)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-lock-'));
    const { writeFileSync } = await import('node:fs');
    // Our own pid is alive; a different start time means the lock's writer is gone.
    writeFileSync(
      path.join(dir, WRITER_LOCK_FILE),
      JSON.stringify({ pid: process.pid, command: 'worth clv', start: '1' }),
    );
    const lock = await acquireWriterLock(dir, 'worth analyze', { waitMs: 0 });
    expect(writerLockHolder(dir)).toMatchObject({ command: 'worth analyze' });
    lock.release();
  });

  it('releases only its own lock', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-lock-'));
    const lock = await acquireWriterLock(dir, 'worth analyze', { waitMs: 0 });
    lock.release();
    const child = await holder(dir, 'worth ingest');
    lock.release(); // a second release must not remove the new holder's lock
    expect(writerLockHolder(dir)).toMatchObject({ pid: child.pid });
  });
});
