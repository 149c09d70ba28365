/**
 * `worth serve [DIR]` (the HTTP API and the dashboard) and `worth report [DIR]` (the board
 * report as one self-contained HTML file and optionally a PDF).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { LANGS, type Lang } from '../charts/index.ts';
import { CliError, stderrLogger, systemClock } from '../core/index.ts';
import { DATABASE_FILE, hasDatabase } from '../ingest/index.ts';
import { buildReport, writePdf } from '../report/index.ts';
import { HttpError, resolveToken, startServer, WorkspaceReader } from '../server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../web/index.ts';
import { loadWorkspace } from '../workspace/index.ts';

/** Registers `worth serve` and `worth report`. */
export function registerServeCommands(program: Command): void {
  registerServeCommand(program);
  registerReportCommand(program);
}

/** Registers `worth serve`. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .argument('[dir]', 'workspace folder (ingested and analysed)', '.')
    .option('--port <port>', 'port to listen on (0: any free port)', '4173')
    .option('--host <host>', 'address to bind; anything but a loopback address needs --token or WORTH_TOKEN', '127.0.0.1')
    .option('--token <token>', 'access token every API request must carry (default: WORTH_TOKEN)')
    .option('--no-build', 'serve dist/web as it is (do not rebuild the dashboard when its sources are newer)')
    .description('the HTTP API and the dashboard over an analysed workspace (read-only)')
    .action(async (dir: string, opts: { port: string; host: string; token?: string; build: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port ${JSON.stringify(opts.port)} is not a port (expected an integer 0-65535)`);
      resolveToken(opts.host, opts.token);
      await serveWorkspace(dir, { port, host: opts.host, token: opts.token, build: opts.build });
    });
}

/** Builds the dashboard if needed, starts the server and prints its address; resolves when it stops (Ctrl-C). */
export async function serveWorkspace(dir: string, o: { port: number; host: string; token?: string | undefined; build: boolean }): Promise<void> {
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

/** Registers `worth report`. */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .argument('[dir]', 'workspace folder (ingested and analysed)', '.')
    .requiredOption('--out <file>', 'HTML file to write (self-contained: charts inline, no network)')
    .option('--pdf <file>', 'also print the report to this PDF (headless Chromium)')
    .option('--lang <lang>', 'nl or en', 'nl')
    .description('the board report: findings, whale curve, waterfall, segments, over-served and at-risk customers, lifetime value (after worth clv) and the initiatives in DIR/scenarios priced')
    .action(async (dir: string, opts: { out: string; pdf?: string; lang: string }) => {
      await writeReport(dir, opts);
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
