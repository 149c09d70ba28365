/**
 * The one harness of the export-shape tests (test/fixtures/*Shapes*.ts): a stranger's own export
 * from `worth init DIR --from FILE` through `ingest`, `analyze` and `report`, each a real child
 * process, with no hand edit of worth.yaml between them. It checks what every shape must give:
 * exit 0 each time, no NaN, Infinity, undefined or stack frame on the terminal or in the report,
 * rejects exactly the lines broken on purpose (file, line, code), and gross, discounts, returns
 * and net per customer equal to the file's own totals in BigInt cents, added up by the generator
 * (never read back from Worth). What differs between rounds is an option; what a test checks
 * beyond that, it checks on what this returns.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { queryDb, readRejects, type RejectLine } from '../ingest/helpers.ts';
import { cents, worth } from './worthCli.ts';

/** A customer's totals as a generator adds them up, in cents (credits positive; discounts where the shape has them). */
export interface ShapeSums {
  gross: bigint;
  credits: bigint;
  discounts?: bigint;
  /** The Dutch third round's name for `discounts`. */
  discount?: bigint;
}

/** What every generated export gives: its bytes, its totals per customer and the lines broken on purpose. */
export interface Shape {
  /** File name (the extension tells the kind). */
  name: string;
  bytes: Buffer;
  perCustomer: Map<string, ShapeSums>;
  /** Physical line (1 = the first line of the file) -> its reject code. */
  broken: Map<number, string>;
  /** Net of the lines without a customer, in cents, where the generator counts it. */
  unattributedNet?: bigint;
}

/** How the rejects are held against `broken`. */
export type RejectCheck =
  /** Each broken line once, with exactly its code (sorted pairs equal). */
  | 'pairs'
  /** The same lines; each reject's code among `codes(wanted)` (a line may be rejected under several columns with one code). */
  | 'each'
  /** The same lines; the codes of each line include the wanted one (a missing quantity leaves no gross amount either). */
  | 'includes';

/** How the per-customer figures are compared. */
export type SumsCheck =
  /** Gross, discounts, returns and net apart. */
  | 'split'
  /** Gross after discounts, returns and net. */
  | 'net'
  /** Gross as loaded, returns and net (a shape without discounts). */
  | 'gross';

/** What differs between the rounds' harnesses; each default is the strictest. */
export interface EndToEndOptions {
  rejects?: RejectCheck;
  /** With `rejects: 'each'`: the codes a reject of a line broken as `wanted` may carry (default: exactly `wanted`). */
  codes?: (wanted: string) => readonly string[];
  sums?: SumsCheck;
  /** Runs `ingest --json` (its report is returned parsed) instead of the terminal text. */
  ingestJson?: boolean;
  /** Runs `analyze --json`. */
  analyzeJson?: boolean;
  /** Runs `report` (default true). */
  report?: boolean;
  /** Init's output must carry no CHECK / CONTROLEER mark (default true). */
  noReviewMarks?: boolean;
  /** The export is written already (a file, a folder or a pattern): init reads this instead of writing `x.bytes`. */
  source?: string;
  /** The file the rejects name (default: the copy of the one file in data/). */
  shown?: string;
}

/** What the four commands left: the workspace, each command's output, worth.yaml, the rejects and the names per customer. */
export interface EndToEndRun {
  dir: string;
  init: { stdout: string; stderr: string };
  ingest: { stdout: string; stderr: string };
  analyze: { stdout: string; stderr: string };
  report: { stdout: string; stderr: string };
  /** report.html ('' when `report: false`). */
  html: string;
  yaml: string;
  rejects: RejectLine[];
  /** Customer id -> name in the customers table (null where it has none). */
  names: Map<string, unknown>;
  /** `ingest --json`'s report (undefined without `ingestJson`). */
  ingestReport?: { tables: Record<string, { rowsRejected: number; rowsUnattributed: number }> };
}

const byLine = (a: number, b: number) => a - b;

