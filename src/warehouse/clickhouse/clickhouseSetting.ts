/**
 * worth.yaml's `engine: { kind: clickhouse, ... }` as the options to open the engine with: the
 * password read from the environment variable `password_env` names (never from worth.yaml,
 * never shown in a message).
 */
import { WorthError } from '../../core/index.ts';
import type { ClickHouseOptions } from './clickhouseEngine.ts';

/** The `engine` section of worth.yaml for a ClickHouse server, as src/workspace parses it. */
export interface ClickHouseSetting {
  /** HTTP endpoint. */
  url: string;
  /** Database the tables live in. */
  database: string;
  /** User name. */
  user: string;
  /** The environment variable that holds the password; absent: no password. */
  password_env?: string | undefined;
  /** Cluster the canonical tables are sharded over (a local table per shard, a Distributed table over them). */
  cluster?: string | undefined;
}

/**
 * worth.yaml's parsed `engine` section (src/workspace's `config.engine`) as a ClickHouse
 * setting, or undefined where it names another engine (or none: DuckDB).
 */
export function clickhouseSettingOf(section: unknown): ClickHouseSetting | undefined {
  const e = section as Record<string, unknown> | undefined;
  if (e?.kind !== 'clickhouse') return undefined;
  const text = (key: string) => (typeof e[key] === 'string' ? e[key] : undefined);
  return {
    url: text('url') ?? '',
    database: text('database') ?? 'default',
    user: text('user') ?? 'default',
    password_env: text('password_env'),
    cluster: text('cluster'),
  };
}

/**
 * The options for `openEngine({ kind: 'clickhouse' })` from the setting and the environment; a
 * named variable that is not set is a WorthError at `engine.password_env`.
 */
export function clickhouseOptions(setting: ClickHouseSetting, env: NodeJS.ProcessEnv): ClickHouseOptions {
  let password = '';
  if (setting.password_env !== undefined) {
    const value = env[setting.password_env];
    if (value === undefined)
      throw new WorthError(
        'config',
        { path: 'engine.password_env' },
        setting.password_env,
        'an environment variable that is set',
        undefined,
        { key: 'clickhousePasswordUnset', vars: { env: setting.password_env } },
      );
    password = value;
  }
  return {
    url: setting.url,
    database: setting.database,
    user: setting.user,
    password,
    ...(setting.password_env !== undefined ? { passwordEnv: setting.password_env } : {}),
    ...(setting.cluster !== undefined ? { cluster: setting.cluster } : {}),
  };
}
