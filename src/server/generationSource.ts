/**
 * Where a served generation comes from, and how a newer one is told: the workspace's DuckDB
 * file (a publication is a rename, so a new device and inode is a finished run), or a server
 * engine's results (ClickHouse: a finished run adds a row to `worth_generation` once its tables
 * are in place, so a higher count is a finished run).
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { openServerReader, WorkspaceReader } from '../readmodel/index.ts';
import { DATABASE_FILE, readGeneration, type Engine } from '../warehouse/index.ts';

/** The published generations of one workspace. */
export interface GenerationSource {
  /** The identity of what is published now (null: nothing yet); a different identity is a newer run. */
  identity(): Promise<string | null>;
  /** Opens a reader over what is published now. */
  open(): Promise<WorkspaceReader>;
  /** Releases what the source holds (not the readers it opened). */
  close(): Promise<void>;
}

/** The workspace's own database, DIR/worth.duckdb. */
export function fileSource(dir: string): GenerationSource {
  return {
    identity: async () => fileIdentity(dir),
    open: () => WorkspaceReader.open(dir),
    close: async () => {},
  };
}

/** The published file's identity (device and inode); null when there is none. */
function fileIdentity(dir: string): string | null {
  try {
    const s = statSync(path.join(dir, DATABASE_FILE), { bigint: true });
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

/**
 * The results on a server engine (`connect` opens a connection to it). The generation is asked
 * on a connection of its own; a server that does not answer keeps the last identity (the
 * generation being served goes on answering from what it read, and the next answer is looked at
 * again at the next poll).
 */
export function serverSource(dir: string, connect: () => Promise<Engine>): GenerationSource {
  let poll: Engine | null = null;
  let last: string | null = null;
  return {
    identity: async () => {
      try {
        poll ??= await connect();
        last = `generation ${await readGeneration(poll)}`;
      } catch {
        const stale = poll;
        poll = null;
        await stale?.close().catch(() => {});
      }
      return last;
    },
    open: async () => {
      const engine = await connect();
      try {
        return await openServerReader(engine, dir);
      } catch (e) {
        await engine.close().catch(() => {});
        throw e;
      }
    },
    close: async () => {
      await poll?.close().catch(() => {});
      poll = null;
    },
  };
}
