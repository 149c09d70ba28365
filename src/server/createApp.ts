/**
 * The HTTP API and the dashboard: a Hono app over one analysed workspace, read-only.
 * Every parameter is parsed by a zod schema; errors are JSON `{ error: { status, message } }`.
 */
import path from 'node:path';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { timeout } from 'hono/timeout';
import { detectFromHeader, detectFromQuery, type DetectorOptions } from 'hono/language';
import {
  isUserError,
  unreachable,
  userErrorText,
  WorthError,
  type ErrorCode,
  type Logger,
} from '../core/index.ts';
import { errorText, LANGS, type ErrorText, type Lang } from '../words/index.ts';
import { loadWorkspace, type HoldPages } from '../workspace/index.ts';
import { clickhouseOptions, clickhouseSettingOf, openEngine, type Engine } from '../warehouse/index.ts';
import { serverSource } from './generationSource.ts';
import { bearerToken, tokenMatches } from './access.ts';
import { HttpError, type HttpStatus } from './httpError.ts';
import { customerIdParam, customersQuery, parseParams, rollupQuery, whaleQuery } from './params.ts';
import { initiativeIdParam, scenarioRunQuery } from './scenarioParams.ts';
import { siteResponse } from './staticSite.ts';
import {
  cohortsJsonOf,
  customerProductsOf,
  customersNeedFilter,
  customerTrendOf,
  dataQualityOf,
  drillOf,
  filteredCustomersOf,
  filteredDecilesOf,
  filteredOverviewOf,
  filteredRollupOf,
  filteredTrendOf,
  filtersOf,
  isFiltered,
  lifetimeValueOf,
  linesOf,
  productGroupCustomersOf,
  segmentDrillOf,
  trendJsonOf,
  whatIfOf,
  type WorkspaceReader,
} from '../readmodel/index.ts';
import { LiveWorkspace, type ServedGeneration } from './liveWorkspace.ts';
import { DEFAULT_SCENARIO_THREADS, ScenarioPool } from './scenarioPool.ts';

/** Largest request body accepted, in bytes: the API only reads, so a body is never needed. */
export const MAX_BODY_BYTES = 16 * 1024;
/** Longest query string accepted, in characters (a customer search, filters and paging fit easily). */
export const MAX_QUERY_LENGTH = 2048;
/** A scenario request that takes longer than this is answered 503 (draws are capped as well). */
export const SCENARIO_TIMEOUT_MS = 30_000;

/**
 * The headers on every response. The dashboard loads scripts, styles, fonts and data from
 * this server only; no page may frame it; no address leaks in a Referer. Style attributes are
 * allowed (`style-src-attr`): ECharts' tooltips are markup with style attributes; they
 * cannot run code. No HSTS: the server speaks plain HTTP on the user's own machine. The set is
 * helmet's (and Hono's `secureHeaders`) defaults with this policy.
 */
const CONTENT_SECURITY_POLICY: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'style-src-attr': "'unsafe-inline'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};
const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  [
    'content-security-policy',
    Object.entries(CONTENT_SECURITY_POLICY)
      .map(([k, v]) => `${k} ${v}`)
      .join('; '),
  ],
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-resource-policy', 'same-origin'],
  ['origin-agent-cluster', '?1'],
  ['referrer-policy', 'no-referrer'],
  ['x-content-type-options', 'nosniff'],
  ['x-dns-prefetch-control', 'off'],
  ['x-download-options', 'noopen'],
  ['x-frame-options', 'DENY'],
  ['x-permitted-cross-domain-policies', 'none'],
  ['x-xss-protection', '0'],
];

/**
 * The headers of an API answer in JSON: the security set, no caching, the type. One plain
 * object: the Node adapter writes an answer built with it as it is, where one built through
 * Hono's `c.header` or `c.json` passes a web `Headers` object (a checked, sorted copy per
 * answer; measured: about a tenth of a small request's CPU).
 */
const API_JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...Object.fromEntries(SECURITY_HEADERS),
  'cache-control': 'no-store',
  'content-type': 'application/json',
});

