/**
 * What `worth serve` and `worth report` do (and `worth start` at its end), loaded on demand
 * by `serveCommands.ts`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { LANGS, type Lang } from '../charts/index.ts';
import { CliError, stderrLogger, systemClock } from '../core/index.ts';
import { DATABASE_FILE, hasDatabase } from '../ingest/index.ts';
import { buildReport, writePdf } from '../report/index.ts';
import { HttpError, resolveToken, startServer, WorkspaceReader } from '../server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../web/index.ts';
import { loadWorkspace } from '../workspace/index.ts';

/** Builds the dashboard if needed, starts the server and prints its address; resolves when it stops (Ctrl-C). */
export async function serveWorkspace(dir: string, o: { port: number; host: string; token?: string | undefined; build: boolean }): Promise<void> {
  resolveToken(o.host, o.token);
  const abs = path.resolve(dir);
  if (!hasDatabase(abs)) throw new CliError(`${abs} has no ${DATABASE_FILE} yet (run \`worth ingest\` and \`worth analyze\` first)`);
  if (o.build && (await ensureDashboardBuilt())) stderrLogger.info(`built the dashboard into ${DASHBOARD_DIR}`);
  const server = await startServer(abs, { port: o.port, host: o.host, token: o.token, webDir: DASHBOARD_DIR });
  process.stdout.write(`Worth is serving ${abs} at ${server.url}\n(read-only; Ctrl-C stops it)\n`);
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


/** Writes the report's HTML (and PDF when asked); prints where. */
export async function writeReport(dir: string, opts: { out: string; pdf?: string | undefined; lang: string }): Promise<void> {
  if (!(LANGS as readonly string[]).includes(opts.lang)) throw new CliError(`--lang ${JSON.stringify(opts.lang)} is not supported (expected ${LANGS.join(' or ')})`);
  const abs = path.resolve(dir);
  if (!hasDatabase(abs)) throw new CliError(`${abs} has no ${DATABASE_FILE} yet (run \`worth ingest\` and \`worth analyze\` first)`);
  const ws = loadWorkspace(abs);
  const reader = await WorkspaceReader.open(abs);
  try {
    const html = await buildReport(reader, { lang: opts.lang as Lang, currency: ws.config.currency, date: systemClock.now().toISOString().slice(0, 10), workspace: path.basename(abs) });
    writeFileSync(opts.out, html);
    process.stdout.write(`wrote the report to ${path.resolve(opts.out)}\n`);
  } catch (e) {
    if (e instanceof HttpError) throw new CliError(e.message);
    throw e;
  } finally {
    await reader.close();
  }
  if (opts.pdf) {
    await writePdf(opts.out, opts.pdf);
    process.stdout.write(`wrote the PDF to ${path.resolve(opts.pdf)}\n`);
  }
}
