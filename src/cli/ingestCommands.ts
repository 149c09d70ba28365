import type { Command } from 'commander';
import { ingestWorkspace, formatReconciliation, LoadRefused } from '../ingest/index.ts';
import { configuredLanguage, loadWorkspace, writeTemplate } from '../workspace/index.ts';
import { cliWord } from '../words/index.ts';
import { silentLogger, stderrLogger, TABLE_NAMES } from '../core/index.ts';
import { loadTablesInto, openWorkspaceDatabase } from '../warehouse/index.ts';
import { terminalOutput } from './progress.ts';
import { clickhouseSetting, openClickHouse, sayWhereItRuns } from './engineChoice.ts';

/** `worth init DIR` and `worth ingest [DIR]`. */
export function registerIngestCommands(program: Command): void {
  program
    .command('init')
    .argument('<dir>', 'folder for the new workspace')
    .option(
      '--from <file>',
      'an export of order lines (CSV, CSV.gz, XLSX, Parquet), or a folder or pattern of monthly CSV exports with the same header: copied into DIR/data/, its columns recognised, the load previewed; given twice, the order lines and their orders (customer, date) in two files, joined on the order number',
      (file: string, seen: string[] = []) => [...seen, file],
    )
    .description('write a commented worth.yaml into DIR: a template, or one made for your export (--from)')
    .action(async (dir: string, opts: { from?: string[] }) => {
      if (opts.from?.length) {
        // Loaded on demand: profiling opens DuckDB and, for XLSX, exceljs.
        const { initFromExport, formatInit, headerLanguage } = await import('../onboard/index.ts');
        // A bar through the long passes of a big export (on a terminal only: piped, just the final lines).
        const out = terminalOutput(headerLanguage(opts.from[0]!), true);
        // One --from as ever; two: the order lines and their orders (src/onboard/twoExports.ts).
        const from = opts.from.length === 1 ? opts.from[0]! : opts.from;
        const made = await initFromExport(dir, from, { progress: out.progress });
        process.stdout.write(`${formatInit(made, dir, made.currency, made.recognised.language)}\n`);
        return;
      }
      const file = writeTemplate(dir);
      // Said in the language the template just wrote.
      const lang = configuredLanguage(dir) ?? 'en';
      process.stdout.write(`${cliWord(lang, 'wroteTemplate', { file, dir })}\n`);
    });

  program
    .command('ingest')
    .argument('[dir]', 'workspace folder', '.')
    .option('--json', 'print the reconciliation as JSON')
    .option('--accept-shrink', 'accept a table with half or fewer of the rows of the previous load')
    .description(
      'load every source into the canonical tables; reject bad rows with reasons; reconcile totals',
    )
    .action(async (dir: string, opts: { json?: boolean; acceptShrink?: boolean }) => {
      const report = await runIngest(dir, Boolean(opts.json), Boolean(opts.acceptShrink));
      if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    });
}

/**
 * Loads the workspace and prints the reconciliation for people (or nothing with `json`). A
 * refused load prints its reconciliation and reject summary too (with `json`: the report with
 * `refused` set to the reasons) before the error ends the command with a non-zero exit.
 */
export async function runIngest(dir: string, json: boolean, acceptShrink = false) {
  const ws = loadWorkspace(dir, 'ingest');
  const clickhouse = clickhouseSetting(ws);
  // The messages go beside the progress bar, never onto its line.
  const out = json ? undefined : terminalOutput(ws.config.language);
  // The server first: one that does not answer or refuses the login stops the command before
  // anything changes, here or there.
  const server = clickhouse ? await openClickHouse(clickhouse) : undefined;
  // Said first, even with --json (on standard error): where this load runs.
  if (clickhouse) sayWhereItRuns(stderrLogger, ws.config.language, 'ingestOnClickHouse', clickhouse);
  try {
    const report = await ingestWorkspace(ws, {
      logger: out ? out.logger : silentLogger,
      progress: out?.progress,
      acceptShrink,
    });
    if (server) {
      // The checked load, published in the workspace, then loaded into ClickHouse as a whole
      // (a failure there leaves ClickHouse's previous tables in place).
      const source = await openWorkspaceDatabase(ws.dir, 'read');
      try {
        const loaded = await loadTablesInto(source, server, TABLE_NAMES);
        stderrLogger.info(
          cliWord(ws.config.language, 'loadedIntoClickHouse', {
            tables: Object.entries(loaded)
              .map(([t, n]) => `${t} ${n}`)
              .join(', '),
          }),
        );
      } finally {
        await source.close();
      }
    }
    if (!json)
      process.stdout.write(`${formatReconciliation(report, ws.config.currency, ws.config.language)}\n`);
    return report;
  } catch (e) {
    if (e instanceof LoadRefused) {
      if (json) process.stdout.write(`${JSON.stringify({ refused: e.problems, ...e.report }, null, 2)}\n`);
      else
        process.stdout.write(`${formatReconciliation(e.report, ws.config.currency, ws.config.language)}\n`);
    }
    throw e;
  } finally {
    await server?.close();
  }
}
