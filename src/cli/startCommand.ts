/**
 * `worth start [DIR]`: the main job on the bundled demo data. Writes the demo company when
 * DIR has no workspace yet, loads it and prints the reconciliation, costs and analyses it
 * and prints the customer P&L story, values its customers, writes the board report and
 * serves the dashboard (its address printed) until Ctrl-C.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { stderrLogger } from '../core/index.ts';
import { loadCostModel } from '../costing/index.ts';
import { writeDemoWorkspace } from '../demo/index.ts';
import { analyze, formatAnalysis } from '../profit/index.ts';
import { cliWord } from '../words/index.ts';
import { CONFIG_FILE, DEFAULT_LANGUAGE, loadWorkspace } from '../workspace/index.ts';
import { formatClv, runClv } from './clvWorkspaceCommand.ts';
import { runIngest } from './ingestCommands.ts';
import { writeRun } from './workspaceRuns.ts';

/** Registers `worth start`. */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .argument(
      '[dir]',
      'workspace folder (written with the demo company when it has no worth.yaml)',
      'demo-workspace',
    )
    .option('--no-serve', 'stop after writing the report (do not serve the dashboard)')
    .option('--port <port>', 'port for the dashboard', '4173')
    .description(
      'the main job: demo company (if needed) -> ingest -> customer P&L -> lifetime value -> report -> dashboard',
    )
    .action(async (dir: string, opts: { serve: boolean; port: string }) => {
      if (!existsSync(path.join(dir, CONFIG_FILE))) {
        stderrLogger.info(cliWord(DEFAULT_LANGUAGE, 'writingDemo', { dir }));
        await writeDemoWorkspace(dir, {});
      }
      await runIngest(dir, false);
      const ws = loadWorkspace(dir);
      const result = await writeRun(
        ws.dir,
        'worth start',
        'runIngestFirst',
        (engine) =>
          analyze(engine, loadCostModel(ws, engine.dialect), {
            logger: stderrLogger,
            lang: ws.config.language,
          }),
        ws.config.language,
      );
      process.stdout.write(`\n${formatAnalysis(result, ws.config.currency, ws.config.language)}\n`);
      process.stdout.write(`\n${formatClv(await runClv(dir, undefined, 5, false), ws.config.language)}\n\n`);
      const lang = ws.config.language;
      // The PDF comes from a system Chromium where there is one, else from the one npm ci installed.
      const pdf = path.join(dir, 'report.pdf');
      const { writeReport } = await import('./reportActions.ts');
      const { serveWorkspace } = await import('./serveActions.ts');
      await writeReport(dir, { out: path.join(dir, 'report.html'), pdf, lang });
      if (opts.serve) await serveWorkspace(dir, { port: Number(opts.port), host: '127.0.0.1', build: true });
    });
}
