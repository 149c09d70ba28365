/**
 * The writer lock of a workspace: one command at a time may build the next generation of its
 * database. The lock is a small file made atomically (a complete temporary file hard-linked
 * to the lock's name, which fails when it exists), holding who took it: pid, command and the
 * process's start time. A holder that no longer runs (killed, crashed; or its pid reused by
 * another process, told apart by the start time) leaves a stale lock that the next writer
 * takes over. Readers never take it.
 */
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliError, silentLogger, type Logger } from '../core/index.ts';
import { errorText, type ErrorText, type Lang } from '../words/index.ts';

/** Name of the lock file inside a workspace folder. */
export const WRITER_LOCK_FILE = '.worth-writer.lock';
/** How long a writer waits for another by default (ms): 10 minutes, `WORTH_WRITE_WAIT` (seconds) overrides. */
export const DEFAULT_WRITE_WAIT_MS = 600_000;

/** Who holds a writer lock. */
export interface LockOwner {
  pid: number;
  /** The command as a user would read it, e.g. `worth analyze`. */
  command: string;
  /** The process's start time in clock ticks since boot (Linux), to tell a reused pid apart; null elsewhere. */
  start: string | null;
}

/** Options for {@link acquireWriterLock}. */
export interface WriterLockOptions {
  /** How long to wait for another writer (ms); 0 refuses at once. Default {@link DEFAULT_WRITE_WAIT_MS} or WORTH_WRITE_WAIT. */
  waitMs?: number;
  /** How often to look again while waiting (ms, default 200). */
  pollMs?: number;
  /** Told once when this writer has to wait. */
  logger?: Logger;
  /** Language of the waiting line (the workspace's; default English). */
  lang?: Lang;
}

/** A held lock; `release` is idempotent and removes the file only while it is still ours. */
export interface WriterLock {
  readonly file: string;
  release(): void;
}

/** Takes the writer lock of `dir` for `command`, waiting up to the bound for another writer; a CliError names the holder when the wait runs out. */
export async function acquireWriterLock(
  dir: string,
  command: string,
  options: WriterLockOptions = {},
): Promise<WriterLock> {
  const file = path.join(dir, WRITER_LOCK_FILE);
  const me: LockOwner = { pid: process.pid, command, start: processStart(process.pid) };
  const waitMs = options.waitMs ?? writeWaitFromEnv();
  const pollMs = options.pollMs ?? 200;
  const logger = options.logger ?? silentLogger;
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    const holder = tryLock(file, me);
    if (!holder) return lockHandle(file);
    if (Date.now() >= deadline) {
      const waited: ErrorText =
        waitMs > 0
          ? { key: 'writerWaited', vars: { s: { int: Math.round(waitMs / 1000) } } }
          : { key: 'writerNotWaiting' };
      throw new CliError({
        key: 'writerBusy',
        vars: { dir, command: holder.command, pid: String(holder.pid), waited },
      });
    }
    if (!told) {
      logger.info(
        errorText(options.lang ?? 'en', {
          key: 'writerWaiting',
          vars: { command: holder.command, pid: String(holder.pid), dir },
        }),
      );
      told = true;
    }
    await new Promise((r) => setTimeout(r, Math.max(1, Math.min(pollMs, deadline - Date.now()))));
  }
}

/** The holder of the lock of `dir` while it runs; null when there is no lock or it is stale. */
export function writerLockHolder(dir: string): LockOwner | null {
  const owner = readOwner(path.join(dir, WRITER_LOCK_FILE));
  return owner && isAlive(owner) ? owner : null;
}

/** Takes the lock (null) or returns the living holder. */
function tryLock(file: string, me: LockOwner): LockOwner | null {
  const mine = `${file}.${me.pid}`;
  try {
    // Inside the try: on a full disk the file is made but not written, and is removed all the same.
    writeFileSync(mine, JSON.stringify(me));
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(mine, file);
        return null;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const owner = readOwner(file);
      if (owner && isAlive(owner)) return owner;
      takeOverStale(file, me.pid);
    }
    // Others keep racing for the same stale lock; whoever holds it now is the answer.
    return readOwner(file) ?? { pid: 0, command: 'another worth command', start: null };
  } finally {
    rmSync(mine, { force: true });
  }
}

/**
 * Removes a stale lock. It is first renamed to a name of our own (atomic), so two writers
 * taking over at once cannot both remove it; if what we moved turns out to be alive (another
 * writer took it over in between), it is put back.
 */
function takeOverStale(file: string, pid: number): void {
  const moved = `${file}.stale.${pid}`;
  try {
    renameSync(file, moved);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const owner = readOwner(moved);
  if (owner && isAlive(owner)) {
    try {
      linkSync(moved, file);
    } catch {
      // A third writer made a new lock meanwhile: the one we moved still runs and holds
      // nothing now; it releases by pid, so it never removes the new holder's lock.
    }
  }
  rmSync(moved, { force: true });
}

function lockHandle(file: string): WriterLock {
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
}

function readOwner(file: string): LockOwner | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.command === 'string')
      return { pid: o.pid, command: o.command, start: typeof o.start === 'string' ? o.start : null };
  } catch {
    // Written whole before it is linked, so unreadable content is not ours: treated as stale.
  }
  return { pid: 0, command: 'unknown', start: null };
}

function isAlive(owner: LockOwner): boolean {
  if (owner.pid <= 0) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = processStart(owner.pid);
  return owner.start === null || start === null || start === owner.start;
}

/** Field 22 of /proc/PID/stat (start time in clock ticks since boot); null where there is no /proc. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function writeWaitFromEnv(): number {
  const v = process.env.WORTH_WRITE_WAIT;
  if (v === undefined || v === '') return DEFAULT_WRITE_WAIT_MS;
  if (!/^\d+(\.\d+)?$/.test(v))
    throw new CliError(`WORTH_WRITE_WAIT: ${JSON.stringify(v)} is not a number of seconds`);
  return Number(v) * 1000;
}
