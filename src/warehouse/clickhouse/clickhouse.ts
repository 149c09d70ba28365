/**
 * ClickHouse as an engine descriptor: a server reached over HTTP, its worth.yaml settings (the
 * password only from the environment), its own SQL spellings, and what it does not do yet.
 */
import { z } from 'zod';
import { SETTING_WORDS } from '../../words/index.ts';
import { defineEngine, type SqlToken } from '../engineDescriptor.ts';
import { clickhouseDialect } from './clickhouseDialect.ts';
import { ClickHouseEngine, type ClickHouseOptions } from './clickhouseEngine.ts';

/** ClickHouse's own spellings (a stage asks the dialect instead). */
const CLICKHOUSE_TOKENS: SqlToken[] = [
  [
    'ClickHouse toX(',
    /(?<![.\w$])(toDecimal(32|64|128)|to\w+OrNull|toStartOf\w+|toInt(8|16|32|64)|toFloat64|toUInt\w+)\(/,
  ],
  ['ClickHouse regexp', /(?<![.\w$])(replaceRegexp(All|One)|extractAll|match)\(/],
  [
    'ClickHouse aggregates',
    /(?<![.\w$])(uniqExact|countIf|sumIf|groupArray\w*|argMinIf|topK|quantileExact\w*)\(/,
  ],
  ['ClickHouse arrays', /(?<![.\w$])(arrayStringConcat|arrayMap|arraySort|arrayElement|sipHash64)\(/],
  ['ClickHouse throwIf', /(?<![.\w$])throwIf\(/],
  ['ENGINE = / Nullable(', /\bENGINE\s*=\s*(MergeTree|Memory|Distributed)\b|(?<![.\w$])Nullable\(/],
];

/** A ClickHouse server: `engine: { kind: clickhouse, url, database, user, password_env, cluster }`. */
export const clickhouseDescriptor = defineEngine<'clickhouse', ClickHouseOptions>({
  kind: 'clickhouse',
  summary: 'a server',
  settings: {
    url: z
      .string()
      .regex(/^https?:\/\/[^\s/]+(\/.*)?$/, SETTING_WORDS.settingUrl.en)
      .optional()
      .meta({ description: "ClickHouse's HTTP endpoint, e.g. http://127.0.0.1:8123" }),
    database: z
      .string()
      .min(1)
      .default('default')
      .meta({ description: 'ClickHouse database (default: default)' }),
    user: z.string().min(1).default('default').meta({ description: 'ClickHouse user (default: default)' }),
    password_env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, SETTING_WORDS.settingEnvName.en)
      .optional()
      .meta({ description: 'the environment variable that holds the password (never the password itself)' }),
    cluster: z.string().min(1).optional().meta({
      description:
        "ClickHouse cluster (in the servers' remote_servers) the canonical tables are sharded over by customer",
    }),
  },
  requiredSettings: ['url'],
  // `worth ingest` (sources read and checked on DuckDB, the canonical tables loaded here),
  // `worth analyze` (all but the monthly step) and `worth clv` (summaries in SQL here, the fits
  // in Node), `worth serve` (the run's per-customer results read into an embedded DuckDB,
  // src/readmodel's serverReader.ts); report, export not yet (issue 16).
  runsCommands: ['ingest', 'analyze', 'clv', 'serve'],
  dialect: clickhouseDialect,
  open: (_options, connection) => {
    if (!connection)
      throw new Error('openEngine: kind clickhouse needs its connection (server, database, login)');
    return ClickHouseEngine.open(connection);
  },
  sqlTokens: CLICKHOUSE_TOKENS,
  // Not done yet (issue 16): sniffing a file (worth init --from runs on DuckDB); temporary views
  // (ClickHouse has none: the dialect says so in a WorthError).
  conformanceNotYet: ['sniffCsv', 'createTempView'],
});
