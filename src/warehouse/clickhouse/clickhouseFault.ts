/**
 * A failure of the ClickHouse client in the user's words: a server that does not answer, a
 * refused login or a missing database become a WorthError naming the url (never the password,
 * a stack or SQL); any other refusal is a fault in Worth's SQL, a bare Error whose message is
 * the server's first line (the statement rides along as `sql`, for --debug and tests).
 */
import { ClickHouseError } from '@clickhouse/client';
import { WorthError } from '../../core/index.ts';

/** The server's error codes Worth names (18.16 and current releases). */
const LOGIN_CODES = new Set(['192', '193', '516']);
const NO_DATABASE = '81';
/** A range check failed (`throwIf` in `Dialect.checkedSum`) or Decimal arithmetic overflowed (18.16: 407; later: 407, 69). */
const TOO_LARGE = new Set(['395', '407']);

/** What a fault message may name about the connection. */
export interface FaultContext {
  url: string;
  user: string;
  database: string;
  /** The environment variable the password came from (for the message). */
  passwordEnv?: string;
  /** On a cluster: its name and hosts (a shard that does not answer is named by its number). */
  cluster?: string;
  hosts?: { shard: number; host: string; url: string }[];
  /** The host a statement went to directly (a shard's own table), when not `url`. */
  shard?: { shard: number; host: string; url: string };
}

/**
 * A shard that did not answer a Distributed query (18.16: code 279, "All connection tries
 * failed", or 210 "Connection refused (host:port)"; 209 a socket timeout).
 */
const SHARD_CODES = new Set(['209', '210', '279']);

/** The WorthError for shard `shard` (or the host named in `message`) of the cluster not answering. */
function shardDown(c: FaultContext, message: string, shard = c.shard): WorthError {
  const named = /\(([^()\s]+):\d+\)/.exec(message)?.[1];
  const host = shard ?? c.hosts?.find((h) => h.host === named);
  return new WorthError(
    'engine',
    { path: 'engine.cluster' },
    c.cluster,
    'every shard of the cluster up',
    undefined,
    {
      key: 'clickhouseShardDown',
      vars: {
        cluster: c.cluster ?? '',
        shard: host ? String(host.shard) : '?',
        host: host?.host ?? named ?? '?',
      },
    },
  );
}

/** The client's failure `e` while running `sql`, as Worth reports it. */
export function clickhouseFault(e: unknown, c: FaultContext, sql: string): Error {
  const code = serverCode(e);
  if (code !== undefined) {
    if (LOGIN_CODES.has(code))
      return new WorthError(
        'engine',
        { path: 'engine.user' },
        c.user,
        'a user the server accepts',
        undefined,
        {
          key: 'clickhouseLogin',
          vars: { url: c.url, user: c.user, env: c.passwordEnv ?? '(none)' },
        },
      );
    if (code === NO_DATABASE)
      return new WorthError(
        'engine',
        { path: 'engine.database' },
        c.database,
        'an existing database',
        undefined,
        {
          key: 'clickhouseNoDatabase',
          vars: { url: c.url, database: c.database },
        },
      );
    if (SHARD_CODES.has(code) && c.cluster !== undefined) return shardDown(c, (e as Error).message);
    if (TOO_LARGE.has(code))
      return new WorthError('engine', {}, undefined, 'amounts within exact money', undefined, {
        key: 'numberTooLarge',
      });
    const bug = new Error(
      `ClickHouse refused a statement (code ${code}): ${firstLine((e as Error).message)}`,
    );
    Object.defineProperty(bug, 'sql', { value: sql, enumerable: false });
    return bug;
  }
  if (
    e instanceof Error &&
    /^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|ETIMEDOUT|EAI_AGAIN)$/.test(
      String((e as NodeJS.ErrnoException).code ?? ''),
    )
  ) {
    if (c.shard) return shardDown(c, '');
    return new WorthError('engine', { path: 'engine.url' }, c.url, 'a running ClickHouse server', undefined, {
      key: 'clickhouseUnreachable',
      vars: { url: c.url },
    });
  }
  if (e instanceof Error && /timeout|socket hang up|connect/i.test(e.message)) {
    if (c.shard) return shardDown(c, '');
    return new WorthError('engine', { path: 'engine.url' }, c.url, 'a running ClickHouse server', undefined, {
      key: 'clickhouseUnreachable',
      vars: { url: c.url },
    });
  }
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * The server's error code: the client's parsed one, or read from the message, since the client
 * does not parse 18.16's form (`Code: 193, e.displayText() = ...`) and hands over a plain Error.
 */
/**
 * Whether the server refused a statement because the session was still held by the previous
 * one (code 373): 18.16 releases a session only after it has sent the answer, so a statement
 * sent as soon as the last answer arrived can find it held, more often on a busy machine.
 * Nothing ran: the statement can be sent again.
 */
export function sessionStillHeld(e: unknown): boolean {
  return serverCode(e) === '373';
}

function serverCode(e: unknown): string | undefined {
  if (e instanceof ClickHouseError) return e.code;
  if (e instanceof Error) return /^Code: (\d+)[.,]/.exec(e.message)?.[1];
  return undefined;
}

/** The first line of a server message, without the exception class 18.16 appends. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? '')
    .replace(/^Code: \d+[.,]\s*(e\.displayText\(\) = )?/, '')
    .replace(/, e\.what\(\) = .*$/, '')
    .slice(0, 300);
}
