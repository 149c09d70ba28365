/**
 * The benchmark suites, selected by name on the command line (all when none is given).
 * Each suite lives in its own file and returns a BenchSection for BENCHMARKS.md.
 */
import { writeSection, type BenchSection } from './report.ts';
import { clvCovariateSuite, clvEndToEndSuite, clvModelsSuite, clvSuite } from './clv.ts';
import { analyzeSuite } from './analyze.ts';
import { serveSuite } from './serve.ts';
import { scenarioSuite } from './scenario.ts';
import { demoSuite } from './demo.ts';
import { ingestSuite, webshopIngestSuite } from './ingest.ts';
import { clickhouseSuite } from './clickhouse.ts';
import { initSuite } from './init.ts';

/** A named suite: runs its measurements and returns the figures. */
export interface Suite {
  name: string;
  run(): Promise<BenchSection>;
}

const suites: Suite[] = [
  demoSuite,
  ingestSuite,
  webshopIngestSuite,
  initSuite,
  clvSuite,
  clvEndToEndSuite,
  clvCovariateSuite,
  clvModelsSuite,
  analyzeSuite,
  serveSuite,
  scenarioSuite,
  clickhouseSuite,
];

export async function runBenchmarks(only: string[]): Promise<void> {
  const chosen = only.length ? suites.filter((s) => only.includes(s.name)) : suites;
  if (only.length && chosen.length !== only.length) {
    throw new Error(`unknown suite in ${only.join(', ')} (known: ${suites.map((s) => s.name).join(', ')})`);
  }
  for (const suite of chosen) {
    process.stdout.write(`bench ${suite.name} ...\n`);
    const section = await suite.run();
    writeSection(section);
    for (const r of section.rows)
      process.stdout.write(`  ${r.what}: ${r.figure}${r.target ? ` (target ${r.target})` : ''}\n`);
  }
}
