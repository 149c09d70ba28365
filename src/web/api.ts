/**
 * Fetching the API from the browser: the access token (from `#token=` in the address: a
 * fragment never reaches a server or a Referer) is kept for the tab and travels as a header.
 */
import { createContext, useContext, useEffect, useState } from 'react';
import type { Lang } from '../words/index.ts';
import { LangContext, text } from './i18n.ts';

const TOKEN_KEY = 'worth.token';

// Taken when this module loads, before the first render reads the hash as a page route;
// then out of the address bar, so it is not bookmarked or shown on screen.
const fromUrl = new URLSearchParams(window.location.hash.slice(1)).get('token');
if (fromUrl) {
  sessionStorage.setItem(TOKEN_KEY, fromUrl);
  history.replaceState(null, '', window.location.pathname + window.location.search);
}

function token(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

/**
 * GETs `path` with query `params` and parses the JSON; throws the API's error message, which the
 * server says in `lang` (sent as `Accept-Language`: the language the dashboard shows).
 */
export async function getJson<T>(
  path: string,
  params: Record<string, string | number | undefined> = {},
  lang?: Lang,
): Promise<T> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') qs.set(k, String(v));
  const t = token();
  const headers: Record<string, string> = {};
  if (t) headers.authorization = `Bearer ${t}`;
  if (lang) headers['accept-language'] = lang;
  const said = lang ?? (document.documentElement.lang === 'en' ? 'en' : 'nl');
  let res: Response;
  try {
    res = await fetch(`${path}${qs.size ? `?${qs}` : ''}`, { headers });
  } catch {
    // The browser's own words ("Failed to fetch") are neither the reader's language nor what to do.
    throw new ServerGone(text(said, 'serverGone'));
  }
  let body: T & { error?: { message: string } };
  try {
    body = (await res.json()) as T & { error?: { message: string } };
  } catch {
    throw new Error(text(said, 'serverAnswerUnreadable', { status: String(res.status) }));
  }
  if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
  return body;
}

/** The server did not answer at all (`worth serve` stopped, restarting, or the network gone). */
export class ServerGone extends Error {}

/** How often a request the server did not answer is asked again (ms). */
const RETRY_GONE_MS = 3000;

/** The state of one request: data, error or still loading. */
export interface Loaded<T> {
  data: T | null;
  error: string | null;
  /** True while a newer request is under way (`data` is then the previous answer). */
  loading: boolean;
}

/**
 * The generation of results the pages show: it changes when the server has switched to a newer
 * run (see {@link useServedGeneration}), and every {@link useApi} then asks again, so no page
 * mixes figures of two runs for longer than its requests take.
 */
export const GenerationContext = createContext(0);

/** How often the dashboard asks the server whether a newer run is served. */
const HEALTH_POLL_MS = 5000;

/**
 * Follows `/api/health`: the generation to show (0 until a newer one than the first seen is
 * served) and when it changed (null: not since the page opened).
 */
export function useServedGeneration(): { generation: number; changedAt: Date | null } {
  const [state, setState] = useState<{ first: number | null; generation: number; changedAt: Date | null }>({
    first: null,
    generation: 0,
    changedAt: null,
  });
  useEffect(() => {
    let live = true;
    const poll = () =>
      getJson<{ generation: number }>('/api/health').then(
        (h) =>
          live &&
          setState((s) =>
            s.first === null
              ? { ...s, first: h.generation }
              : h.generation !== s.first && h.generation !== s.generation
                ? { ...s, generation: h.generation, changedAt: new Date() }
                : s,
          ),
        () => {}, // a server that is restarting answers again at the next poll
      );
    void poll();
    const timer = setInterval(() => void poll(), HEALTH_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  return { generation: state.generation, changedAt: state.changedAt };
}

/** React hook: GETs `path` whenever `key` changes (and again when a newer run is served). */
export function useApi<T>(path: string, params: Record<string, string | number | undefined> = {}): Loaded<T> {
  const generation = useContext(GenerationContext);
  const lang = useContext(LangContext);
  // The language is in the key: an error already shown is asked again in the language chosen.
  const key = `${path}?${JSON.stringify(params)}#${generation}#${lang}`;
  const [state, setState] = useState<{ data: T | null; error: string | null; key: string }>({
    data: null,
    error: null,
    key: '',
  });
  useEffect(() => {
    let live = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const ask = () =>
      getJson<T>(path, params, lang).then(
        (data) => live && setState({ data, error: null, key }),
        (e: Error) => {
          if (!live) return;
          setState({ data: null, error: e.message, key });
          // A server that is not answering (restarted after an edit of worth.yaml) is asked again
          // until it is back: the page then shows its figures without a reload.
          if (e instanceof ServerGone) retry = setTimeout(() => void ask(), RETRY_GONE_MS);
        },
      );
    void ask();
    return () => {
      live = false;
      clearTimeout(retry);
    };
  }, [key]); // the key covers path and params
  return state.key === key
    ? { data: state.data, error: state.error, loading: false }
    : { data: state.data, error: null, loading: true };
}
