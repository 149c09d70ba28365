/**
 * The one place where a workspace's database is opened. Readers open DIR/worth.duckdb
 * read-only (DuckDB's shared lock: any number of readers, a server among them). A writer
 * never opens that file for writing: under the workspace's writer lock it builds the next
 * generation in a file of its own (empty for ingest, a copy of the current one for analyze
 * and clv) and publishes it by renaming it over DIR/worth.duckdb, one atomic step. A reader
 * that has the old file open keeps reading it (the old file lives until its last reader
 * closes it); a reader that opens after the rename gets the new one whole. So a run never
 * shows half-written, a failed or killed run leaves the previous generation, and readers and
 * writers never wait for each other.
 */
import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CliError, silentLogger, type Logger } from '../core/index.ts';
import type { Lang } from '../words/index.ts';
import { openEngine } from './openEngine.ts';
import type { Engine } from './engine.ts';
import { acquireWriterLock, type WriterLock } from './writerLock.ts';

/** The database file of a workspace. */
export const DATABASE_FILE = 'worth.duckdb';
/** The table holding a database's generation (a count of published runs) and the command that published it. */
export const GENERATION_TABLE = 'worth_generation';

/**
 * The engine's memory limit for a writer that sets none: WORTH_MEMORY_LIMIT, else 2500MB. Past
 * it DuckDB spills to the run's scratch folder; the process's peak (the engine, Node and the
 * rows it reads) stays under 4 GiB on the 1,000,000-customer demo (BENCHMARKS.md).
 */
export function writerMemoryLimit(): string {
  return process.env.WORTH_MEMORY_LIMIT ?? '2500MB';
}

/** What a writer starts from: `empty` (ingest builds everything anew) or `copy` of the current generation (analyze, clv). */
export type WriteStart = 'empty' | 'copy';

/** Options for a writer. */
export interface WriteOptions {
  /** The command as users know it, e.g. `worth analyze`: named to a second writer that has to wait. */
  command: string;
  start: WriteStart;
  /** DuckDB memory limit (e.g. `2500MB`); past it the engine spills to the scratch folder. */
  memoryLimit?: string;
  /** How long to wait for another writer (ms); default 10 minutes or WORTH_WRITE_WAIT (seconds). */
  waitMs?: number;
  /** Told when this writer waits for another. */
  logger?: Logger;
  /** Language of what the writer is told (the workspace's; default English). */
  lang?: Lang;
}

/** A run that writes the next generation; `publish` or `discard` it (both release the lock). */
export interface WorkspaceWrite {
  /** The new generation's database, open for writing. */
  readonly engine: Engine;
  /** A scratch folder for the run's files (removed at the end). */
  readonly scratchDir: string;
  /** The generation this run will publish (the current one + 1). */
  readonly generation: number;
  /**
   * Checkpoints and closes the database, then renames it over DIR/worth.duckdb (the commit
   * point); `afterPublish` runs right after (e.g. to move the rejects file beside it).
   */
  publish(afterPublish?: () => void): Promise<number>;
  /** Closes and removes the unpublished database and the scratch folder; idempotent. */
  discard(): Promise<void>;
}

/** Whether a workspace has a published database. */
export function hasWorkspaceDatabase(dir: string): boolean {
  return existsSync(path.join(dir, DATABASE_FILE));
}

/** Opens DIR/worth.duckdb read-only (a CliError when there is none yet). */
export function openWorkspaceDatabase(dir: string, mode: 'read'): Promise<Engine>;
/** Takes the writer lock and opens the next generation for writing. */
export function openWorkspaceDatabase(
  dir: string,
  mode: 'write',
  options: WriteOptions,
): Promise<WorkspaceWrite>;
export async function openWorkspaceDatabase(
  dir: string,
  mode: 'read' | 'write',
  options?: WriteOptions,
): Promise<Engine | WorkspaceWrite> {
  const abs = path.resolve(dir);
  switch (mode) {
    case 'read':
      if (!hasWorkspaceDatabase(abs))
        throw new CliError(`${abs} has no ${DATABASE_FILE} yet (run \`worth ingest\` first)`);
      return openEngine({ path: path.join(abs, DATABASE_FILE), readOnly: true });
    case 'write':
      if (!options) throw new Error('a writer needs its options');
      return beginWrite(abs, options);
    default: {
      const never: never = mode;
      throw new Error(`unknown mode ${String(never)}`);
    }
  }
}

