/**
 * A worker thread generating blocks of the demo: it receives a block, writes it into
 * memory, and sends back each table's bytes (transferred, not copied) and the totals.
 */
import { parentPort } from 'node:worker_threads';
import type { BlockResult } from './blockResult.ts';
import type { BlockSpec } from './blocks.ts';
import { DEMO_TABLES, perTable } from './columns.ts';
import { generateBlock } from './generateBlock.ts';
import type { DemoOptions } from './options.ts';
import { MemorySink } from './tableSink.ts';

/** A request to the worker. */
export interface BlockRequest {
  options: DemoOptions;
  block: BlockSpec;
}

const port = parentPort;
if (port) {
  port.on('message', (req: BlockRequest) => {
    const sinks = perTable(() => new MemorySink());
    generateBlock(req.options, req.block, sinks).then(
      (totals) => {
        const tables = perTable((t) => sinks[t].bytes());
        const result: BlockResult = { index: req.block.index, tables, totals };
        port.postMessage(
          result,
          DEMO_TABLES.map((t) => tables[t].buffer as ArrayBuffer),
        );
      },
      (e: unknown) => {
        const result: BlockResult = { index: req.block.index, error: String((e as Error).stack ?? e) };
        port.postMessage(result);
      },
    );
  });
}
