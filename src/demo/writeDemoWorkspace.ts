/**
 * `worth demo`: writes a complete workspace (worth.yaml and data/<table>.csv) for the demo
 * company, or only computes what it would write.
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError, type Progress } from '../core/index.ts';
import { TEMPLATES_DIR } from '../scenario/index.ts';
import { makeCalendar } from './calendar.ts';
import { perTable, type DemoTable } from './columns.ts';
import { csvFormat } from './csvFormat.ts';
import { generateDemo } from './generateDemo.ts';
import { demoOptions, type DemoOptions } from './options.ts';
import { FileSink, NullSink, type TableSink } from './tableSink.ts';
import type { TimeActivity } from './costModelYaml.ts';
import type { DemoTotals } from './totals.ts';
import { DEMO_COMPANY, DEMO_MARKER, workspaceYaml } from './workspaceYaml.ts';

/** What `writeDemoWorkspace` wrote. */
export interface DemoSummary {
  /** The workspace folder. */
  dir: string;
  /** The company name in worth.yaml. */
  company: string;
  /** The analysis period as ISO dates. */
  period: { start: string; end: string };
  /** The options used (defaults filled in). */
  options: DemoOptions;
  /** Path of each table's file. */
  files: Record<DemoTable, string>;
  /** Rows per table and exact money totals per money column. */
  totals: DemoTotals;
  /** Minutes the written rows use per time-driven activity of the demo's cost model. */
  activityMinutes: Record<TimeActivity, number>;
}

/** Extra switches for {@link writeDemoWorkspace}. */
export interface WriteDemoSettings {
  /** Overwrite a worth.yaml that was not written by `worth demo` (default false). */
  force?: boolean;
  /** Progress over customers. */
  progress?: Progress;
  /**
   * Worker threads generating blocks of customers (default 1: this thread). The files are
   * the same for any number; more threads only pay off on idle cores and large demos.
   */
  threads?: number;
}

async function refuseForeignWorkspace(yamlPath: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(yamlPath, 'utf8');
  } catch {
    return; // no worth.yaml yet
  }
  if (!text.includes(DEMO_MARKER)) {
    throw new CliError(
      `${yamlPath} exists and was not written by \`worth demo\`; not overwriting it (use --force)`,
    );
  }
}

/** Writes the demo workspace into `dir` and returns what it wrote. */
export async function writeDemoWorkspace(
  dir: string,
  options: Partial<DemoOptions> = {},
  settings: WriteDemoSettings = {},
): Promise<DemoSummary> {
  const o = demoOptions(options);
  const yamlPath = join(dir, 'worth.yaml');
  if (!settings.force) await refuseForeignWorkspace(yamlPath);
  await mkdir(join(dir, 'data'), { recursive: true });
  const files = perTable((t) => join(dir, 'data', `${t}.csv`));
  const sinks = perTable<TableSink>((t) => new FileSink(files[t]));
  const threads = settings.threads ?? 1;
  const { totals, minutes } = await generateDemo(o, sinks, threads, settings.progress);
  await writeFile(
    yamlPath,
    workspaceYaml(o, csvFormat(o.format, makeCalendar(o.lastYear, o.years)), minutes),
  );
  // Initiative templates to run with `worth scenario run scenarios/<file>.yaml DIR`.
  await mkdir(join(dir, 'scenarios'), { recursive: true });
  for (const f of (await readdir(TEMPLATES_DIR)).filter((n) => n.endsWith('.yaml')))
    await copyFile(join(TEMPLATES_DIR, f), join(dir, 'scenarios', f));
  return {
    dir,
    company: DEMO_COMPANY,
    period: { start: `${o.lastYear - o.years + 1}-01-01`, end: `${o.lastYear}-12-31` },
    options: o,
    files,
    totals,
    activityMinutes: minutes,
  };
}

/** The exact totals `writeDemoWorkspace` would write for these options, without writing anything. */
export async function demoTotals(options: Partial<DemoOptions> = {}, threads = 1): Promise<DemoTotals> {
  const sinks = perTable<TableSink>(() => new NullSink());
  return (await generateDemo(demoOptions(options), sinks, threads)).totals;
}
