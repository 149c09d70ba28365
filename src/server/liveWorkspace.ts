/**
 * The generation a server serves, switched when a command publishes a new one. Writers
 * publish by renaming a finished database over DIR/worth.duckdb (src/warehouse), so the
 * file's identity (device and inode) changes exactly when a run has been published; the file
 * we hold open keeps its inode, so a changed identity is always a newer file. A poll looks
 * at it a few times a second; a new generation is opened read-only and its customer index
 * built while the old one keeps answering, then requests go to the new one and the old one
 * is closed when its last request has finished.
 *
 * A generation without the customer P&L (just after `worth ingest`, before `worth analyze`)
 * does not replace one that has it: the dashboard keeps the last analysed figures until the
 * analysis of the new load is published (`latest` in /api/health tells that a newer load exists).
 * Likewise a generation without lifetime values (`worth analyze` just published, `worth clv`
 * still to come) does not replace one that has them while a writer is at work on the workspace
 * or was within the last {@link VALUES_SETTLE_MS}: in `ingest && analyze && clv` the dashboard
 * goes from the old figures to the new ones with their lifetime values in one step, never
 * showing the Lifetime value and Scenarios pages empty in between; a workspace on which nobody
 * runs `worth clv` gets the new figures that much later.
 */
import path from 'node:path';
import { silentLogger, type Logger } from '../core/index.ts';
import { writerLockHolder } from '../warehouse/index.ts';
import type { HoldPages } from '../workspace/index.ts';
import type { ScenarioPool } from './scenarioPool.ts';
import { prepareFilters, ScenarioService, type WorkspaceReader } from '../readmodel/index.ts';
import { fileSource, type GenerationSource } from './generationSource.ts';

import { cliWord, type Lang } from '../words/index.ts';

/** What one generation serves with. */
export interface ServedGeneration {
  readonly reader: WorkspaceReader;
  readonly scenarios: ScenarioService;
  readonly generation: number;
}

/** A generation held by one request; release it when the response is made. */
export interface GenerationLease {
  readonly served: ServedGeneration;
  release(): void;
}

/** Options for {@link LiveWorkspace.open}. */
export interface LiveOptions {
  /** How often to look for a new generation (ms, default 250); 0: never (a fixed generation). */
  pollMs?: number;
  /** Told about switches and generations that could not be opened. */
  logger?: Logger;
  /** Worker threads for scenario runs, shared by every generation (absent: runs computed in process). */
  pool?: ScenarioPool;
  /** Whether each generation's customer pages are held in memory (default `auto`, see {@link shouldHoldPages}). */
  holdPages?: HoldPages;
  /** Language of what the logger is told (worth.yaml's; default English). */
  lang?: Lang;
  /** How long after the last writer a generation without lifetime values may replace one with them (ms, default {@link VALUES_SETTLE_MS}). */
  settleMs?: number;
  /** Where the generations come from (default: the workspace's DuckDB file; a server engine's results for ClickHouse). */
  source?: GenerationSource;
}

/**
 * How long (ms) a generation without lifetime values waits, after the workspace's last writer
 * was seen, before it replaces a generation that has them: time for the `worth clv` after a
 * `worth analyze` to start and take the writer lock, on a busy machine too.
 */
export const VALUES_SETTLE_MS = 15_000;

/**
 * Customers up to which `hold_pages: auto` holds the pages in memory. Measured at 1,000,000
 * (BENCHMARKS.md, "Holding the customer pages, before and after"), the pages streamed into
 * typed arrays: the server peaked at 1,455 MiB while holding them (850 MiB after start-up,
 * 1,453 MiB just after; the workspace had no lifetime values, about 40 MB more), under the
 * 1.5 GiB a laptop beside a spreadsheet and a browser can spare; beyond it a page from the
 * database costs about 0.1 s of CPU at 1,000,000.
 */
export const AUTO_HOLD_MAX_CUSTOMERS = 1_000_000;

/** Whether a generation of `customers` customers holds its pages in memory under `setting`. */
export function shouldHoldPages(setting: HoldPages, customers: number): boolean {
  switch (setting) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'auto':
      return customers <= AUTO_HOLD_MAX_CUSTOMERS;
    default: {
      const never: never = setting;
      throw new Error(`unknown hold_pages setting ${JSON.stringify(never)}`);
    }
  }
}

interface Held {
  served: ServedGeneration;
  fileId: string | null;
  leases: number;
  retired: boolean;
  closed: boolean;
  analysed: boolean;
  valued: boolean;
}

/** The served generation of one workspace, kept current. */
export class LiveWorkspace {
  private held: Held;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private closed = false;
  /** A newer generation without lifetime values, open and waiting to replace the served one (see the module note). */
  private pending: Held | null = null;
  /** When a writer was last seen at work on the workspace (ms since the epoch; 0: never). */
  private writerSeenAt = 0;
  /** The published file's identity at the last poll. */
  private seenFileId: string | null;
  /** The newest generation seen on disk (may be newer than the served one, see the module note). */
  latest: number;

  private constructor(
    private readonly dir: string,
    private readonly source: GenerationSource,
    first: Held,
    private readonly logger: Logger,
    private readonly pool: ScenarioPool | undefined,
    private readonly holdSetting: HoldPages = 'auto',
    private readonly lang: Lang = 'en',
    private readonly settleMs: number = VALUES_SETTLE_MS,
  ) {
    this.held = first;
    this.latest = first.served.generation;
    this.seenFileId = first.fileId;
  }

