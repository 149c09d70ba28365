/**
 * What `worth report` does (and `worth start` before it serves), loaded on demand by
 * `serveCommands.ts`: the chart renderer behind the report takes seconds to load.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { LANGS, type Lang } from '../charts/index.ts';
import { CliError, systemClock } from '../core/index.ts';
import { DATABASE_FILE, hasDatabase } from '../ingest/index.ts';
import { buildReport, writePdf } from '../report/index.ts';
import { HttpError, WorkspaceReader } from '../server/index.ts';
import { loadWorkspace } from '../workspace/index.ts';

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
    const browser = await writePdf(opts.out, opts.pdf);
    const by = browser.source === 'npm' ? 'the Chromium that comes with npm' : browser.executablePath;
    process.stdout.write(`wrote the PDF to ${path.resolve(opts.pdf)} (printed by ${by})\n`);
  }
}
