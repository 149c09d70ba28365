/**
 * Scenario runs off the server's main thread: a few worker threads compute the Monte Carlo
 * (scenarioCompute.ts) one job each, so a burst of runs never holds up other requests
 * (`/api/health`, the customer list). At most `threads` runs compute at once; up to
 * `maxWaiting` more wait in order; past that a run is refused with 429 (try again).
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WorthError } from '../core/index.ts';
import { HttpError } from './httpError.ts';
import type { ScenarioJob, ScenarioOutcome } from '../scenario/index.ts';
import type { WorkerAnswer } from './scenarioWorker.ts';

/** Default number of scenario threads: the cores but one for the server itself, at least 1, at most 4. */
export const DEFAULT_SCENARIO_THREADS = Math.max(1, Math.min(4, availableParallelism() - 1));
/** Default number of runs that may wait for a thread before more are refused. */
export const DEFAULT_SCENARIO_WAITING = 32;

interface Pending {
  job: ScenarioJob;
  resolve: (o: ScenarioOutcome) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
}

/** A bounded pool of scenario worker threads, started on the first run. */
export class ScenarioPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Pending[] = [];
  private closed = false;

  constructor(
    /** Runs computed at once (threads). */
    readonly threads = DEFAULT_SCENARIO_THREADS,
    /** Runs that may wait beyond those. */
    readonly maxWaiting = DEFAULT_SCENARIO_WAITING,
  ) {}

  /** Computes `job` on a worker thread; 429 when too many runs are already waiting, 503 after close. */
  run(job: ScenarioJob): Promise<ScenarioOutcome> {
    if (this.closed) return Promise.reject(new HttpError(503, { key: 'apiStopping' }));
    if (this.waiting.length >= this.maxWaiting) {
      return Promise.reject(
        new HttpError(429, {
          key: 'apiTooManyRuns',
          vars: { running: { int: this.threads }, waiting: { int: this.waiting.length } },
        }),
      );
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops the threads; runs still waiting are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.waiting.splice(0)) p.reject(new HttpError(503, { key: 'apiStopping' }));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.waiting.length) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.threads) slot = this.start();
      if (!slot) return;
      const p = this.waiting.shift()!;
      slot.busy = p;
      slot.worker.postMessage(p.job);
    }
  }

  private start(): Slot {
    const slot: Slot = { worker: startWorker(), busy: null };
    slot.worker.unref();
    slot.worker.on('message', (a: WorkerAnswer) => {
      const p = slot.busy;
      slot.busy = null;
      if (p) {
        if (a.ok) p.resolve(a.outcome);
        else p.reject(workerError(a));
      }
      this.dispatch();
    });
    slot.worker.on('error', (e) => {
      // A thread that died takes its run with it; a new one is started for the next run.
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      slot.busy?.reject(e);
      slot.busy = null;
      this.dispatch();
    });
    this.slots.push(slot);
    return slot;
  }
}

/**
 * Worker threads do not inherit the TypeScript loader the CLI and the tests run under, so
 * each worker first registers tsx (found next to this package) and then loads the worker
 * (as src/demo/workerPool.ts does).
 */
function startWorker(): Worker {
  const tsxDir = createRequire(import.meta.url)
    .resolve('tsx/package.json')
    .replace(/package\.json$/, '');
  const tsxApi = pathToFileURL(`${tsxDir}dist/esm/api/index.mjs`).href;
  const entry = new URL('./scenarioWorker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true });
}

/**
 * A failed run as the server answers it: a `WorthError` made again from its data (so it is
 * said in the request's language and gets its status, as in the server's own thread), another
 * user error as a 400, anything else a bug (500, its stack in the server's log).
 */
function workerError(a: Extract<WorkerAnswer, { ok: false }>): Error {
  const w = a.worth;
  if (w)
    return new WorthError(w.code, w.location, w.value, w.expected, w.said ? undefined : w.message, w.said);
  return a.userError ? new HttpError(400, a.message) : new Error(a.message);
}