/** The generation stored in an open database (0 for a database from before generations). */
export async function readGeneration(engine: Engine): Promise<number> {
  if (!(await engine.tableExists(GENERATION_TABLE))) return 0;
  const rows = await engine.query(
    `SELECT max(generation) AS g FROM ${engine.dialect.quoteIdent(GENERATION_TABLE)}`,
  );
  return Number(rows[0]?.g ?? 0);
}

async function beginWrite(dir: string, options: WriteOptions): Promise<WorkspaceWrite> {
  const lock = await acquireWriterLock(dir, options.command, {
    ...(options.waitMs !== undefined ? { waitMs: options.waitMs } : {}),
    logger: options.logger ?? silentLogger,
    ...(options.lang ? { lang: options.lang } : {}),
  });
  const current = path.join(dir, DATABASE_FILE);
  const scratchDir = path.join(dir, `.worth-tmp-${process.pid}`);
  const tmpDb = `${scratchDir}.duckdb`;
  let engine: Engine | undefined;
  try {
    // Under the lock every other writer's leftovers are stale (killed runs): removed.
    cleanStaleTemp(dir);
    removeTemp(scratchDir, tmpDb);
    mkdirSync(scratchDir, { recursive: true });
    const exists = existsSync(current);
    if (options.start === 'copy') {
      if (!exists) throw new CliError(`${dir} has no ${DATABASE_FILE} yet (run \`worth ingest\` first)`);
      // A published file is checkpointed (no WAL); FICLONE makes the copy a reflink where the file system has them.
      copyFileSync(current, tmpDb, constants.COPYFILE_FICLONE);
      if (existsSync(`${current}.wal`)) copyFileSync(`${current}.wal`, `${tmpDb}.wal`);
    }
    // Spilled data goes to the run's scratch folder, removed with it (also after a killed run).
    engine = await openEngine({
      path: tmpDb,
      tempDirectory: path.join(scratchDir, 'spill'),
      ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}),
    });
    const previous =
      options.start === 'copy' ? await readGeneration(engine) : exists ? await generationOfFile(current) : 0;
    return writeHandle(dir, engine, lock, scratchDir, tmpDb, previous + 1, options.command);
  } catch (e) {
    if (engine) await engine.close().catch(() => {});
    removeTemp(scratchDir, tmpDb);
    lock.release();
    throw e;
  }
}

function writeHandle(
  dir: string,
  engine: Engine,
  lock: WriterLock,
  scratchDir: string,
  tmpDb: string,
  generation: number,
  command: string,
): WorkspaceWrite {
  let open = true;
  const finish = async () => {
    if (open) await engine.close().catch(() => {});
    open = false;
    removeTemp(scratchDir, tmpDb);
    lock.release();
  };
  return {
    engine,
    scratchDir,
    generation,
    async publish(afterPublish) {
      try {
        const table = engine.dialect.quoteIdent(GENERATION_TABLE);
        await engine.run(`CREATE OR REPLACE TABLE ${table} (generation BIGINT, command VARCHAR)`);
        await engine.run(`INSERT INTO ${table} VALUES ($1, $2)`, [generation, command]);
        await engine.run('CHECKPOINT');
        await engine.close();
        open = false;
        // The commit point: one rename; readers of the old file keep it until they close it.
        const target = path.join(dir, DATABASE_FILE);
        renameSync(tmpDb, target);
        rmSync(`${target}.wal`, { force: true });
        afterPublish?.();
        return generation;
      } finally {
        await finish();
      }
    },
    discard: finish,
  };
}

async function generationOfFile(file: string): Promise<number> {
  try {
    const old = await openEngine({ path: file, readOnly: true });
    try {
      return await readGeneration(old);
    } finally {
      await old.close();
    }
  } catch {
    // An unreadable old database is replaced by the new load all the same; counting starts again.
    return 0;
  }
}

function removeTemp(scratchDir: string, tmpDb: string): void {
  rmSync(scratchDir, { recursive: true, force: true });
  rmSync(tmpDb, { force: true });
  rmSync(`${tmpDb}.wal`, { force: true });
}

/** Removes temporary files left by runs that were killed (their process no longer exists). */
function cleanStaleTemp(dir: string): void {
  for (const name of readdirSync(dir)) {
    const m = /^\.worth-tmp-(\d+)/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    let alive: boolean;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (!alive) rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}
