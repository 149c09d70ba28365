/**
 * Generates one block of customers into the sinks: each customer is drawn from the block's
 * seeded stream and its whole history is written before the next, so memory stays flat.
 */
import { blockSeed, ID_STRIDE, type BlockSpec } from './blocks.ts';
import { makeCalendar, type Calendar } from './calendar.ts';
import { makeCatalog, type Catalog } from './catalog.ts';
import { DEMO_TABLES, type DemoTable } from './columns.ts';
import { csvFormat, type CsvFormat } from './csvFormat.ts';
import { drawCustomer } from './customerProfile.ts';
import { writeCustomerHistory } from './customerHistory.ts';
import type { DemoContext, IdCounters } from './demoContext.ts';
import { DemoRows } from './demoRows.ts';
import type { DemoOptions } from './options.ts';
import { Rng } from './rng.ts';
import type { TableSink } from './tableSink.ts';
import type { RawTotals } from './totals.ts';
import { TraitSequence } from './traitSequence.ts';

/** Customers between two checks for backpressure. */
const BATCH = 256;

interface Setting {
  key: string;
  calendar: Calendar;
  format: CsvFormat;
  catalog: Catalog;
}
let cached: Setting | undefined;

/** Calendar, date table and catalog, built once per thread for the options in use. */
function setting(o: DemoOptions): Setting {
  const key = `${o.lastYear}/${o.years}/${o.format}`;
  if (cached?.key !== key) {
    const calendar = makeCalendar(o.lastYear, o.years);
    cached = { key, calendar, format: csvFormat(o.format, calendar), catalog: makeCatalog() };
  }
  return cached;
}

/** Writes the block's rows (no headers) and returns their totals. */
export async function generateBlock(
  o: DemoOptions,
  block: BlockSpec,
  sinks: Record<DemoTable, TableSink>,
): Promise<RawTotals> {
  const { calendar, format, catalog } = setting(o);
  const rows = new DemoRows(sinks, format);
  const base = block.index * ID_STRIDE;
  const ids: IdCounters = {
    order: base,
    shipment: base,
    invoice: base,
    return: base,
    contact: base,
    feedback: base,
  };
  const rng = new Rng(blockSeed(o.seed, block.index));
  const ctx: DemoContext = { rng, calendar, catalog, rows, ids };
  const traits = new TraitSequence(block.offsets, block.start, block.countsBefore);
  const idWidth = Math.max(6, String(o.customers).length);
  const all = DEMO_TABLES.map((t) => sinks[t]);
  for (let i = 0; i < block.count; i++) {
    writeCustomerHistory(ctx, drawCustomer(rng, traits, block.start + i + 1, idWidth, calendar));
    if (i % BATCH === BATCH - 1) for (const s of all) if (s.blocked) await s.drain();
  }
  rows.flush();
  for (const [kind, n] of Object.entries(ids)) {
    if (n - base >= ID_STRIDE)
      throw new Error(`demo block ${block.index} used more than ${ID_STRIDE} ${kind} ids`);
  }
  return rows.totals.raw();
}
