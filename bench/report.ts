/**
 * Writes benchmark figures into BENCHMARKS.md: one section per suite, replaced in place
 * between markers, each stamped with the date and the machine.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';

/** One measured figure. */
export interface BenchRow {
  /** What was measured, e.g. "ingest 10,000,000 order lines". */
  what: string;
  /** The figure as shown, e.g. "4.21 s" or "2,375,000 lines/s". */
  figure: string;
  /** The target, if the issue sets one, e.g. "< 20 s". */
  target?: string;
  /** Whether the target was met (undefined when there is no target). */
  met?: boolean;
}

/** A suite's results: a title, its rows and free notes (method, data, caveats). */
export interface BenchSection {
  id: string;
  title: string;
  rows: BenchRow[];
  notes: string[];
}

/** The machine as one line: CPU model, cores, memory, Node version. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const mem = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${cpu}, ${os.cpus().length} cores, ${mem} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

function render(section: BenchSection, date: string): string {
  const lines = [
    `<!-- bench:${section.id}:start -->`,
    `## ${section.title}`,
    '',
    `Measured ${date} on ${machineLine()}.`,
    '',
    '| what | figure | target | met |',
    '| --- | --- | --- | --- |',
    ...section.rows.map(
      (r) =>
        `| ${r.what} | ${r.figure} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : 'NO'} |`,
    ),
    '',
    ...section.notes.map((n) => `- ${n}`),
    `<!-- bench:${section.id}:end -->`,
  ];
  return lines.join('\n');
}

/** Replaces (or appends) the section in BENCHMARKS.md. */
export function writeSection(
  section: BenchSection,
  file = 'BENCHMARKS.md',
  date = new Date().toISOString(),
): void {
  const header =
    '# Benchmarks\n\nWritten by `npm run bench`; each section is replaced when its suite runs again.\n';
  let text = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const block = render(section, date.slice(0, 10));
  const re = new RegExp(`<!-- bench:${section.id}:start -->[\\s\\S]*?<!-- bench:${section.id}:end -->`);
  text = re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
}

/** Peak resident memory of this process so far, in MiB (Linux: from /proc). */
export function peakRssMiB(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    if (m) return Number(m[1]) / 1024;
  } catch {
    /* not Linux */
  }
  return process.memoryUsage().rss / 2 ** 20;
}