/** Runs the four commands on `x` and checks what every shape must give (see the file's comment); returns what they left. */
export async function endToEnd(x: Shape, options: EndToEndOptions = {}): Promise<EndToEndRun> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'worth-shape-'));
  const source = options.source ?? path.join(root, x.name);
  if (!options.source) writeFileSync(source, x.bytes);
  const dir = path.join(root, 'ws');
  const init = worth(['init', dir, '--from', source]);
  expect(init.status, `${init.stdout}\n${init.stderr}`).toBe(0);
  if (options.noReviewMarks ?? true) expect(init.stdout).not.toMatch(/CONTROLEER|CHECK/);
  const ingest = worth(['ingest', dir, ...(options.ingestJson ? ['--json'] : [])]);
  expect(ingest.status, `${ingest.stdout}\n${ingest.stderr}`).toBe(0);
  // The terminal's reject summary names no placeholder for a count.
  if (!options.ingestJson) expect(ingest.stdout).not.toMatch(/…|undefined|NaN/);

  const rejects = readRejects(path.join(dir, 'rejects.csv'));
  checkRejects(x, rejects, options, options.shown ?? `data/${path.basename(source)}`);

  const analyze = worth(['analyze', dir, ...(options.analyzeJson ? ['--json'] : [])]);
  const report = options.report === false ? { status: 0, stdout: '', stderr: '' } : worth(['report', dir]);
  for (const [cmd, r] of [
    ['analyze', analyze],
    ['report', report],
  ] as const) {
    expect(r.status, `${cmd}: ${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout + r.stderr, cmd).not.toMatch(/NaN|Infinity|undefined|Error:| {4}at /);
  }
  const html = options.report === false ? '' : readFileSync(path.join(dir, 'report.html'), 'utf8');
  expect(html).not.toMatch(/NaN|Infinity|undefined/);

  const names = await checkSums(x, dir, options.sums ?? 'split');
  return {
    dir,
    init,
    ingest,
    analyze,
    report,
    html,
    yaml: readFileSync(path.join(dir, 'worth.yaml'), 'utf8'),
    rejects,
    names,
    ingestReport: options.ingestJson ? (JSON.parse(ingest.stdout) as EndToEndRun['ingestReport']) : undefined,
  };
}

/** The rejects are exactly the lines broken on purpose, in the order-lines file, with their codes. */
function checkRejects(x: Shape, rejects: RejectLine[], options: EndToEndOptions, shown: string): void {
  for (const r of rejects) expect([r.table, r.file], JSON.stringify(r)).toEqual(['order_lines', shown]);
  const check = options.rejects ?? 'pairs';
  switch (check) {
    case 'pairs':
      expect(
        rejects.map((r) => [Number(r.line), r.code]).sort((a, b) => byLine(Number(a[0]), Number(b[0]))),
      ).toEqual([...x.broken].sort((a, b) => byLine(a[0], b[0])));
      return;
    case 'each':
      expect([...new Set(rejects.map((r) => Number(r.line)))].sort(byLine)).toEqual(
        [...x.broken.keys()].sort(byLine),
      );
      for (const r of rejects) {
        const wanted = x.broken.get(Number(r.line))!;
        expect(options.codes?.(wanted) ?? [wanted], JSON.stringify(r)).toContain(r.code);
      }
      return;
    case 'includes': {
      const codes = new Map<number, Set<string>>();
      for (const r of rejects)
        codes.set(Number(r.line), (codes.get(Number(r.line)) ?? new Set()).add(r.code!));
      expect([...codes.keys()].sort(byLine)).toEqual([...x.broken.keys()].sort(byLine));
      for (const [line, code] of x.broken) expect([...codes.get(line)!], `line ${line}`).toContain(code);
      return;
    }
    default: {
      const never: never = check;
      throw new Error(`unknown reject check ${String(never)}`);
    }
  }
}

/** Gross, discounts, returns and net per customer equal the generator's cents; the unattributed net too where it counts one. Returns the names. */
async function checkSums(x: Shape, dir: string, check: SumsCheck): Promise<Map<string, unknown>> {
  const pnl = await queryDb(
    dir,
    `SELECT p.customer_id, c.name, CAST(p.gross_sales AS VARCHAR) AS g, CAST(p.discounts AS VARCHAR) AS d,
       CAST(p.returns AS VARCHAR) AS r, CAST(p.net_sales AS VARCHAR) AS n
     FROM customer_pnl p LEFT JOIN customers c USING (customer_id)`,
  );
  const figures = (g: bigint, d: bigint, r: bigint, n: bigint): bigint[] => {
    switch (check) {
      case 'split':
        return [g, d, r, n];
      case 'net':
        return [g - d, r, n];
      case 'gross':
        return [g, r, n];
      default: {
        const never: never = check;
        throw new Error(`unknown sums check ${String(never)}`);
      }
    }
  };
  const got = Object.fromEntries(
    pnl.map((row) => [
      String(row.customer_id),
      figures(cents(row.g), cents(row.d), cents(row.r), cents(row.n)),
    ]),
  );
  const want = Object.fromEntries(
    [...x.perCustomer].map(([c, s]) => {
      const d = s.discounts ?? s.discount ?? 0n;
      return [c, figures(s.gross, d, s.credits, s.gross - d - s.credits)];
    }),
  );
  expect(got).toEqual(want);
  if (x.unattributedNet !== undefined) {
    const unattributed = await queryDb(
      dir,
      `SELECT CAST((SELECT coalesce(sum(gross_amount - discount_amount), 0) FROM order_lines WHERE customer_id IS NULL)
         - (SELECT coalesce(sum(credited_amount), 0) FROM returns WHERE customer_id IS NULL) AS VARCHAR) AS n`,
    );
    expect(cents(unattributed[0]!.n)).toBe(x.unattributedNet);
  }
  return new Map(pnl.map((row) => [String(row.customer_id), row.name]));
}
