/**
 * The one place an engine is opened: stages, commands and the server ask for an `Engine`
 * here and never name a database client. Which engines exist is `ENGINES` (engines.ts).
 */
import { findEngine, type EngineDescriptor, type OpenOptions } from './engineDescriptor.ts';
import type { Engine } from './engine.ts';
import { DEFAULT_ENGINE, ENGINES, type ConnectionOf, type EngineKind } from './engines.ts';

/** Where and how to open an engine of kind `K`. */
export interface EngineOptions<K extends EngineKind = EngineKind> extends OpenOptions {
  /** The engine (default: the first of `ENGINES`, DuckDB). */
  kind?: K;
  /** What the kind needs beyond the common options (a ClickHouse server and login; nothing for DuckDB). */
  connection?: ConnectionOf<K>;
}

/** Opens an engine as `options` say. */
export function openEngine<K extends EngineKind = typeof DEFAULT_ENGINE>(
  options: EngineOptions<K> = {},
): Promise<Engine> {
  return openEngineFrom(ENGINES, options);
}

/**
 * Opens an engine of `options.kind` from the descriptors `engines` (what `openEngine` does with
 * `ENGINES`; a test hands in a longer list).
 */
export function openEngineFrom(
  engines: readonly EngineDescriptor[],
  options: OpenOptions & { kind?: string; connection?: unknown },
): Promise<Engine> {
  const kind = options.kind ?? DEFAULT_ENGINE;
  const descriptor = findEngine(engines, kind);
  if (!descriptor) throw new Error(`openEngine: no engine of kind ${JSON.stringify(kind)}`);
  return descriptor.open(options, options.connection);
}
