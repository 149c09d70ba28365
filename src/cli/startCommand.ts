/**
 * `worth start [DIR]`: the main job on the bundled demo data. Writes the demo company when
 * DIR has no workspace yet, then loads it and prints the reconciliation. Later stages
 * (analysis, report, dashboard) are added to this same command as they land.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { writeDemoWorkspace } from '../demo/index.ts';
import { stderrLogger } from '../core/index.ts';
import { CONFIG_FILE } from '../workspace/index.ts';
import { runIngest } from './ingestCommands.ts';

/** Registers `worth start`. */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .argument('[dir]', 'workspace folder (written with the demo company when it has no worth.yaml)', 'demo-workspace')
    .description('the main job: demo company (if needed) -> ingest -> reconciliation')
    .action(async (dir: string) => {
      if (!existsSync(path.join(dir, CONFIG_FILE))) {
        stderrLogger.info(`writing the demo company into ${dir}`);
        await writeDemoWorkspace(dir, {});
      }
      await runIngest(dir, false);
    });
}
