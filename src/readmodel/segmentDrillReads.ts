/**
 * `GET /api/segment-drill`: a segment's figure down to its source rows, on the reader's
 * connections. A generation never changes, so each figure's count and total (read with the first
 * page asked, in one scan of the segment's source rows) and each page asked are kept per
 * generation, the most recently asked first to stay.
 */
import { filtersKey } from './filters.ts';
import { keptAnswers } from './keptAnswers.ts';
import {
  parseSegmentDrillRequest,
  readSegmentDrill,
  type SegmentDrill,
  type SegmentDrillRow,
  type SegmentDrillSum,
} from './segmentDrill.ts';
import { DRILL_PAGE_SIZE } from './drill.ts';
import { notAnalysed } from './readErrors.ts';
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
  if (!reader.analysed) throw notAnalysed();
  const key = JSON.stringify([filtersKey(request.filters), request.line]);
  // The first page asked reads the count and total with it; a later page reads its rows alone.
  let first: Promise<SegmentDrillSum & { items: SegmentDrillRow[] }> | undefined;
  const sum = await keep(reader, `total ${key}`, () =>
    (first = readOnServer(reader, (engine) => readSegmentDrill(engine, request))).then(({ rows, total }) => ({
      rows,
      total,
    })),
  );
  const items = await keep(reader, `page ${key} ${request.page}`, async () =>
    first
      ? (await first).items
      : (await readOnServer(reader, (engine) => readSegmentDrill(engine, request, sum))).items,
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