/** The answers built with {@link API_JSON_HEADERS}: the middleware that adds the headers afterwards leaves them as they are. */
const builtWithHeaders = new WeakSet<Response>();

/** An API answer whose body is the JSON text `text`, with every header it needs. */
function apiJson(text: string): Response {
  const res = new Response(text, { status: 200, headers: API_JSON_HEADERS });
  builtWithHeaders.add(res);
  return res;
}

/** Options for {@link createApp}. */
export interface AppOptions {
  /** Token every API request must carry in `Authorization: Bearer T` (never the query string); null or absent: none. */
  token?: string | null;
  /** Whether a request's `Host` (lower case, with port) is one this server answers; absent: any (tests through `app.request`). */
  hostAllowed?: (host: string) => boolean;
  /** Folder of the built dashboard (absolute); absent: the API only. */
  webDir?: string;
  /** The workspace's currency (ISO code); default: worth.yaml's (a worth.yaml that cannot be read is a WorthError, never EUR). */
  currency?: string;
  /** An already open reader (tests), served without switching; by default DIR/worth.duckdb is opened read-only and followed. */
  reader?: WorkspaceReader;
  /** How often to look for a newly published generation (ms, default 250; 0: never). */
  pollMs?: number;
  /** Told when the server switches generations. */
  logger?: Logger;
  /** Scenario runs computed at once on worker threads (default: the cores but one, 1-4); 0 computes them in process. */
  scenarioThreads?: number;
  /** Whether the customer pages are held in memory (default: worth.yaml's `serve.hold_pages`, else `auto`). */
  holdPages?: HoldPages;
}

/** What a request reads: the generation it was given when it arrived. */
type AppEnv = { Variables: { served: ServedGeneration } };

/** The app and what to release when done. */
export interface WorthApp {
  app: Hono<AppEnv>;
  /** The served generation, switched when a command publishes a new one. */
  live: LiveWorkspace;
  /** The reader of the generation served now (the report and tests). */
  readonly reader: WorkspaceReader;
  close(): Promise<void>;
}

