/**
 * `GET /api/segment-drill`: a segment's figure down to its source rows, on the reader's
 * connections. A generation never changes, so each figure's count and total (a scan of the
 * segment's source rows) and each page asked are kept per generation, the most recently asked
 * first to stay.
 */
import { filtersKey } from './filters.ts';
import { keptAnswers } from './keptAnswers.ts';
import {
  parseSegmentDrillRequest,
  readSegmentDrillPage,
  readSegmentDrillTotal,
  type SegmentDrill,
} from './segmentDrill.ts';
import { DRILL_PAGE_SIZE } from './drill.ts';
import { readOnServer } from './serverReader.ts';
import type { WorkspaceReader } from './workspaceReader.ts';

/** Totals and pages kept per generation (a page of 100 rows is some 20 KB). */
const KEPT_MAX = 512;
const keep = keptAnswers(KEPT_MAX);

/** `GET /api/segment-drill?segment&line&page` with the other global filters (`from`, `to`, `channel`, `region`). */
export async function segmentDrillOf(
  reader: WorkspaceReader,
  query: Record<string, string | undefined>,
): Promise<SegmentDrill> {
  const request = parseSegmentDrillRequest(query);
  const key = JSON.stringify([filtersKey(request.filters), request.line]);
  // The total first: it checks the customers have segments before a page is read.
  const sum = await keep(reader, `total ${key}`, () =>
    readOnServer(reader, (engine) => readSegmentDrillTotal(engine, request)),
  );
  const items = await keep(reader, `page ${key} ${request.page}`, () =>
    readOnServer(reader, (engine) => readSegmentDrillPage(engine, request)),
  );
  return {
    filters: request.filters,
    line: request.line,
    total: sum.total,
    rows: sum.rows,
    page: request.page,
    pageSize: DRILL_PAGE_SIZE,
    items,
  };
}
