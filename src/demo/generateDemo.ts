/**
 * The generator's main loop: writes the header rows, then the blocks of customers in
 * order, either on this thread (streaming straight to the sinks) or on worker threads.
 * Both ways give the same bytes.
 */
import type { Progress } from '../core/index.ts';
import { planBlocks } from './blocks.ts';
import { DEMO_TABLES, headerRow, type DemoTable } from './columns.ts';
import { generateBlock } from './generateBlock.ts';
import type { DemoOptions } from './options.ts';
import type { TableSink } from './tableSink.ts';
import type { TimeActivity } from './costModelYaml.ts';
import { TotalsCounter, type DemoTotals } from './totals.ts';
import { runBlocksInWorkers } from './workerPool.ts';

/** What the generator wrote: exact totals per table, and the minutes its rows use per time-driven activity. */
export interface DemoGenerated {
  totals: DemoTotals;
  minutes: Record<TimeActivity, number>;
}

/** Generates the demo into the sinks (header rows included), closes them, and returns the totals. */
export async function generateDemo(
  o: DemoOptions,
  sinks: Record<DemoTable, TableSink>,
  threads = 1,
  progress?: Progress,
): Promise<DemoGenerated> {
  const all = DEMO_TABLES.map((t) => sinks[t]);
  const delimiter = o.format === 'dutch' ? ';' : ',';
  for (const t of DEMO_TABLES) sinks[t].write(headerRow(t, delimiter));
  const blocks = planBlocks(o);
  const totals = new TotalsCounter();
  let done = 0;
  progress?.start('customers', o.customers);
  if (threads > 1 && blocks.length > 1) {
    await runBlocksInWorkers(o, blocks, Math.min(threads, blocks.length), async (r) => {
      for (const t of DEMO_TABLES) sinks[t].write(r.tables![t]);
      totals.add(r.totals!);
      for (const s of all) if (s.blocked) await s.drain();
      progress?.update((done += blocks[r.index]!.count));
    });
  } else {
    for (const block of blocks) {
      totals.add(await generateBlock(o, block, sinks));
      progress?.update((done += block.count));
    }
  }
  await Promise.all(all.map((s) => s.close()));
  progress?.stop();
  return { totals: totals.result(), minutes: totals.minutes.minutes() };
}
