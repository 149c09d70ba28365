/** DuckDB as an engine descriptor: embedded, the default, every command runs on it. */
import { sqlFunction as fn, defineEngine, type SqlToken } from '../engineDescriptor.ts';
import { duckdbDialect } from './duckdbDialect.ts';
import { DuckDBEngine } from './duckdbEngine.ts';

/**
 * DuckDB's own SQL spellings: each has a Dialect member (or must get one) instead.
 * Case-insensitive (`try_cast` is `TRY_CAST`).
 */
const DUCKDB_TOKENS: SqlToken[] = [
  ['DECIMAL(p,s)', /\bDECIMAL\(\d/i],
  ['TRY_CAST', /\bTRY_CAST\b/i],
  ['HUGEINT', /\bHUGEINT\b/i],
  ['rowid', /\browid\b/i],
  ['string_agg', /\bstring_agg\b/i],
  ['quantile_cont', /\bquantile_(cont|disc)\b/i],
  ['strptime(', /\b(try_)?strptime\(/i],
  // a cast `x::INTEGER`, `[1:3]::VARCHAR[]`; not IPv6's '::1'
  ['x::type', /[\w)'\]]::[a-z]/i],
  ['read_csv', /\bread_csv/i],
  ['regexp_', /\bregexp_/i],
  ['strlen(', fn('strlen')],
  ['sniff_csv', /\bsniff_csv\b/i],
  ['unnest(', fn('unnest')],
  ['mode(', fn('mode')],
  // the list aggregate `list(x ORDER BY ...)`, `list(DISTINCT x)`
  ['list(', /(?<![.\w$])list\((DISTINCT\b|\$\{)/i],
  ['list_/array_agg', /(?<![.\w$])(list_\w+|array_agg)\(/i],
  ['QUALIFY', /\bQUALIFY\b/],
  ['USING SAMPLE', /\bUSING SAMPLE\b/i],
  ['read_parquet', /\bread_(parquet|json)/i],
  ['COPY ... TO', /\bCOPY \(.*\bTO\b|\bCOPY \w+ TO\b/],
  ['PRAGMA', /\bPRAGMA\b/],
  ['SET threads', /\bSET (threads|memory_limit|preserve_insertion_order|temp_directory)\b/i],
  ['epoch_ms', fn('epoch(_ms)?')],
  ['arg_max', fn('arg_(max|min)')],
  ['struct', /(?<![.\w$])struct_\w+\(|\bSTRUCT\(/i],
  ['strip_accents', fn('strip_accents')],
  ['printf', fn('printf')],
  ['strftime', fn('strftime')],
  ['date_diff', fn('date_diff')],
  ['any_value', fn('any_value')],
  ['hash(', fn('hash')],
  ['TRY(', /(?<![.\w$])TRY\(/],
  ['generate_series', fn('(generate_series|range)')],
  ['ILIKE', /\bILIKE\b/],
  ['SELECT * EXCLUDE', /\*\s+EXCLUDE\b/i],
  // the star modifier `x.* REPLACE (expr AS col)` (ClickHouse 18.16 has none): dialect.starReplacing
  ['SELECT * REPLACE', /\*\s+REPLACE\s*\(/i],
  ['CREATE OR REPLACE', /\bCREATE OR REPLACE\b/i],
  ['INSERT OR', /\bINSERT OR (REPLACE|IGNORE)\b/i],
  // the abbreviation (standard SQL and ClickHouse say TEMPORARY)
  ['CREATE TEMP', /\bCREATE (OR REPLACE )?TEMP (TABLE|VIEW)\b/i],
  // a tuple counted distinct (ClickHouse: uniqExact(a, b)): dialect.countDistinct
  ['count(DISTINCT (a, b))', /\bcount\(DISTINCT \(/i],
  // the catalogue: Engine.columns, columnTypes and tableExists read it (ClickHouse has system.columns)
  ['information_schema', /\binformation_schema\b|(?<![.\w$])duckdb_\w+\(/i],
];

/** DuckDB: embedded in the process, a file in the workspace (or in memory), the default engine. */
export const duckdbDescriptor = defineEngine<'duckdb', undefined>({
  kind: 'duckdb',
  summary: 'embedded, default',
  settings: {},
  requiredSettings: [],
  runsCommands: true,
  dialect: duckdbDialect,
  open: (options) =>
    DuckDBEngine.open(options.path ?? ':memory:', {
      ...(options.readOnly ? { readOnly: true } : {}),
      ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}),
      ...(options.tempDirectory ? { tempDirectory: options.tempDirectory } : {}),
    }),
  sqlTokens: DUCKDB_TOKENS,
  conformanceNotYet: [],
});
