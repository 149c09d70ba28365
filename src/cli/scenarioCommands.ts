/**
 * `worth scenario run FILE [DIR]` and `worth scenario compare FILE... --dir DIR`: price
 * initiatives on an analysed workspace (after `worth analyze` and `worth clv`).
 */
import path from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../core/index.ts';
import { loadCostModel } from '../costing/index.ts';
import type { ScenarioResult } from '../scenario/index.ts';
import { loadWorkspace } from '../workspace/index.ts';
import { readRun } from './workspaceRuns.ts';

const HOW_EFFECTS_ACT = `
How effects act (each a number or a distribution: uniform, triangular, normal, list):
  retention +x   points of yearly retention: each month's survival s of the targeted group
                 (from the fitted CLV model) becomes min(1, max(0, s^12 + x/100))^(1/12)
  frequency +y   % on the purchase rate of customers still active
  spend +z       % on gross margin per purchase
  returns +w     % returned value per purchase (each returned euro loses its margin) and
                 return-handling volume
  contacts +v    % service contacts (contact-driven activity volume, per-contact costs)
Costs: variable activities move with volume; capacity and fixed activities keep their
cost when volume falls (shown as stranded cost) unless capacity_cuts remove it.`;

/** Most draws a command line may ask for (80 MB of doubles per effect; 1e11 ran out of memory as an internal error). */
const MAX_DRAWS = 10_000_000;
/** Largest seed (the API's too). */
const MAX_SEED = 2 ** 31 - 1;

/** `--draws`/`--seed` as a whole number from 0 to `max`; else one sentence naming the option, the value and the range (`-5` is whole, but below 0). */
function whole(name: string, value: string, max: number): number {
  const n = /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  if (!(n <= max))
    throw new CliError({
      key: 'optionWholeNumber',
      vars: { name, value: JSON.stringify(value.slice(0, 40)), max: { int: max } },
    });
  return n;
}

async function runFiles(
  files: string[],
  dir: string,
  draws: number,
  seed: number,
): Promise<ScenarioResult[]> {
  const { loadInitiative, runScenario } = await import('../scenario/index.ts');
  const ws = loadWorkspace(dir);
  const initiatives = files.map((f) => ({ file: f, ini: loadInitiative(f) }));
  return readRun(ws.dir, 'runClvFirst', async (engine) => {
    const model = loadCostModel(ws, engine.dialect);
    const out: ScenarioResult[] = [];
    for (const { file, ini } of initiatives)
      out.push(
        await runScenario(engine, model, ini, path.basename(file), {
          discountRate: ws.config.cost_of_capital,
          draws,
          seed,
          lang: ws.config.language,
        }),
      );
    return out;
  });
}

/** Registers `worth scenario run` and `worth scenario compare`. */
export function registerScenarioCommands(program: Command): void {
  const scenario = program
    .command('scenario')
    .description('price a customer initiative before committing to it')
    .addHelpText('after', HOW_EFFECTS_ACT);
  scenario
    .command('run')
    .description(
      'project an initiative (YAML) against the baseline: NPV range, P(NPV > 0), payback, break-even',
    )
    .argument('<file>', 'initiative YAML (see DIR/scenarios/*.yaml in the demo workspace)')
    .argument('[dir]', 'workspace folder (after `worth analyze` and `worth clv`)', '.')
    .option('--draws <n>', 'Monte Carlo draws', '10000')
    .option('--seed <s>', 'seed of the draws', '1')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', HOW_EFFECTS_ACT)
    .action(async (file: string, dir: string, o: { draws: string; seed: string; json?: boolean }) => {
      const [r] = await runFiles(
        [file],
        dir,
        whole('draws', o.draws, MAX_DRAWS),
        whole('seed', o.seed, MAX_SEED),
      );
      const { formatScenario } = await import('../scenario/index.ts');
      process.stdout.write(
        o.json
          ? `${JSON.stringify(r, null, 2)}\n`
          : `${formatScenario(r!, loadWorkspace(dir).config.language)}\n`,
      );
    });
  scenario
    .command('compare')
    .description('several initiatives side by side, best expected NPV first')
    .argument('<files...>', 'initiative YAML files')
    .option('--dir <dir>', 'workspace folder', '.')
    .option('--draws <n>', 'Monte Carlo draws', '10000')
    .option('--seed <s>', 'seed of the draws', '1')
    .option('--json', 'print the results as JSON')
    .action(async (files: string[], o: { dir: string; draws: string; seed: string; json?: boolean }) => {
      const rs = await runFiles(
        files,
        o.dir,
        whole('draws', o.draws, MAX_DRAWS),
        whole('seed', o.seed, MAX_SEED),
      );
      const { formatComparison } = await import('../scenario/index.ts');
      process.stdout.write(
        o.json
          ? `${JSON.stringify(rs, null, 2)}\n`
          : `${formatComparison(rs, loadWorkspace(o.dir).config.language)}\n`,
      );
    });
}
