/**
 * The global filters' reads (period, segment, channel, region): the read model's filtered
 * totals, whale curve, customer list, roll-ups, deciles and trend on the reader's connections.
 * A route asks {@link filtersOf} first; without filters it answers as before (from memory and
 * the stored analysis), with them from here. Answers are kept per generation and filter (a
 * published generation never changes), bounded in number.
 */
import type { Row } from '../warehouse/index.ts';
import { CUSTOMER_SORTS, type CustomersQuery } from './customersQuery.ts';
import {
  filtersKey,
  hasPeriod,
  isFiltered,
  parseFilters,
  readFilteredCustomers,
  readFilteredDeciles,
  readFilteredRollup,
  readFilteredTotals,
  readFilteredTrend,
  readFilteredWhale,
  type FilteredCustomerPage,
  type FilteredTotals,
  type FilteredWhalePoint,
  type Filters,
} from './filters.ts';
import { parseGrain } from './request.ts';
import { trendSegments } from './trend.ts';
import { foldSearchText } from './textSearch.ts';
import type { TrendAnswer } from './trendReads.ts';
import type { WorkspaceReader } from './workspaceReader.ts';
import { needServerMonths } from './serverReader.ts';
import { keptAnswers } from './keptAnswers.ts';
import {
  cubeDeciles,
  cubeListFigures,
  cubeRollup,
  cubeTotals,
  cubeTrend,
  cubeWhale,
  loadFilterCube,
  type FilterCube,
} from './filterCube.ts';

const cubes = new WeakMap<WorkspaceReader, Promise<FilterCube | null>>();

/**
 * The reader's filter cube, read once per generation (null: this workspace is answered by SQL
 * only; a cube that could not be read leaves the filters to SQL as well, which says what is wrong).
 */
function cubeOf(reader: WorkspaceReader): Promise<FilterCube | null> {
  let cube = cubes.get(reader);
  if (!cube) {
    cube = reader.read((engine) => loadFilterCube(engine)).catch(() => null);
    cubes.set(reader, cube);
  }
  return cube;
}

/** Reads the filter cube ahead of the first filtered request (a server calls it when a generation opens); resolves when it is read. */
export async function prepareFilters(reader: WorkspaceReader): Promise<void> {
  await cubeOf(reader);
}

/** The global filters of a request (`from`, `to`, `segment`, `channel`, `region`); a bad one is a 400 naming it. */
export function filtersOf(query: Record<string, string | undefined>): Filters {
  return parseFilters(query);
}

/** Whether the customer list needs the filtered read: the in-memory table already filters by segment, not by period, channel or region. */
export function customersNeedFilter(f: Filters): boolean {
  return hasPeriod(f) || f.channel !== undefined || f.region !== undefined;
}

export { isFiltered };

const KEPT_MAX = 512;
const keep = keptAnswers(KEPT_MAX);

/** The filtered part of the overview: the filters, their totals and the whale curve. */
export interface FilteredOverview {
  filters: Filters;
  totals: FilteredTotals;
  whale: FilteredWhalePoint[];
}

/** The overview's figures under filters. */
export function filteredOverviewOf(
  reader: WorkspaceReader,
  f: Filters,
  points: number,
): Promise<FilteredOverview> {
  if (hasPeriod(f)) needServerMonths(reader);
  return keep(reader, JSON.stringify(['overview', filtersKey(f), points]), async () => {
    // From memory (a period from each customer's held months); the SQL when the cube or figures are not held.
    const cube = await cubeOf(reader);
    const totals = cube && cubeTotals(cube, f);
    const whale = cube && cubeWhale(cube, f, points);
    if (totals && whale) return { filters: f, totals, whale };
    return reader.read(async (engine) => ({
      filters: f,
      totals: await readFilteredTotals(engine, f),
      whale: await readFilteredWhale(engine, f, points),
    }));
  });
}

/** One page of the customer list under filters (with the list's own search, filters and sort). */
export function filteredCustomersOf(
  reader: WorkspaceReader,
  f: Filters,
  q: CustomersQuery,
): Promise<FilteredCustomerPage> {
  if (hasPeriod(f)) needServerMonths(reader);
  const words = (q.q ?? '').split(/\s+/).filter(Boolean).map(foldSearchText);
  // The list's own `segment` is the global one (one parameter): it is in `f` already.
  return keep(reader, JSON.stringify(['customers', filtersKey(f), q]), async () => {
    // From memory unless searched (a search is the database's folding of text).
    const table = reader.heldCustomerTable();
    const cube = words.length === 0 && table ? await cubeOf(reader) : null;
    const held = cube && table && cubeListFigures(cube, f, table.size);
    if (held && table) return table.filteredPage(held.positions, held.cents, q);
    return reader.read((engine) =>
      readFilteredCustomers(engine, f, {
        page: q.page,
        pageSize: q.pageSize,
        sortColumn: CUSTOMER_SORTS[q.sort],
        dir: q.dir,
        words,
        ...(q.lossMaking !== undefined ? { lossMaking: q.lossMaking } : {}),
        ...(q.vocQuadrant !== undefined ? { vocQuadrant: q.vocQuadrant } : {}),
        ...(q.matrixQuadrant !== undefined ? { matrixQuadrant: q.matrixQuadrant } : {}),
      }),
    );
  });
}

/** The roll-up by `attribute` under filters (the attribute is checked by the caller). */
export function filteredRollupOf(reader: WorkspaceReader, f: Filters, attribute: string): Promise<Row[]> {
  if (hasPeriod(f)) needServerMonths(reader);
  return keep(reader, JSON.stringify(['rollup', filtersKey(f), attribute]), async () => {
    const cube = await cubeOf(reader);
    return (
      (cube && cubeRollup(cube, f, attribute)) ??
      reader.read((engine) => readFilteredRollup(engine, f, attribute))
    );
  });
}

/** The deciles under filters. */
export function filteredDecilesOf(reader: WorkspaceReader, f: Filters): Promise<Row[]> {
  if (hasPeriod(f)) needServerMonths(reader);
  return keep(reader, JSON.stringify(['deciles', filtersKey(f)]), async () => {
    const cube = await cubeOf(reader);
    return (cube && cubeDeciles(cube, f)) ?? reader.read((engine) => readFilteredDeciles(engine, f));
  });
}

/** The trend page's data under filters: the trend and the segments one can ask for. */
export function filteredTrendOf(
  reader: WorkspaceReader,
  f: Filters,
  grain: string | undefined,
): Promise<TrendAnswer> {
  const g = parseGrain(grain);
  needServerMonths(reader);
  return keep(reader, JSON.stringify(['trend', filtersKey(f), g]), async () => {
    const cube = await cubeOf(reader);
    // Without stored months the SQL read says what to run (before the segments, as it did).
    if (!cube || cube.months.length === 0)
      return reader.read(async (engine) => ({
        trend: await readFilteredTrend(engine, f, g),
        segments: await trendSegments(engine),
      }));
    const segments = await keep(reader, 'trendSegments', () =>
      reader.read((engine) => trendSegments(engine)),
    );
    return { trend: cubeTrend(cube, f, g), segments };
  });
}
