/**
 * Real-world export shapes from `worth init DIR --from FILE` to `worth analyze` (and `worth
 * report` for one), each command a real child process, with no hand edit of worth.yaml: the
 * gross, returns and net per customer equal the file's own totals (added up from the
 * generated rows in BigInt cents, test/fixtures/exportShapes.ts), and the rejects are exactly
 * the lines broken on purpose.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryDb, readRejects } from '../ingest/helpers.ts';
import { cents, worth } from './worthCli.ts';
import {
  dutchWholesale,
  englishAccounting,
  tabText,
  xlsxWholesale,
  type ShapedExport,
} from '../fixtures/exportShapes.ts';

/** init --from, ingest, analyze (and report when asked) on `x`; checks the totals and rejects; returns the folder and init's output. */
async function endToEnd(x: ShapedExport, report = false) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'worth-shape-'));
  const file = path.join(root, x.name);
  writeFileSync(file, x.bytes);
  const dir = path.join(root, 'ws');
  const init = worth(['init', dir, '--from', file]);
  expect(init.status, `${init.stdout}\n${init.stderr}`).toBe(0);
  const ingest = worth(['ingest', dir, '--json']);
  expect(ingest.status, `${ingest.stdout}\n${ingest.stderr}`).toBe(0);
  const rejects = readRejects(path.join(dir, 'rejects.csv'));
  expect(rejects.map((r) => Number(r.line)).sort((a, b) => a - b)).toEqual(
    [...x.broken.keys()].sort((a, b) => a - b),
  );
  for (const r of rejects) {
    expect(r.file).toBe(`data/${x.name}`);
    const why = x.broken.get(Number(r.line))!;
    // The stable code (the reason itself is in the export's language).
    expect(r.code, JSON.stringify(r)).toBe(why === 'totals' ? 'totals_line' : 'wrong_field_count');
    expect(['(whole line)', '(hele regel)']).toContain(r.column);
    expect(r.value.length).toBeGreaterThan(0);
  }
  const analyze = worth(['analyze', dir, '--json']);
  expect(analyze.status, analyze.stderr).toBe(0);
  expect(analyze.stdout).not.toMatch(/NaN|Infinity|undefined/);
  if (report) {
    const r = worth(['report', dir]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).not.toMatch(/NaN|Infinity|undefined/);
  }
  const pnl = await queryDb(
    dir,
    'SELECT customer_id, CAST(gross_sales AS VARCHAR) AS g, CAST(returns AS VARCHAR) AS r, CAST(net_sales AS VARCHAR) AS n FROM customer_pnl',
  );
  const got = new Map(
    pnl.map((row) => [String(row.customer_id), [cents(row.g), cents(row.r), cents(row.n)]]),
  );
  const want = new Map([...x.perCustomer].map(([c, s]) => [c, [s.gross, s.credits, s.gross - s.credits]]));
  expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
  return { dir, init, yaml: readFileSync(path.join(dir, 'worth.yaml'), 'utf8') };
}

describe('export shapes from init --from to analyze, no hand edit', () => {
  it('Dutch wholesale CSV: ;, 1.234,56, dd-mm-jjjj, BOM, CRLF, credit notes, a short and a long row', async () => {
    const x = dutchWholesale(21);
    const { yaml, init } = await endToEnd(x, true);
    expect(yaml).toContain(
      'format: { delimiter: ";", decimal: ",", date_format: dd-mm-yyyy, encoding: utf-8 }',
    );
    expect(yaml).toContain('gross_amount: Aantal * col("Prijs per stuk")');
    expect(yaml).toContain('when: Aantal < 0');
    // The preview counts the broken lines as rejects, by reason.
    expect(init.stdout).toMatch(/2 afgewezen/);
  }, 600_000);

  it('English accounting export: windows-1252, quoted commas and line break, (12.50) and 12.50- credits, a Total line', async () => {
    const x = englishAccounting(22);
    const { yaml } = await endToEnd(x);
    expect(yaml).toContain(
      'format: { delimiter: ",", decimal: ".", thousands: ",", date_format: dd/mm/yyyy, encoding: windows-1252 }',
    );
    expect(yaml).toContain('when: col("Net Amount") < 0');
  }, 600_000);

  it('XLSX wholesale: title rows above the header, Excel and text dates, numbers as text, a totals row', async () => {
    const x = await xlsxWholesale(24);
    const { yaml } = await endToEnd(x);
    expect(yaml).toContain('format: { date_format: dd-mm-yyyy, skip_lines: 3 }');
    expect(yaml).toContain('gross_amount: Aantal * Prijs');
  }, 600_000);

  it('tab-delimited text with short rows', async () => {
    const x = tabText(23);
    const { yaml } = await endToEnd(x);
    expect(yaml).toContain('delimiter: "\\t"');
  }, 600_000);
});
