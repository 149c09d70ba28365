/**
 * One export per month given to `worth init --from` as a folder or as a pattern: the files are
 * copied into data/, profiled as one (the period covers every month) and named in worth.yaml by
 * the pattern ingest reads; then ingest, analyze and report with no hand edit, and the totals
 * per customer are the files' own (test/fixtures/englishShapes2.ts, in cents).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { etsySoldItems, type BrokenCode, type EnglishExport } from '../fixtures/englishShapes2.ts';
import { fourCommands } from './englishRun.ts';
import { worth } from './worthCli.ts';

/**
 * The export cut into three files by the month of its sale date (January-April, May-August,
 * September-December), as monthly downloads are, each with the header; the broken lines'
 * numbers within their file.
 */
function inThree(x: EnglishExport, dir: string): { broken: Map<number, BrokenCode>; brokenFile: string } {
  const [header, ...rows] = x.bytes.toString('utf8').trimEnd().split('\n');
  const parts: string[][] = [[], [], []];
  const broken = new Map<number, BrokenCode>();
  let brokenFile = '';
  rows.forEach((row, i) => {
    const part = Math.floor((Number(row.slice(0, 2)) - 1) / 4);
    parts[part]!.push(row);
    const code = x.broken.get(i + 2);
    if (code) {
      // The header is line 1 of every file.
      broken.set(parts[part]!.length + 1, code);
      brokenFile = `data/etsy-2025-part${part + 1}.csv`;
    }
  });
  mkdirSync(dir, { recursive: true });
  parts.forEach((p, i) =>
    writeFileSync(path.join(dir, `etsy-2025-part${i + 1}.csv`), `${[header, ...p].join('\n')}\n`),
  );
  return { broken, brokenFile };
}

describe('monthly exports: init --from a folder or a pattern', () => {
  it('a folder of three files with the same header: one source, data/*.csv, the totals of all three', async () => {
    const x = etsySoldItems(61);
    const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-months-')), 'exports');
    const { broken, brokenFile } = inThree(x, folder);
    const { yaml, init } = await fourCommands({ ...x, broken }, folder, brokenFile);
    expect(yaml).toContain('file: "data/*.csv"');
    // The preview names each file as the workspace knows it.
    expect(init).toContain(`${brokenFile} line `);
    expect(init).not.toContain(`..${path.sep}`);
    // The period spans every file, not the first one's months only.
    expect(yaml).toMatch(/start: 2025-01-\d\d\n {2}end: 2025-12-\d\d/);
  }, 600_000);

  it('a pattern: the same; files with another header are refused naming both', async () => {
    const x = etsySoldItems(62);
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-months-'));
    const folder = path.join(root, 'exports');
    const { broken, brokenFile } = inThree(x, folder);
    await fourCommands({ ...x, broken }, path.join(folder, 'etsy-2025-*.csv'), brokenFile);
    writeFileSync(path.join(folder, 'etsy-2025-part4.csv'), 'Sale Date,Buyer,Amount\n01/02/25,a,1.00\n');
    const r = worth(['init', path.join(root, 'ws2'), '--from', path.join(folder, 'etsy-2025-*.csv')]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('etsy-2025-part4.csv');
    expect(r.stderr).toContain('has another header than etsy-2025-part1.csv');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 600_000);
});
