/**
 * A ClickHouse server that is not there, a refused login and a missing database each give one
 * WorthError in the user's words (naming the url, never the password, no stack or SQL), and the
 * client prints nothing of its own. worth.yaml's `engine` section: accepted for ClickHouse,
 * typos answered with a did-you-mean, the password only from the environment.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorText } from '../../../src/words/index.ts';
import { isUserError, WorthError } from '../../../src/core/index.ts';
import { clickhouseOptions, openEngine } from '../../../src/warehouse/index.ts';
import { loadWorkspace, parseWorkspace } from '../../../src/workspace/index.ts';
import { describeWithClickHouse, startClickHouse, type ClickHouseServer } from './server.ts';

/** The error `p` rejects with (fails when it resolves). */
async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

/** Checks an error is a user's error in both languages, with no stack, SQL or secret in it. */
function userFacing(e: Error, secret: string, ...mentions: string[]): void {
  expect(isUserError(e), e.stack).toBe(true);
  const w = e as WorthError;
  expect(w.said).toBeDefined();
  for (const lang of ['en', 'nl'] as const) {
    const text = errorText(lang, w.said!);
    for (const m of mentions) expect(text).toContain(m);
    expect(text).not.toContain(secret);
    expect(text).not.toMatch(/\n\s+at |SELECT|undefined|NaN/);
  }
  expect(e.message).not.toContain(secret);
}

describeWithClickHouse('ClickHouse faults', () => {
  let server: ClickHouseServer;
  const printed = vi.fn();
  beforeAll(async () => {
    server = await startClickHouse();
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);
  afterEach(() => vi.restoreAllMocks());
  const silence = () => {
    for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const)
      vi.spyOn(console, m).mockImplementation(printed);
  };

  it('a server that does not answer: the url, in the user words', async () => {
    silence();
    const closed = new URL(server.url);
    closed.port = '1'; // port 1 on loopback: nothing listens there
    const e = await failure(
      openEngine({
        kind: 'clickhouse',
        connection: { url: closed.toString(), database: 'default', user: 'worth', password: 'not-shown-1' },
      }),
    );
    userFacing(e, 'not-shown-1', closed.toString());
    expect(printed).not.toHaveBeenCalled();
  });

  it('a wrong password: the user and the variable named, the password never', async () => {
    silence();
    const e = await failure(
      openEngine({
        kind: 'clickhouse',
        connection: {
          url: server.url,
          database: 'default',
          user: 'worth',
          password: 'wrong-not-shown-2',
          passwordEnv: 'WORTH_CH_PASSWORD',
        },
      }),
    );
    userFacing(e, 'wrong-not-shown-2', 'worth', 'WORTH_CH_PASSWORD');
    expect(printed).not.toHaveBeenCalled();
  });

  it('a database that does not exist: its name', async () => {
    silence();
    const e = await failure(
      openEngine({
        kind: 'clickhouse',
        connection: { url: server.url, database: 'no_such_db', user: 'worth', password: server.password },
      }),
    );
    userFacing(e, server.password, 'no_such_db');
    expect(printed).not.toHaveBeenCalled();
  });

  it('a statement the server refuses is a bug: the server first line, no SQL in the message', async () => {
    silence();
    const engine = await openEngine({
      kind: 'clickhouse',
      connection: { url: server.url, database: 'default', user: 'worth', password: server.password },
    });
    try {
      const e = await failure(engine.query('SELECT no_such_column FROM system.one'));
      expect(isUserError(e)).toBe(false);
      expect(e.message).toMatch(/^ClickHouse refused a statement \(code 47\)/);
      expect(e.message).not.toContain(server.password);
      expect(printed).not.toHaveBeenCalled();
    } finally {
      await engine.close();
    }
  });

  it('a sum beyond exact money is a WorthError in both languages, never a wrapped number', async () => {
    silence();
    const engine = await openEngine({
      kind: 'clickhouse',
      connection: { url: server.url, database: 'default', user: 'worth', password: server.password },
    });
    try {
      const d = engine.dialect;
      // 3 x 4,000,000,000,000,000,000 as Int64: the plain sum wraps to a negative number on 18.16
      const rows = `(SELECT CAST('4000000000000000000' AS BIGINT) AS c FROM system.numbers LIMIT 3)`;
      const wrapped = await engine.query(`SELECT sum(c) AS v FROM ${rows} t`);
      expect(String(wrapped[0]!.v)).toMatch(/^-/);
      const e = await failure(engine.query(`SELECT ${d.checkedSum('c', 18, 0)} AS v FROM ${rows} t`));
      userFacing(e, server.password);
      expect((e as WorthError).said?.key).toBe('numberTooLarge');
    } finally {
      await engine.close();
    }
  });
});

