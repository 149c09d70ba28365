import path from 'node:path';
import type { Command } from 'commander';
import { CliError, silentLogger, stderrLogger } from '../core/index.ts';
import { loadCostModel } from '../costing/index.ts';
import {
  EXPORT_FORMATS,
  exportTable,
  exportWorkbook,
  MACHINE_FORM,
  type ExportForm,
  type ExportFormat,
} from '../export/index.ts';
import { ANALYSIS_TABLES, analyze, formatAnalysis } from '../profit/index.ts';
import { FILTERABLE_TABLES, isFilterable, isFiltered, stageFilteredTable } from '../readmodel/index.ts';
import { cliWord, errorText, textNumbers } from '../words/index.ts';
import { CLV_EXPORT_TABLES } from '../value/index.ts';
import { loadWorkspace } from '../workspace/index.ts';
import { readRun, writeRun } from './workspaceRuns.ts';
import { analyzeOnClickHouse } from './analyzeOnClickHouse.ts';
import { outputPath } from './outputPath.ts';
import { writeWhole } from './wholeFile.ts';
import { filterProblem, parseFilterOption } from './filterOption.ts';

/** What `worth export` offers: the analysis tables, then the lifetime value's (after `worth clv`). */
const EXPORT_TABLES = [...ANALYSIS_TABLES, ...CLV_EXPORT_TABLES];

/** `worth analyze [DIR]` (cost model, customer P&L, analyses) and `worth export [DIR]`. */
export function registerAnalyzeCommands(program: Command): void {
  program
    .command('analyze')
    .argument('[dir]', 'workspace folder', '.')
    .option('--json', 'print totals, reconciliation and headline figures as JSON')
    .description(
      'cost to serve per customer (time-driven ABC), the customer P&L, whale curve, matrix, voice of customer',
    )
    .action(async (dir: string, opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      const ws = loadWorkspace(dir, 'analyze');
      const result = await (analyzeOnClickHouse(ws, json) ??
        writeRun(
          ws.dir,
          'worth analyze',
          'runIngestFirst',
          (engine) =>
            analyze(engine, loadCostModel(ws, engine.dialect), {
              logger: json ? silentLogger : stderrLogger,
              lang: ws.config.language,
            }),
          ws.config.language,
        ));
      process.stdout.write(
        json
          ? `${JSON.stringify(result, null, 2)}\n`
          : `${formatAnalysis(result, ws.config.currency, ws.config.language)}\n`,
      );
    });

  program
    .command('export')
    .argument('[dir]', 'workspace folder', '.')
    .option(
      '--table <name>',
      `table to export: ${EXPORT_TABLES.map((t) => t.name).join(', ')} (xlsx: all when omitted)`,
    )
    .option('--format <format>', `${EXPORT_FORMATS.join(' | ')} (default: from the --out extension)`)
    .requiredOption('--out <file>', 'file to write')
    .option(
      '--filter <filters>',
      `the dashboard's global filters: segment=Retail,channel=...,region=...,period=2025-01..2025-03 (or the dashboard's query: segment=Retail&from=2025-01&to=2025-03), for the tables the dashboard narrows (${FILTERABLE_TABLES.join(', ')}; a workbook leaves the others out); with a period the money columns are the period's months summed (cost per activity is not kept per month)`,
    )
    .option(
      '--raw',
      'the machine form for scripts: stored column names and values, "," and ".", no BOM (default: as Excel in the workspace language opens it)',
    )
    .description('export the customer P&L or an analysis as CSV, Parquet or XLSX (one sheet per analysis)')
    .action(
      async (
        dir: string,
        opts: { table?: string; format?: string; out: string; raw?: boolean; filter?: string },
      ) => {
        const format = exportFormat(opts.format, opts.out);
        const filters = parseFilterOption(opts.filter);
        const out = outputPath('--out', opts.out);
        const ws = loadWorkspace(dir);
        const form: ExportForm = opts.raw ? MACHINE_FORM : { kind: 'spreadsheet', lang: ws.config.language };
        await readRun(ws.dir, 'runIngestFirst', async (engine) => {
          if (opts.table) {
            const spec = EXPORT_TABLES.find((t) => t.name === opts.table);
            if (!spec)
              throw new CliError(
                `--table ${JSON.stringify(opts.table)} is not an analysis table (expected one of: ${EXPORT_TABLES.map((t) => t.name).join(', ')})`,
              );
            const lang = ws.config.language;
            const source = isFiltered(filters)
              ? { source: await filterProblem(() => stageFilteredTable(engine, spec.name, filters)) }
              : {};
            // Written whole: a full disk or Ctrl-C leaves the previous file as it was.
            const n = await writeWhole([out], ([part]) =>
              exportTable(engine, { ...spec, ...source }, format, part!, form),
            );
            const dialect =
              format === 'csv' ? cliWord(lang, opts.raw ? 'csvMachineNote' : 'csvDialectNote') : '';
            process.stdout.write(
              `${cliWord(lang, 'exportedRows', { n: textNumbers(lang).int(n), table: spec.name, file: out })}${dialect}\n`,
            );
            return;
          }
          if (format !== 'xlsx')
            throw new CliError(
              '--table is required for csv and parquet (a workbook of every analysis needs --format xlsx)',
            );
          const present = [];
          for (const t of EXPORT_TABLES) if (await engine.tableExists(t.name)) present.push(t);
          if (!present.length)
            throw new CliError(`no analysis tables in ${ws.dir} (run \`worth analyze ${dir}\` first)`);
          // Under filters: the tables the dashboard narrows, each narrowed; the rest are left out, and said so.
          const sheets: Parameters<typeof exportWorkbook>[1][number][] = [];
          const whole: string[] = [];
          for (const t of present)
            if (!isFiltered(filters)) sheets.push(t);
            else if (!isFilterable(t.name)) whole.push(t.name);
            else
              sheets.push({
                ...t,
                source: await filterProblem(() => stageFilteredTable(engine, t.name, filters)),
              });
          const counts = await writeWhole([out], ([part]) => exportWorkbook(engine, sheets, part!, form));
          const lang = ws.config.language;
          process.stdout.write(
            `${cliWord(lang, 'exportedSheets', { n: String(Object.keys(counts).length), file: out })}\n`,
          );
          if (whole.length)
            process.stdout.write(
              `${errorText(lang, { key: 'filterSheetsWhole', vars: { tables: whole.join(', ') } })}\n`,
            );
        });
      },
    );
}

function exportFormat(given: string | undefined, out: string): ExportFormat {
  const f = (given ?? path.extname(out).slice(1)).toLowerCase();
  if (given === undefined && !(EXPORT_FORMATS as readonly string[]).includes(f)) {
    throw new CliError(
      `--out ${JSON.stringify(out)}: the format is read from the file's extension (expected a name ending in ${EXPORT_FORMATS.map((x) => `.${x}`).join(', ')}, or --format ${EXPORT_FORMATS.join('|')}; export writes a file, not standard output)`,
    );
  }
  if (!(EXPORT_FORMATS as readonly string[]).includes(f)) {
    throw new CliError({
      key: 'optionNotSupported',
      vars: { option: '--format', value: JSON.stringify(given ?? f), expected: EXPORT_FORMATS.join(', ') },
    });
  }
  return f as ExportFormat;
}
