/**
 * Where a process's CPU time goes, from the lines `WORTH_SQL_TIMING=1` writes on stderr
 * (`[sql 12 ms, cpu 34 ms] STATEMENT`, src/warehouse/duckdb/duckdbEngine.ts): each statement
 * is put in the first part whose pattern matches it, and what no statement accounts for is the
 * time outside SQL (Node start-up, module loading, reading the configuration, the file scan).
 */

/** A named part of a run and the statements that belong to it. */
export interface ProfilePart {
  /** Shown in BENCHMARKS.md, e.g. "the one-pass loads". */
  name: string;
  /** Matches the start of a statement's text. */
  pattern: RegExp;
}

/** CPU seconds by part, in the parts' order, then "other SQL" and "outside SQL". */
export interface Profile {
  parts: { name: string; cpuSeconds: number; statements: number }[];
  /** The whole process's CPU seconds (user + system). */
  totalCpuSeconds: number;
}

const LINE = /^\[sql \d+ ms, cpu (\d+) ms\] (.*)$/;

/** Splits a run's CPU time over `parts` from its timing lines; `totalCpuSeconds` is the process's. */
export function sqlProfile(stderr: string, parts: ProfilePart[], totalCpuSeconds: number): Profile {
  const sums = parts.map((p) => ({ name: p.name, cpuSeconds: 0, statements: 0 }));
  const other = { name: 'other SQL', cpuSeconds: 0, statements: 0 };
  let sql = 0;
  for (const line of stderr.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const seconds = Number(m[1]) / 1000;
    sql += seconds;
    const i = parts.findIndex((p) => p.pattern.test(m[2]!));
    const into = i >= 0 ? sums[i]! : other;
    into.cpuSeconds += seconds;
    into.statements++;
  }
  return {
    parts: [
      ...sums,
      other,
      { name: 'outside SQL', cpuSeconds: Math.max(0, totalCpuSeconds - sql), statements: 0 },
    ],
    totalCpuSeconds,
  };
}

/** A profile as one sentence: "the one-pass loads 9.0 (8 statements), ..., outside SQL 0.9". */
export function profileText(p: Profile): string {
  return p.parts
    .map(
      (x) =>
        `${x.name} ${x.cpuSeconds.toFixed(2)}${x.statements ? ` (${x.statements} statement${x.statements === 1 ? '' : 's'})` : ''}`,
    )
    .join(', ');
}
