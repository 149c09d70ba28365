/**
 * Which engine a command runs on: the workspace's DuckDB (the default), or the ClickHouse
 * server worth.yaml's `engine` section names, opened with the password from the environment
 * variable `password_env` names (never from worth.yaml, never printed).
 */
import type { Logger } from '../core/index.ts';
import {
  clickhouseOptions,
  clickhouseSettingOf,
  openEngine,
  type ClickHouseSetting,
  type Engine,
} from '../warehouse/index.ts';
import { cliWord, type Lang } from '../words/index.ts';
import type { Workspace } from '../workspace/index.ts';

/** The workspace's ClickHouse setting, or undefined where the commands run on DuckDB. */
export function clickhouseSetting(ws: Workspace): ClickHouseSetting | undefined {
  return clickhouseSettingOf(ws.config.engine);
}

/** Opens the ClickHouse server of `setting` (faults are WorthErrors in the engine's words). */
export function openClickHouse(setting: ClickHouseSetting): Promise<Engine> {
  return openEngine({ kind: 'clickhouse', connection: clickhouseOptions(setting, process.env) });
}

/** Says, in one line on the logger, where a command's work runs on a ClickHouse workspace. */
export function sayWhereItRuns(
  logger: Logger,
  lang: Lang,
  key: 'ingestOnClickHouse' | 'analyzeOnClickHouse' | 'clvOnClickHouse',
  setting: ClickHouseSetting,
): void {
  logger.info(cliWord(lang, key, { url: setting.url, database: setting.database }));
}
