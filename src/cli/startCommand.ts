/**
 * `worth start [DIR]`: the main job on the bundled demo data. Writes the demo company when
 * DIR has no workspace yet, loads it, prints the reconciliation, then costs and analyses it
 * and prints the customer P&L story. Later stages (report, dashboard) join this command.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { stderrLogger } from '../core/index.ts';
import { loadCostModel } from '../costing/index.ts';
import { writeDemoWorkspace } from '../demo/index.ts';
import { DATABASE_FILE } from '../ingest/index.ts';
import { analyze, formatAnalysis } from '../profit/index.ts';
import { DuckDBEngine } from '../warehouse/index.ts';
import { CONFIG_FILE, loadWorkspace } from '../workspace/index.ts';
import { formatClv, runClv } from './clvWorkspaceCommand.ts';
import { runIngest } from './ingestCommands.ts';

/** Registers `worth start`. */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .argument('[dir]', 'workspace folder (written with the demo company when it has no worth.yaml)', 'demo-workspace')
    .description('the main job: demo company (if needed) -> ingest -> reconciliation -> cost to serve and customer P&L -> lifetime value on profit')
    .action(async (dir: string) => {
      if (!existsSync(path.join(dir, CONFIG_FILE))) {
        stderrLogger.info(`writing the demo company into ${dir}`);
        await writeDemoWorkspace(dir, {});
      }
      await runIngest(dir, false);
      const ws = loadWorkspace(dir);
      const engine = await DuckDBEngine.open(path.join(ws.dir, DATABASE_FILE));
      try {
        const result = await analyze(engine, loadCostModel(ws, engine.dialect), { logger: stderrLogger });
        process.stdout.write(`\n${formatAnalysis(result, ws.config.currency)}\n`);
      } finally {
        await engine.close();
      }
      process.stdout.write(`\n${formatClv(await runClv(dir, 'bgnbd', 5, false))}\n`);
    });
}
