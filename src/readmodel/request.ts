/**
 * The read model's requests, parsed once into fully defaulted types. A bad value is a
 * `WorthError` naming the parameter, the value and what is expected (an output turns it into
 * its own error: the server into 400).
 */
import { WorthError } from '../core/index.ts';
import { notValidText } from '../words/index.ts';

/** The time buckets a trend is summed into. */
export const GRAINS = ['month', 'quarter'] as const;

/** A trend's time bucket: calendar months or calendar quarters (sums of their months). */
export type Grain = (typeof GRAINS)[number];

/** A trend request: its grain (default month) and, for the trend page, one segment (absent: every customer). */
export interface TrendRequest {
  grain: Grain;
  /** One segment's trend; absent: the total over all customers. */
  segment?: string;
}

/** Longest segment name accepted (segments are customer attributes; longer input is a mistake). */
const MAX_SEGMENT = 200;

/** Parses a trend request from raw parameters (`grain`, `segment`); unknown parameters are ignored. */
export function parseTrendRequest(raw: Record<string, string | undefined>): TrendRequest {
  const grain = parseGrain(raw.grain);
  const segment = raw.segment;
  if (segment === undefined || segment === '') return { grain };
  if (segment.length > MAX_SEGMENT)
    throw new WorthError(
      'input',
      { path: 'segment' },
      segment.slice(0, 40),
      `a segment name of at most ${MAX_SEGMENT} characters`,
      undefined,
      notValidText(segment.slice(0, 40), { key: 'expectedSegmentName', vars: { max: { int: MAX_SEGMENT } } }),
    );
  return { grain, segment };
}

/** Parses `grain` (absent or empty: month). */
export function parseGrain(raw: string | undefined): Grain {
  if (raw === undefined || raw === '') return 'month';
  const found = GRAINS.find((g) => g === raw);
  if (!found)
    throw new WorthError(
      'input',
      { path: 'grain' },
      raw.slice(0, 40),
      `one of ${GRAINS.join(', ')}`,
      undefined,
      notValidText(raw.slice(0, 40), { key: 'expectedOneOf', vars: { values: GRAINS.join(', ') } }),
    );
  return found;
}
