/** Starting the HTTP server: the access rule is checked before anything listens. */
import { serve, type ServerType } from '@hono/node-server';
import type { Logger } from '../core/index.ts';
import { resolveToken } from './access.ts';
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
}

/** A running server. */
export interface RunningServer {
  /** Base URL (with `?token=` when a token is required, so it opens the dashboard). */
  url: string;
  port: number;
  token: string | null;
  close(): Promise<void>;
}

/** Checks the access rule, opens the workspace read-only and listens. */
export async function startServer(workspaceDir: string, options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = resolveToken(host, options.token, options.env);
  const appOptions: AppOptions = { token };
  if (options.webDir) appOptions.webDir = options.webDir;
  if (options.logger) appOptions.logger = options.logger;
  const worth = await createApp(workspaceDir, appOptions);
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: worth.app.fetch, hostname: host, port: options.port ?? 4173 }, (info) => resolve(info.port));
    server.once('error', reject);
  });
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/${token ? `?token=${encodeURIComponent(token)}` : ''}`,
    port,
    token,
    close: async () => {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await worth.close();
    },
  };
}
