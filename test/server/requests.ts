/** Test helper: requests to an app through Hono's request helper (no server), and the 400 check every route test uses. */
import { expect } from 'vitest';
import type { WorthApp } from '../../src/server/index.ts';

/** `get(url)` and `expect400(url, fragment)` bound to the app `current()` returns (set in beforeAll). */
export function requests(current: () => WorthApp) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read arbitrary JSON bodies
  async function get(url: string, init?: RequestInit): Promise<{ status: number; body: any }> {
    const res = await current().app.request(url, init);
    return { status: res.status, body: await res.json() };
  }
  /** A 400 whose message (asked in English: the fragments are English) contains `fragment`. */
  async function expect400(url: string, fragment: string): Promise<void> {
    const { status, body } = await get(url, { headers: { 'accept-language': 'en' } });
    expect(status, url).toBe(400);
    expect(body.error.status).toBe(400);
    expect(body.error.message, url).toContain(fragment);
  }
  return { get, expect400 };
}