/** Builds the app over the workspace in `workspaceDir` (opened read-only). */
export async function createApp(workspaceDir: string, options: AppOptions = {}): Promise<WorthApp> {
  const threads = options.scenarioThreads ?? DEFAULT_SCENARIO_THREADS;
  const pool = threads > 0 ? new ScenarioPool(threads) : undefined;
  const settings = workspaceSettings(workspaceDir);
  const live = options.reader
    ? LiveWorkspace.fixed(options.reader, workspaceDir, pool)
    : await LiveWorkspace.open(workspaceDir, {
        ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
        ...(options.logger ? { logger: options.logger } : {}),
        ...(pool ? { pool } : {}),
        holdPages: options.holdPages ?? settings.holdPages,
        lang: settings.language,
        ...(settings.server ? { source: serverSource(workspaceDir, settings.server) } : {}),
      });
  const app = new Hono<AppEnv>();
  const token = options.token || null;
  const currency = options.currency ?? settings.currency;

  app.onError((err, c) => errorResponse(c, err, settings.language));
  // Every answer carries the security headers: the API's frequent answers are built with them
  // ({@link apiJson}: one plain object, which the Node adapter writes as it is); any other answer
  // (errors, the other routes, dashboard files) gets them here, afterwards. First, so that an
  // answer to a refused request gets them too.
  app.use('*', async (c, next) => {
    await next();
    if (builtWithHeaders.has(c.res)) return;
    const headers = c.res.headers;
    for (const [k, v] of SECURITY_HEADERS) headers.set(k, v);
    if (c.req.path.startsWith('/api/')) headers.set('cache-control', 'no-store');
  });
  // The checks every request passes, in one middleware (each layer is a promise and a dispatch:
  // at 200 clients the fixed cost of a request is part of every line's latency). A GET or HEAD
  // body is never read, so it needs no limit; skipping the check there also keeps the adapter
  // from building a full web Request per read.
  app.use('*', async (c, next) => {
    const host = (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase();
    if (options.hostAllowed && !options.hostAllowed(host)) {
      throw new HttpError(421, { key: 'apiForeignHost', vars: { host: JSON.stringify(host.slice(0, 100)) } });
    }
    const query = c.req.url.indexOf('?');
    if (query >= 0 && c.req.url.length - query - 1 > MAX_QUERY_LENGTH)
      throw new HttpError(414, { key: 'apiQueryTooLong', vars: { max: { int: MAX_QUERY_LENGTH } } });
    return c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next);
  });
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new HttpError(413, { key: 'apiBodyTooLarge', vars: { max: { int: MAX_BODY_BYTES } } });
    },
  });
  // Each request reads one generation from start to end; a switch meanwhile waits for it to finish before closing the old one.
  app.use('/api/*', async (c, next) => {
    if (token && !tokenMatches(token, bearerToken(c.req.header('authorization')))) {
      throw new HttpError(401, { key: 'apiToken' });
    }
    const lease = live.acquire();
    c.set('served', lease.served);
    try {
      await next();
    } finally {
      lease.release();
    }
  });
  app.use(
    '/api/scenarios/*',
    timeout(
      SCENARIO_TIMEOUT_MS,
      () => new RunTooLong({ key: 'apiRunTooLong', vars: { seconds: String(SCENARIO_TIMEOUT_MS / 1000) } }),
    ),
  );

  app.get('/api/health', (c) => {
    const served = c.get('served');
    return apiJson(
      JSON.stringify({
        ok: true,
        generation: served.generation,
        latest: Math.max(live.latest, served.generation),
        pagesHeld: served.reader.pagesHeld,
        pagesHolding: served.reader.pagesHolding,
      }),
    );
  });
  app.get('/api/meta', (c) =>
    c.json({
      currency,
      workspace: path.basename(path.resolve(workspaceDir)),
      company: settings.company,
      language: settings.language,
    }),
  );
  app.get('/api/summary', async (c) => c.json(await c.var.served.reader.summary()));
  app.get('/api/overview', async (c) => {
    const { points } = parseParams(whaleQuery, c.req.query());
    const filters = filtersOf(c.req.query());
    if (isFiltered(filters)) {
      // The stored summary (what the filters cannot narrow: capacity, loss drivers) beside the filtered figures.
      const reader = c.var.served.reader;
      return c.json({
        summary: await reader.summary(),
        whale: await reader.whale(points),
        filtered: await filteredOverviewOf(reader, filters, points),
      });
    }
    return apiJson(await c.get('served').reader.overviewJson(points));
  });
  app.get('/api/whale', async (c) =>
    c.json(await c.var.served.reader.whale(parseParams(whaleQuery, c.req.query()).points)),
  );
  app.get('/api/customers', async (c) => {
    const query = c.req.query();
    const reader = c.get('served').reader;
    const filters = filtersOf(query);
    if (customersNeedFilter(filters))
      return c.json(await filteredCustomersOf(reader, filters, parseParams(customersQuery, query)));
    return apiJson(await reader.customersJson(parseParams(customersQuery, query)));
  });
  app.get('/api/customers/:id', async (c) => {
    const id = parseParams(customerIdParam, c.req.param('id'), 'id');
    const reader = c.get('served').reader;
    return apiJson(
      JSON.stringify({
        ...(await reader.customer(id)),
        activities: (await reader.summary()).activities.map((a) => ({ id: a.id, name: a.name })),
      }),
    );
  });
  app.get('/api/customers/:id/trend', async (c) =>
    apiJson(
      JSON.stringify(
        await customerTrendOf(
          c.get('served').reader,
          parseParams(customerIdParam, c.req.param('id'), 'id'),
          c.req.query('grain'),
        ),
      ),
    ),
  );
  app.get('/api/customers/:id/drill', async (c) =>
    c.json(
      await drillOf(
        c.var.served.reader,
        parseParams(customerIdParam, c.req.param('id'), 'id'),
        c.req.query(),
      ),
    ),
  );
  app.get('/api/segment-drill', async (c) =>
    c.json(await segmentDrillOf(c.var.served.reader, c.req.query())),
  );
  app.get('/api/customers/:id/products', async (c) =>
    c.json(
      await customerProductsOf(
        c.var.served.reader,
        parseParams(customerIdParam, c.req.param('id'), 'id'),
        filtersOf(c.req.query()),
      ),
    ),
  );
  app.get('/api/product-groups/:group/customers', async (c) =>
    c.json(
      await productGroupCustomersOf(
        c.var.served.reader,
        parseParams(customerIdParam, c.req.param('group'), 'group'),
        filtersOf(c.req.query()),
      ),
    ),
  );
  app.get('/api/trend', async (c) => {
    // A segment alone is the stored roll-up by segment; a period, channel or region sums the months.
    const filters = filtersOf(c.req.query());
    if (customersNeedFilter(filters))
      return c.json(await filteredTrendOf(c.var.served.reader, filters, c.req.query('grain')));
    // Unfiltered answers are the same for the whole generation: sent as text kept with it.
    return apiJson(await trendJsonOf(c.get('served').reader, c.req.query()));
  });
  app.get('/api/cohorts', async (c) => apiJson(await cohortsJsonOf(c.get('served').reader)));
  app.get('/api/data-quality', async (c) => c.json(await dataQualityOf(c.var.served.reader)));
  app.get('/api/deciles', async (c) => {
    const filters = filtersOf(c.req.query());
    return c.json(
      isFiltered(filters)
        ? await filteredDecilesOf(c.var.served.reader, filters)
        : await c.var.served.reader.deciles(),
    );
  });
  app.get('/api/attributes', async (c) => c.json(await c.var.served.reader.attributes()));
  app.get('/api/rollups', async (c) => {
    const { attribute } = parseParams(rollupQuery, c.req.query());
    const filters = filtersOf(c.req.query());
    const stored = await c.var.served.reader.rollup(attribute); // checks the attribute has a roll-up
    return c.json(
      isFiltered(filters) ? await filteredRollupOf(c.var.served.reader, filters, attribute) : stored,
    );
  });
  app.get('/api/lines', async (c) => c.json(await linesOf(c.var.served.reader, filtersOf(c.req.query()))));
  app.get('/api/matrix', async (c) => {
    const s = await c.var.served.reader.summary();
    return c.json({ thresholds: s.matrix.thresholds, quadrants: await c.var.served.reader.matrix() });
  });
  app.get('/api/voice-of-customer', async (c) => c.json(await c.var.served.reader.voiceOfCustomer()));
  app.get('/api/activities', async (c) => c.json(await c.var.served.reader.activities()));
  app.get('/api/what-if', async (c) => c.json(await whatIfOf(c.var.served.reader, c.req.query())));
  app.get('/api/lifetime-value', async (c) => c.json(await lifetimeValueOf(c.var.served.reader)));
  app.get('/api/scenarios', (c) => c.json(c.var.served.scenarios.list()));
  app.get('/api/scenarios/:id', async (c) => {
    const id = parseParams(initiativeIdParam, c.req.param('id'), 'id');
    const { draws, seed, lang, ...effects } = parseParams(scenarioRunQuery, c.req.query());
    const set = Object.fromEntries(Object.entries(effects).filter(([, v]) => v !== undefined));
    // The result's texts (names, notes, sentences) in the request's language, as its errors.
    const said = lang ?? requestLanguage(c, settings.language);
    return c.json(await c.var.served.scenarios.run(id, { draws, seed, lang: said, effects: set }));
  });
  app.all('/api/*', (c) => {
    throw new HttpError(404, { key: 'apiNoRoute', vars: { method: c.req.method, path: c.req.path } });
  });

  const webDir = options.webDir ? path.resolve(options.webDir) : null;
  app.get('*', async (c) => {
    const res = webDir ? await siteResponse(webDir, c.req.path) : null;
    if (!res)
      throw new HttpError(
        404,
        webDir ? { key: 'apiNoDashboard', vars: { dir: webDir } } : { key: 'apiOnly' },
      );
    return res;
  });

  return {
    app,
    live,
    get reader() {
      return live.served.reader;
    },
    close: async () => {
      await live.close();
      await pool?.close();
    },
  };
}

