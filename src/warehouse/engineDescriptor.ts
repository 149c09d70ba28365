/**
 * What an engine is to the rest of Worth: one descriptor per engine folder
 * (src/warehouse/<engine>/<engine>.ts), listed once in `engines.ts`. Opening an engine
 * (`openEngine`), worth.yaml's `engine` section (src/workspace), the engine-seam test's token
 * list (test/habits/engineSeam.test.ts) and the conformance suite (test/warehouse/conformance)
 * are all derived from that list, so a new engine writes its folder and one line.
 */
import type { z } from 'zod';
import type { Dialect } from './dialect.ts';
import type { Engine } from './engine.ts';

/** What every engine is opened with, whatever its kind (each engine reads what applies to it). */
export interface OpenOptions {
  /** Database file; absent: a temporary in-memory database (engines with files). */
  path?: string;
  /** Open for reading only (any number of readers may share the file). */
  readOnly?: boolean;
  /** Memory the engine may use, e.g. `4GB`. */
  memoryLimit?: string;
  /** Where the engine spills what does not fit in `memoryLimit` (default: beside the database file). */
  tempDirectory?: string;
}

/**
 * A part of the conformance suite an engine in progress does not pass yet: declared by its
 * descriptor, run as an expected failure (shown, and failing once it works), never left out.
 */
export type ConformancePart = 'stageCsv' | 'tryEval overflow' | 'firstValues' | 'sniffCsv' | 'createTempView';

/** A SQL spelling of one engine that no stage may write (name, pattern on one line of code). */
export type SqlToken = readonly [name: string, pattern: RegExp];

/** A SQL function `name(` as a pattern, not a TypeScript method of the same name (`d.median(`, `${list(`). */
export function sqlFunction(name: string): RegExp {
  return new RegExp(`(?<![.\\w$])${name}\\(`, 'i');
}

/**
 * One engine: its worth.yaml kind and settings, how to open it, its dialect, the SQL spellings
 * of its own that stages must not write, and what of the conformance suite it does not pass yet.
 * `C` is what `open` needs beyond {@link OpenOptions} (a server and login; nothing for DuckDB).
 */
export interface EngineDescriptor<K extends string = string, C = unknown> {
  /** worth.yaml's `engine.kind` (lower case). */
  readonly kind: K;
  /** A few words for worth.yaml's schema description (`embedded, the default`). */
  readonly summary: string;
  /**
   * worth.yaml's `engine` keys of this engine beside `kind`, each optional or defaulted, its
   * expectation a `SETTING_WORDS` English text (src/words) so it is said in both languages.
   */
  readonly settings: z.ZodRawShape;
  /** Keys of `settings` worth.yaml must give with this kind (`url` for a server). */
  readonly requiredSettings: readonly string[];
  /**
   * The commands that run on it: true, all of them; otherwise the `worth` commands by name
   * (`ingest`, `analyze`) that do yet. Any other command refuses a workspace naming it.
   */
  readonly runsCommands: true | readonly WorkspaceCommand[];
  /** The dialect its SQL is written in. */
  readonly dialect: Dialect;
  /** Opens it; `connection` is what this kind needs beyond the common options (a bug when missing and needed). */
  open(options: OpenOptions, connection: C | undefined): Promise<Engine>;
  /** Its own SQL spellings: the engine-seam test forbids them outside src/warehouse. */
  readonly sqlTokens: readonly SqlToken[];
  /** What the conformance suite expects to fail on it for now (empty: it passes all). */
  readonly conformanceNotYet: readonly ConformancePart[];
}

/** A `worth` command that reads a workspace's engine section, by name. */
export type WorkspaceCommand = 'ingest' | 'analyze' | 'clv' | 'serve';

/** Whether `command` (undefined: any command) runs on the engine `descriptor` describes. */
export function runsCommand(descriptor: EngineDescriptor, command: WorkspaceCommand | undefined): boolean {
  const runs = descriptor.runsCommands;
  return runs === true || (command !== undefined && runs.includes(command));
}

/** Declares a descriptor with its kind and connection types kept (for `ENGINES`' derived types). */
export function defineEngine<K extends string, C>(
  descriptor: EngineDescriptor<K, C>,
): EngineDescriptor<K, C> {
  return descriptor;
}

/** The descriptor of `kind` among `engines`, or undefined. */
export function findEngine(engines: readonly EngineDescriptor[], kind: string): EngineDescriptor | undefined {
  return engines.find((e) => e.kind === kind);
}

/** Every engine's own SQL spellings, for the engine-seam test. */
export function engineSqlTokens(engines: readonly EngineDescriptor[]): SqlToken[] {
  return engines.flatMap((e) => e.sqlTokens);
}
