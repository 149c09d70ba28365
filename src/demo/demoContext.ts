/**
 * What every part of the generator shares: the random stream, the calendar, the catalog,
 * the row writers and the running id numbers.
 */
import type { Calendar } from './calendar.ts';
import type { Catalog } from './catalog.ts';
import type { DemoRows } from './demoRows.ts';
import type { Rng } from './rng.ts';

/** Running numbers for the generated ids (the last one used). */
export interface IdCounters {
  order: number;
  shipment: number;
  invoice: number;
  return: number;
  contact: number;
  feedback: number;
}

/** Shared generator state. */
export interface DemoContext {
  rng: Rng;
  calendar: Calendar;
  catalog: Catalog;
  rows: DemoRows;
  ids: IdCounters;
}
