/** The benchmark suites, selected by name on the command line (all when none is given). */
export async function runBenchmarks(_only: string[]): Promise<void> {
  process.stdout.write('no benchmarks yet\n');
}
