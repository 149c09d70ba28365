/**
 * `npm run bench`: runs the benchmarks and writes their figures to BENCHMARKS.md with the
 * date and the machine. Benchmarks are registered in bench/suites.ts.
 */
import { runBenchmarks } from './suites.ts';

await runBenchmarks(process.argv.slice(2));
