/**
 * What a DuckDB failure means for the user. DuckDB reports faults only as message text, so
 * this adapter is the one place that reads that text; the rest of Worth gets a kind.
 */

/**
 * A database fault the user can act on: a full disk, a file held by another process, a damaged or
 * unreadable file, or a statement that needed more memory than the engine's limit (DuckDB spills
 * sorts, joins and aggregates to disk past it, but not every operator can).
 */
export interface EngineFault {
  kind: 'disk_full' | 'locked' | 'corrupt' | 'permission' | 'missing_file' | 'out_of_memory';
  /** The file DuckDB names in its message, when it names one. */
  file: string | null;
  /** For `out_of_memory`: the limit DuckDB reports (`238.4 MiB`), when its message says it. */
  limit: string | null;
}

const KINDS: [RegExp, EngineFault['kind']][] = [
  [/No space left on device|disk is full/i, 'disk_full'],
  [/Could not set lock on file|Conflicting lock is held/i, 'locked'],
  [
    // "Could not read enough bytes from file": a file cut short (a copy or download that stopped halfway)
    /not a valid DuckDB database file|database file .* corrupt|Corrupt database|checksum|Could not read enough bytes from file/i,
    'corrupt',
  ],
  [/Permission denied/i, 'permission'],
  [/No such file or directory/i, 'missing_file'],
  // "Out of Memory Error: could not allocate block of size 256.0 KiB (238.2 MiB/238.4 MiB used)"
  [/Out of Memory Error|failed to allocate|could not allocate/i, 'out_of_memory'],
];

/** The fault behind a database error (also when wrapped, via `cause`), or null when it is not one of the known kinds. */
export function engineFault(e: unknown): EngineFault | null {
  for (
    let err = e, depth = 0;
    err instanceof Error && depth < 5;
    err = (err as Error & { cause?: unknown }).cause, depth++
  ) {
    // The first line is DuckDB's own; the lines after it are the SQL that ran.
    const first = err.message.split('\n')[0]!;
    const kind = KINDS.find(([re]) => re.test(first))?.[1];
    // A writer works on its own copy of the workspace database (.worth-tmp-<pid>.duckdb); the user knows the original.
    if (kind)
      return {
        kind,
        file:
          kind === 'out_of_memory'
            ? null
            : (/"([^"]+)"/.exec(first)?.[1]?.replace(/\.worth-tmp-\d+\.duckdb(\.wal)?$/, 'worth.duckdb') ??
              null),
        limit:
          kind === 'out_of_memory' ? (/\/\s*([0-9.]+ ?[KMGT]i?B) used\)/.exec(first)?.[1] ?? null) : null,
      };
  }
  return null;
}