/** A scenario run past {@link SCENARIO_TIMEOUT_MS}: `hono/timeout` throws an HTTPException, this one with its words. */
class RunTooLong extends HTTPException {
  constructor(readonly said: ErrorText) {
    super(503, { message: errorText('en', said) });
  }
}

/**
 * The language a request's error is said in: the `lang` of its query, else its
 * `Accept-Language` (the dashboard sends the language it shows), else worth.yaml's.
 */
function requestLanguage(c: Context, fallback: Lang): Lang {
  const options = { ...LANGUAGE_DETECTION, fallbackLanguage: fallback };
  const found = detectFromQuery(c, options) ?? detectFromHeader(c, options);
  return found === 'nl' || found === 'en' ? found : fallback;
}

const LANGUAGE_DETECTION: DetectorOptions = {
  order: ['querystring', 'header'],
  lookupQueryString: 'lang',
  lookupCookie: 'language',
  lookupFromHeaderKey: 'accept-language',
  lookupFromPathIndex: 0,
  caches: false,
  ignoreCase: true,
  fallbackLanguage: 'en',
  supportedLanguages: [...LANGS],
  cookieOptions: {},
  debug: false,
};

function errorResponse(c: Context, err: Error, workspaceLang: Lang): Response {
  const said = (text: ErrorText | undefined) =>
    text ? errorText(requestLanguage(c, workspaceLang), text) : null;
  if (err instanceof HttpError)
    return c.json({ error: { status: err.status, message: said(err.said) ?? err.message } }, err.status);
  if (err instanceof RunTooLong)
    return c.json({ error: { status: err.status, message: said(err.said) ?? err.message } }, err.status);
  if (err instanceof HTTPException)
    return c.json({ error: { status: err.status, message: err.message } }, err.status);
  if (err instanceof WorthError) {
    const status = statusOf(err.code);
    return c.json(
      { error: { status, message: userErrorText(err, requestLanguage(c, workspaceLang)) } },
      status,
    );
  }
  if (isUserError(err))
    return c.json(
      { error: { status: 400, message: userErrorText(err, requestLanguage(c, workspaceLang)) } },
      400,
    );
  process.stderr.write(`worth serve: ${err.stack ?? err.message}\n`);
  return c.json({ error: { status: 500, message: said({ key: 'apiInternal' }) } }, 500);
}

