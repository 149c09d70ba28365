/**
 * Benchmark `worth init --from` on a messy Dutch export (test/fixtures/messyDutchExport.ts, seed
 * 10: `;`, decimal comma, `dd-mm-jjjj` with some `d-m-jj`, Windows-1252, Passant, credit lines,
 * a few hundred broken lines) side by side with `worth ingest` of the same file under the
 * worth.yaml init wrote: each round runs init into a fresh folder, then ingest of that folder,
 * both as the CLI in its own process under /usr/bin/time (CPU, wall, peak memory), and gives
 * the ratio init / ingest. Init reads the whole file for its profile and then runs the real
 * ingest on a temporary copy as its preview, so the ratio is at least 1; the goal of issue 11 is
 * at most about 1.5. `WORTH_BENCH_INIT_LINES` sizes the file (default 200,000 lines),
 * `WORTH_BENCH_PAIRS` the rounds (default 2).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeMessyDutchExport } from '../test/fixtures/messyDutchExport.ts';
import type { BenchSection } from './report.ts';
import type { Suite } from './suites.ts';

const LINES = Number(process.env.WORTH_BENCH_INIT_LINES ?? 200_000);
const PAIRS = Number(process.env.WORTH_BENCH_PAIRS ?? 2);
const WORTH = resolve('bin/worth.js');

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The middle value (the lower middle of an even count). */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

interface Timed {
  seconds: number;
  cpuSeconds: number;
  peakMiB: number;
}

/** `worth ARGS` under /usr/bin/time -v; throws with its output when it fails. */
function worth(args: string[]): Timed {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, WORTH, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`worth ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  const field = (re: RegExp) => Number(re.exec(r.stderr)?.[1] ?? NaN);
  return {
    seconds,
    cpuSeconds: field(/User time \(seconds\): ([\d.]+)/) + field(/System time \(seconds\): ([\d.]+)/),
    peakMiB: field(/Maximum resident set size \(kbytes\): (\d+)/) / 1024,
  };
}

async function run(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'worth-bench-init-'));
  try {
    const file = join(dir, 'export.csv');
    const facts = writeMessyDutchExport(file, LINES, 10);
    // A first init, left out: the first `worth` run may build the CLI's bundle.
    worth(['init', join(dir, 'warm'), '--from', file]);
    const rounds: { load: number; loadAfter: number; init: Timed; ingest: Timed }[] = [];
    for (let i = 0; i < PAIRS; i++) {
      const ws = join(dir, `ws${i}`);
      const load = loadavg()[0]!;
      const init = worth(['init', ws, '--from', file]);
      const ingest = worth(['ingest', ws]);
      rounds.push({ load, loadAfter: loadavg()[0]!, init, ingest });
      rmSync(ws, { recursive: true, force: true });
    }
    const cpu = rounds.map((r) => r.init.cpuSeconds / r.ingest.cpuSeconds);
    const wall = rounds.map((r) => r.init.seconds / r.ingest.seconds);
    const range = (xs: number[]) => `${fmt(Math.min(...xs), 2)}-${fmt(Math.max(...xs), 2)}x`;
    const of = (pick: (r: (typeof rounds)[number]) => Timed) =>
      `${fmt(median(rounds.map((r) => pick(r).cpuSeconds)), 1)} CPU-s, ${fmt(median(rounds.map((r) => pick(r).seconds)), 1)} s, peak ${fmt(Math.max(...rounds.map((r) => pick(r).peakMiB)))} MiB`;
    return {
      id: 'init',
      title: '`worth init --from` against `worth ingest` of the same messy Dutch export',
      rows: [
        {
          what: `init --from, ${fmt(facts.physicalLines)} lines (${fmt(facts.broken.length)} broken), median of ${PAIRS}`,
          figure: of((r) => r.init),
        },
        { what: 'ingest of the same file under the worth.yaml init wrote', figure: of((r) => r.ingest) },
        {
          what: `init / ingest, CPU, median of ${PAIRS} (${range(cpu)})`,
          figure: `${fmt(median(cpu), 2)}x`,
          target: '<= 1.5x',
          met: median(cpu) <= 1.5,
        },
        {
          what: `init / ingest, wall, median of ${PAIRS} (${range(wall)})`,
          figure: `${fmt(median(wall), 2)}x`,
        },
      ],
      notes: [
        `The file: \`writeMessyDutchExport(file, ${fmt(LINES)}, 10)\` (test/fixtures/messyDutchExport.ts), written to a temporary folder and removed after; \`WORTH_BENCH_INIT_LINES\` sizes it.`,
        'Each round: `worth init DIR --from FILE` into a fresh folder, then `worth ingest DIR`, both the CLI in its own process under /usr/bin/time; a first init before the rounds is left out.',
        `Load average (1 min) per round, before / after: ${rounds.map((r) => `${r.load.toFixed(1)} / ${r.loadAfter.toFixed(1)}`).join('; ')}. Other work shares the cores: compare CPU time.`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const initSuite: Suite = { name: 'init', run };
