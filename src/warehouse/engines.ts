/**
 * The engines Worth knows, one descriptor each: the one line a new engine adds outside its
 * folder. Everything that lists engines derives from `ENGINES`.
 */
import { clickhouseDescriptor } from './clickhouse/clickhouse.ts';
import { duckdbDescriptor } from './duckdb/duckdb.ts';
import type { EngineDescriptor } from './engineDescriptor.ts';

/** Every engine; the first is the default. */
export const ENGINES = [duckdbDescriptor, clickhouseDescriptor] as const;

/** An engine's worth.yaml kind. */
export type EngineKind = (typeof ENGINES)[number]['kind'];

/** The engine used when worth.yaml names none. */
export const DEFAULT_ENGINE = ENGINES[0].kind;

/** What engine `K` needs to open beyond the common options. */
export type ConnectionOf<K extends EngineKind> = K extends unknown
  ? Extract<(typeof ENGINES)[number], { kind: K }> extends EngineDescriptor<K, infer C>
    ? C
    : never
  : never;