/**
 * The one place a read's `WorthError` becomes an HTTP status: a thing not there is 404, a
 * workspace not in the state asked for (not analysed, changed since the run) 409, an engine
 * that does not answer 503, anything else about the request or the user's files 400.
 */
function statusOf(code: ErrorCode): HttpStatus {
  switch (code) {
    case 'not_found':
      return 404;
    case 'workspace':
      return 409;
    case 'input':
    case 'config':
    case 'config_yaml':
    case 'file_missing':
    case 'file_format':
    case 'formula':
      return 400;
    case 'engine':
      // The database does not answer or cannot work now (a ClickHouse server stopped, a disk full): not the request's fault.
      return 503;
    default:
      return unreachable(code, 'error code');
  }
}

/**
 * What the dashboard shows from worth.yaml: currency, company and default language. A
 * worth.yaml that cannot be read is the WorthError `loadWorkspace` gives (file, key, value,
 * expectation): a server never shows another currency or language than the workspace's.
 */
function workspaceSettings(dir: string): {
  currency: string;
  company: string | null;
  language: 'nl' | 'en';
  holdPages: HoldPages;
  /** Opens the server engine the workspace's results are on (worth.yaml's `engine`), or undefined for its own DuckDB file. */
  server: (() => Promise<Engine>) | undefined;
} {
  const { currency, company, language, serve, engine } = loadWorkspace(dir, 'serve').config;
  const setting = clickhouseSettingOf(engine);
  return {
    currency,
    company: company ?? null,
    language,
    holdPages: serve.hold_pages,
    // The password from the environment variable worth.yaml names, read when a connection is made.
    server: setting
      ? () => openEngine({ kind: 'clickhouse', connection: clickhouseOptions(setting, process.env) })
      : undefined,
  };
}
