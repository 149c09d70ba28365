/**
 * The access rule: loopback addresses may serve without a token; any other address needs
 * one (from --token or WORTH_TOKEN), checked on every API request.
 */
import { timingSafeEqual } from 'node:crypto';
import { CliError } from '../core/index.ts';

/** Whether `host` only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** The token to require, or null for none; throws a CliError when a non-loopback host has no token. */
export function resolveToken(host: string, given: string | undefined, env: NodeJS.ProcessEnv = process.env): string | null {
  const token = given ?? env.WORTH_TOKEN ?? '';
  if (token) return token;
  if (isLoopback(host)) return null;
  throw new CliError(`--host ${host} is not a loopback address: give an access token with --token or WORTH_TOKEN (nothing was started)`);
}

/** Whether `presented` equals `token` (constant time). */
export function tokenMatches(token: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(token);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
