/**
 * How commands use a workspace's database: readers open the published generation read-only;
 * writers build the next one under the writer lock and publish it only when their work has
 * finished (src/warehouse/workspaceDatabase.ts), so a server or another reader never sees it half done.
 */
import { CliError, stderrLogger, type Logger } from '../core/index.ts';
import type { ErrorWord, Lang } from '../words/index.ts';
import {
  DATABASE_FILE,
  hasWorkspaceDatabase,
  openWorkspaceDatabase,
  writerMemoryLimit,
  type Engine,
} from '../warehouse/index.ts';

/** Runs `fn` on the published database, opened read-only; `missing` says what to run when there is none. */
export async function readRun<T>(
  dir: string,
  missing: ErrorWord,
  fn: (engine: Engine) => Promise<T>,
): Promise<T> {
  if (!hasWorkspaceDatabase(dir))
    throw new CliError({ key: 'noDatabase', vars: { dir, file: DATABASE_FILE, missing: { key: missing } } });
  const engine = await openWorkspaceDatabase(dir, 'read');
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

/**
 * Runs `fn` on a copy of the published database under the writer lock and publishes the copy
 * when `fn` has returned; the result is returned only after publishing (print it then). The
 * engine's memory is bounded ({@link writerMemoryLimit}): a large analysis spills rather than grows.
 */
export async function writeRun<T>(
  dir: string,
  command: string,
  missing: ErrorWord,
  fn: (engine: Engine) => Promise<T>,
  lang: Lang,
  logger: Logger = stderrLogger,
): Promise<T> {
  if (!hasWorkspaceDatabase(dir))
    throw new CliError({ key: 'noDatabase', vars: { dir, file: DATABASE_FILE, missing: { key: missing } } });
  const write = await openWorkspaceDatabase(dir, 'write', {
    command,
    start: 'copy',
    memoryLimit: writerMemoryLimit(),
    logger,
    lang,
  });
  try {
    const result = await fn(write.engine);
    await write.publish();
    return result;
  } finally {
    await write.discard();
  }
}
