/**
 * Runs blocks of the demo on worker threads and hands their results back in block order,
 * keeping only a few finished blocks waiting so memory stays bounded.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BlockResult } from './blockResult.ts';
import type { BlockSpec } from './blocks.ts';
import type { BlockRequest } from './demoWorker.ts';
import type { DemoOptions } from './options.ts';

/** Blocks in flight or waiting per worker. */
const AHEAD_PER_WORKER = 2;

/**
 * Worker threads do not inherit the TypeScript loader the CLI and the tests run under, so
 * each worker first registers tsx (found next to this package) and then loads the worker.
 */
function startWorker(): Worker {
  const tsxDir = createRequire(import.meta.url)
    .resolve('tsx/package.json')
    .replace(/package\.json$/, '');
  const tsxApi = pathToFileURL(`${tsxDir}dist/esm/api/index.mjs`).href;
  const entry = new URL('./demoWorker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true });
}

/** Generates `blocks` on `threads` workers; `consume` gets each result in block order. */
export async function runBlocksInWorkers(
  options: DemoOptions,
  blocks: BlockSpec[],
  threads: number,
  consume: (result: BlockResult) => Promise<void>,
): Promise<void> {
  const workers = Array.from({ length: threads }, startWorker);
  const results = new Map<number, BlockResult>();
  let failure: Error | undefined;
  let wake: () => void = () => {};
  let dispatched = 0;
  let consumed = 0;
  const idle: Worker[] = [];
  const dispatch = () => {
    while (idle.length && dispatched < blocks.length && dispatched - consumed < threads * AHEAD_PER_WORKER) {
      const req: BlockRequest = { options, block: blocks[dispatched++]! };
      idle.pop()!.postMessage(req);
    }
  };
  for (const w of workers) {
    w.on('message', (r: BlockResult) => {
      results.set(r.index, r);
      idle.push(w);
      dispatch();
      wake();
    });
    w.on('error', (e) => {
      failure = e;
      wake();
    });
    idle.push(w);
  }
  try {
    dispatch();
    for (let next = 0; next < blocks.length; next++) {
      while (!results.has(next) && !failure) await new Promise<void>((resolve) => (wake = resolve));
      if (failure) throw failure;
      const r = results.get(next)!;
      results.delete(next);
      if (r.error) throw new Error(`demo worker failed on block ${next}: ${r.error}`);
      await consume(r);
      consumed++;
      dispatch();
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