  /** Opens the workspace's current generation and, with `pollMs` > 0, follows new ones. */
  static async open(workspaceDir: string, options: LiveOptions = {}): Promise<LiveWorkspace> {
    const dir = path.resolve(workspaceDir);
    const source = options.source ?? fileSource(dir);
    const fileId = await source.identity();
    const live = new LiveWorkspace(
      dir,
      source,
      held(await openOrRelease(source), dir, fileId, options.pool),
      options.logger ?? silentLogger,
      options.pool,
      options.holdPages,
      options.lang,
      options.settleMs,
    );
    live.holdPages(live.held.served.reader);
    const pollMs = options.pollMs ?? 250;
    if (pollMs > 0) {
      live.timer = setInterval(() => void live.check(), pollMs);
      live.timer.unref();
    }
    return live;
  }

  /** Serves one already open reader and never switches (tests, the report). */
  static fixed(reader: WorkspaceReader, workspaceDir: string, pool?: ScenarioPool): LiveWorkspace {
    return new LiveWorkspace(
      path.resolve(workspaceDir),
      fileSource(path.resolve(workspaceDir)),
      held(reader, path.resolve(workspaceDir), null, pool),
      silentLogger,
      pool,
    );
  }

  /** What is being served now (for a single use; a request holds a lease instead, see {@link acquire}). */
  get served(): ServedGeneration {
    return this.held.served;
  }

  /** The generation being served. */
  get generation(): number {
    return this.held.served.generation;
  }

  /** The current generation for one request: it stays open until released, even if a newer one is switched to meanwhile. */
  acquire(): GenerationLease {
    const h = this.held;
    h.leases++;
    let done = false;
    return {
      served: h.served,
      release: () => {
        if (done) return;
        done = true;
        h.leases--;
        this.closeIfIdle(h);
      },
    };
  }

  /** Looks for a newly published generation and switches to it (what the poll does; tests call it directly). */
  check(): Promise<void> {
    this.checking ??= this.switchIfNew().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  /** Stops following and closes the served generation once its requests are done. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.checking;
    if (this.pending) await this.pending.served.reader.close();
    this.pending = null;
    this.retire(this.held);
    await this.source.close();
  }

  private async switchIfNew(): Promise<void> {
    if (this.closed) return;
    const fileId = await this.source.identity();
    // A writer at work, or a publication just seen (a writer's last act, however short its run).
    if (writerLockHolder(this.dir) !== null || fileId !== this.seenFileId) this.writerSeenAt = Date.now();
    this.seenFileId = fileId;
    if (this.pending && this.pending.fileId !== fileId) {
      // Replaced on disk by a newer publication (the `worth clv` it was waiting for): that one is opened instead.
      await this.pending.served.reader.close();
      this.pending = null;
    }
    if (fileId === null || fileId === this.held.fileId) return;
    let next: Held;
    if (this.pending) next = this.pending;
    else
      try {
        next = held(await this.source.open(), this.dir, fileId, this.pool);
      } catch (e) {
        // Kept serving what we have; the next publication is tried again.
        this.held.fileId = fileId;
        this.logger.warn(`could not open the new generation of ${this.dir}: ${(e as Error).message}`);
        return;
      }
    this.latest = Math.max(this.latest, next.served.generation);
    if (this.closed || (this.held.analysed && !next.analysed)) {
      // Not analysed yet: keep the analysed figures; remember the file so it is not reopened every poll.
      this.held.fileId = fileId;
      this.pending = null;
      await next.served.reader.close();
      return;
    }
    // Opening took a while: is a writer (the `worth clv` that follows) at work now?
    if (writerLockHolder(this.dir) !== null) this.writerSeenAt = Date.now();
    if (this.held.valued && !next.valued && Date.now() - this.writerSeenAt < this.settleMs) {
      // Analysed, its lifetime values perhaps on their way: kept open, and looked at again at the next poll.
      this.pending = next;
      return;
    }
    this.pending = null;
    const old = this.held;
    this.held = next;
    this.holdPages(next.served.reader);
    this.logger.info(
      cliWord(this.lang, 'servingGeneration', { n: String(next.served.generation), dir: this.dir }),
    );
    this.retire(old);
  }

  /**
   * Starts reading the customer pages into memory in the background when the setting says so
   * (until then, or if they cannot be held, they are read from the database), and then the global
   * filters' cube, so the first filtered request does not wait for it.
   */
  private holdPages(reader: WorkspaceReader): void {
    const held = shouldHoldPages(this.holdSetting, reader.customerCount)
      ? reader.holdPages((reason) =>
          this.logger.warn(`customer pages are read from the database (not held in memory: ${reason})`),
        )
      : Promise.resolve(null);
    void held.then(() => prepareFilters(reader)).catch(() => {});
  }

  private retire(h: Held): void {
    h.retired = true;
    this.closeIfIdle(h);
  }

  private closeIfIdle(h: Held): void {
    if (!h.retired || h.leases > 0 || h.closed) return;
    h.closed = true;
    void h.served.reader
      .close()
      .catch((e: unknown) =>
        this.logger.warn(`closing generation ${h.served.generation}: ${(e as Error).message}`),
      );
  }
}

function held(
  reader: WorkspaceReader,
  dir: string,
  fileId: string | null,
  pool: ScenarioPool | undefined,
): Held {
  return {
    served: { reader, scenarios: new ScenarioService(reader, dir, pool), generation: reader.generation },
    fileId,
    leases: 0,
    retired: false,
    closed: false,
    analysed: reader.analysed,
    valued: reader.valued,
  };
}

/** The source's first reader; a source that cannot open one is released before the failure is passed on. */
async function openOrRelease(source: GenerationSource): Promise<WorkspaceReader> {
  try {
    return await source.open();
  } catch (e) {
    await source.close();
    throw e;
  }
}
