/** Starting the HTTP server: the access rule is checked before anything listens. */
import { serve, type ServerType } from '@hono/node-server';
import os from 'node:os';
import type { Logger } from '../core/index.ts';
import { allowedHosts, resolveToken } from './access.ts';
import type { HoldPages } from '../workspace/index.ts';
import { createApp, type AppOptions } from './createApp.ts';

/** Options for {@link startServer}. */
export interface ServeOptions {
  /** Address to bind (default 127.0.0.1). Any non-loopback address needs a token. */
  host?: string;
  /** Port (default 4173; 0 picks a free one). */
  port?: number;
  /** Access token (default: WORTH_TOKEN). */
  token?: string;
  /** Folder of the built dashboard. */
  webDir?: string;
  /** Environment to read WORTH_TOKEN from (tests). */
  env?: NodeJS.ProcessEnv;
  /** Told when the server switches to a newly published generation. */
  logger?: Logger;
  /** Whether the customer pages are held in memory (default: worth.yaml's `serve.hold_pages`). */
  holdPages?: HoldPages;
}

/** A running server. */
export interface RunningServer {
  /** Base URL (never with the token: the dashboard takes it from `#token=`, API clients send it in a header). */
  url: string;
  port: number;
  token: string | null;
  close(): Promise<void>;
}

/** Checks the access rule, opens the workspace read-only and listens. */
export async function startServer(workspaceDir: string, options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = resolveToken(host, options.token, options.env);
  // Known once listening (port 0 picks one); until then no Host is answered.
  let hosts = new Set<string>();
  const appOptions: AppOptions = { token, hostAllowed: (h) => hosts.has(h) };
  if (options.webDir) appOptions.webDir = options.webDir;
  if (options.logger) appOptions.logger = options.logger;
  if (options.holdPages) appOptions.holdPages = options.holdPages;
  const worth = await createApp(workspaceDir, appOptions);
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: worth.app.fetch, hostname: host, port: options.port ?? 4173 }, (info) =>
      resolve(info.port),
    );
    server.once('error', reject);
    // Idle connections are kept longer than clients keep them (fetch 4 s, browsers up to a minute):
    // a server that closes first, e.g. after its event loop was busy building a new generation's
    // index, drops a request already on its way ('fetch failed' on the client).
    if ('keepAliveTimeout' in server) {
      server.keepAliveTimeout = 65_000;
      server.headersTimeout = 66_000;
    }
  }).catch(async (e: unknown) => {
    await worth.close();
    throw e;
  });
  hosts = allowedHosts(host, port, thisMachine());
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    token,
    close: async () => {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await worth.close();
    },
  };
}

/** This machine's interface addresses and host name (for a server bound to every interface). */
function thisMachine(): { addresses: string[]; hostname: string } {
  const addresses = Object.values(os.networkInterfaces()).flatMap((list) =>
    (list ?? []).map((i) => i.address),
  );
  return { addresses, hostname: os.hostname() };
}
