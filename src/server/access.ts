/**
 * The access rule: loopback addresses may serve without a token; any other address needs
 * one (from --token or WORTH_TOKEN), checked on every API request.
 */
import { timingSafeEqual } from 'node:crypto';
import { CliError } from '../core/index.ts';

/** Whether `host` only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** The token to require, or null for none; throws a CliError when a non-loopback host has no token. */
export function resolveToken(
  host: string,
  given: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const token = given ?? env.WORTH_TOKEN ?? '';
  if (token) return token;
  if (isLoopback(host)) return null;
  throw new CliError(
    `--host ${host} is not a loopback address: give an access token with --token or WORTH_TOKEN (nothing was started)`,
  );
}

/** Whether `presented` equals `token` (constant time). */
export function tokenMatches(token: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(token);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The token in an `Authorization` header (`Bearer T`, the scheme in any case), or undefined.
 * The query string is never read: a token there ends up in history, logs and Referer headers.
 */
export function bearerToken(header: string | undefined): string | undefined {
  const m = header === undefined ? null : /^bearer[ \t]+(\S.*)$/i.exec(header.trim());
  return m ? m[1]!.trim() : undefined;
}

/** The token as printed: its first characters only (never all of it), and its length. */
export function maskToken(token: string): string {
  const shown = token.length >= 12 ? token.slice(0, 3) : '';
  return `${shown}${'*'.repeat(6)} (${token.length} characters)`;
}

/** Names under which a loopback server is reached. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
/** Addresses that mean "every interface of this machine". */
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The `Host` header values a server bound to `bind` on `port` answers (lower case, with the
 * port): its own address and the localhost names; bound to every interface, also the
 * machine's addresses and host name (`machine`). A request with any other Host is refused:
 * a web page that re-points its own domain name at 127.0.0.1 (DNS rebinding) sends its
 * domain as Host and gets nothing.
 */
export function allowedHosts(
  bind: string,
  port: number,
  machine: { addresses: string[]; hostname: string },
): Set<string> {
  const b = bind.trim().toLowerCase();
  const names = new Set(LOOPBACK_NAMES);
  const bracket = (a: string) => (a.includes(':') && !a.startsWith('[') ? `[${a}]` : a);
  if (WILDCARDS.has(b)) {
    for (const a of machine.addresses) names.add(bracket(a.toLowerCase()));
    names.add(machine.hostname.toLowerCase());
  } else names.add(bracket(b));
  // Port 80 may be left out of a Host header (the default of http).
  return new Set([...names].flatMap((n) => (port === 80 ? [`${n}:80`, n] : [`${n}:${port}`])));
}
