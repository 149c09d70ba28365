/**
 * What `worth serve` does (and `worth start` at its end), loaded on demand by `serveCommands.ts`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CliError, stderrLogger } from '../core/index.ts';
import { DATABASE_FILE, hasDatabase } from '../ingest/index.ts';
import { maskToken, resolveToken, startServer } from '../server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../dashboard/index.ts';
import { cliWord } from '../words/index.ts';
import { configuredLanguage, loadWorkspace, type HoldPages } from '../workspace/index.ts';
import { clickhouseSetting } from './engineChoice.ts';

/** Builds the dashboard if needed, starts the server and prints its address; resolves when it stops (Ctrl-C). */
export async function serveWorkspace(
  dir: string,
  o: {
    port: number;
    host: string;
    token?: string | undefined;
    build: boolean;
    holdPages?: HoldPages | undefined;
  },
): Promise<void> {
  resolveToken(o.host, o.token);
  const abs = path.resolve(dir);
  const lang = configuredLanguage(abs) ?? 'en';
  // worth.yaml as every other command reads it: a mistyped key is refused here, not served as EUR
  // (createApp's defaults). A folder with neither worth.yaml nor a database is no workspace, said
  // as `worth ingest` says it (with the `worth init` to run), not as one that waits for an analysis.
  // A workspace whose results are on a ClickHouse server is served from there (no file of its own needed).
  const ws =
    existsSync(path.join(abs, 'worth.yaml')) || !hasDatabase(abs) ? loadWorkspace(abs, 'serve') : undefined;
  if (!(ws && clickhouseSetting(ws)) && !hasDatabase(abs))
    throw new CliError({
      key: 'noDatabase',
      vars: { dir: abs, file: DATABASE_FILE, missing: { key: 'runAnalyzeFirst' } },
    });
  if (o.build && (await ensureDashboardBuilt()))
    stderrLogger.info(cliWord(lang, 'builtDashboard', { dir: DASHBOARD_DIR }));
  const server = await startServer(abs, {
    port: o.port,
    host: o.host,
    token: o.token,
    webDir: DASHBOARD_DIR,
    logger: stderrLogger,
    ...(o.holdPages ? { holdPages: o.holdPages } : {}),
  });
  process.stdout.write(`${cliWord(lang, 'serving', { dir: abs, url: server.url })}\n`);
  if (server.token) {
    // The token itself is never printed: terminals are shared, scrolled back and logged.
    process.stdout.write(
      `${cliWord(lang, 'accessToken', { masked: maskToken(server.token), url: server.url })}\n`,
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