describe('worth.yaml engine section', () => {
  const BASE =
    'company: X\nperiod: { start: 2025-01-01, end: 2025-12-31 }\nsources:\n  order_lines: { file: o.csv }\n';
  const problems = (text: string) => {
    try {
      parseWorkspace(text, '/tmp/ws');
    } catch (e) {
      if (isUserError(e)) return e.message;
      throw e;
    }
    return '';
  };

  it('accepts a ClickHouse server, defaulting database and user; no engine is DuckDB', () => {
    const ws = parseWorkspace(
      `${BASE}engine: { kind: clickhouse, url: "http://127.0.0.1:8123", password_env: CH_PW, cluster: two }\n`,
      '/tmp/ws',
    );
    expect(ws.config.engine).toEqual({
      kind: 'clickhouse',
      url: 'http://127.0.0.1:8123',
      database: 'default',
      user: 'default',
      password_env: 'CH_PW',
      cluster: 'two',
    });
    expect(parseWorkspace(BASE, '/tmp/ws').config.engine).toBeUndefined();
  });

  it('an unknown key in engine gets the line, the keys known there and a did-you-mean', () => {
    const msg = problems(`${BASE}engine:\n  kind: clickhouse\n  url: http://h:8123\n  pasword_env: X\n`);
    expect(msg).toContain(
      'worth.yaml line 8 at engine.pasword_env: unknown setting "pasword_env" (did you mean "password_env"?)',
    );
    expect(msg).toContain('url');
  });

  it('a password written in worth.yaml is refused (only its variable name is a setting)', () => {
    expect(
      problems(`${BASE}engine: { kind: clickhouse, url: "http://h:8123", password: hunter2 }\n`),
    ).toContain('unknown setting "password"');
  });

  it('clickhouse without a url, and an unknown kind, are errors at their path', () => {
    expect(problems(`${BASE}engine: { kind: clickhouse }\n`)).toContain('engine.url');
    expect(problems(`${BASE}engine: { kind: clikhouse }\n`)).toContain('"duckdb", "clickhouse"');
  });

  it('a command other than ingest, analyze, clv and serve on a workspace with engine kind clickhouse says it does not run there yet (no silent DuckDB)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'worth-ch-'));
    try {
      writeFileSync(
        path.join(dir, 'worth.yaml'),
        `${BASE}engine:\n  kind: clickhouse\n  url: "http://127.0.0.1:8123"\n`,
      );
      let e: unknown;
      try {
        loadWorkspace(dir);
      } catch (x) {
        e = x;
      }
      expect(isUserError(e)).toBe(true);
      expect((e as Error).message).toContain('worth.yaml line 6 at engine.kind');
      expect(errorText('nl', (e as WorthError).said!)).toContain('nog niet');
      expect(errorText('en', (e as WorthError).said!)).toContain(
        'only worth ingest, worth analyze, worth clv, worth serve run on it',
      );
      // the four commands that run there accept it
      for (const command of ['ingest', 'analyze', 'clv', 'serve'] as const)
        expect(loadWorkspace(dir, command).config.engine?.kind).toBe('clickhouse');
      // engine kind duckdb, said out loud, is the default
      writeFileSync(path.join(dir, 'worth.yaml'), `${BASE}engine: { kind: duckdb }\n`);
      expect(loadWorkspace(dir).config.engine?.kind).toBe('duckdb');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the password from the variable named, and names a variable that is not set', () => {
    const setting = { url: 'http://h:8123', database: 'd', user: 'u', password_env: 'CH_PW' };
    expect(clickhouseOptions(setting, { CH_PW: 's3cret' }).password).toBe('s3cret');
    let e: unknown;
    try {
      clickhouseOptions(setting, {});
    } catch (x) {
      e = x;
    }
    expect(isUserError(e)).toBe(true);
    expect(errorText('nl', (e as WorthError).said!)).toContain('CH_PW');
    expect(clickhouseOptions({ ...setting, password_env: undefined }, {}).password).toBe('');
  });
});
