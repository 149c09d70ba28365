/**
 * `worth ingest` with standard error on a terminal and standard output piped to a file (the way
 * `worth ingest DIR > load.txt` runs): the progress bar draws no newline, so a message written
 * while it is drawn ("reading data/order_lines.csv") used to land on the bar's own line. A real
 * pseudo-terminal comes from util-linux's `script`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CUSTOMERS, yamlFor } from '../ingest/helpers.ts';

const hasScript = spawnSync('script', ['--version']).status === 0;

/** The text a terminal shows: escape sequences dropped, cut at carriage returns and newlines. */
function terminalSegments(raw: string): string[] {
  // eslint-disable-next-line no-control-regex
  const plain = raw.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]/g, '');
  return plain.split(/[\r\n]+/).filter((s) => s.trim() !== '');
}

describe.skipIf(!hasScript)('ingest on a terminal with its output piped', () => {
  it('says "reading ..." on a line of its own, never on the progress bar', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-bar-'));
    mkdirSync(path.join(dir, 'data'));
    writeFileSync(path.join(dir, 'worth.yaml'), yamlFor(['customers', 'order_lines']));
    writeFileSync(path.join(dir, 'data', 'customers.csv'), CUSTOMERS);
    writeFileSync(
      path.join(dir, 'data', 'order_lines.csv'),
      'order_id,line_no,customer_id,order_date,quantity,gross_amount,cogs_amount\nO1,1,C1,2024-02-01,2,20.00,8.00\nO2,1,C2,2024-03-01,1,10.00,4.00\n',
    );
    const transcript = path.join(dir, 'tty.txt');
    const stdout = path.join(dir, 'stdout.txt');
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.resolve('bin/worth.js'))} ingest ${JSON.stringify(dir)} > ${JSON.stringify(stdout)}`;
    const run = spawnSync('script', ['-qec', cmd, transcript], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC', COLUMNS: '120' },
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const segments = terminalSegments(readFileSync(transcript, 'utf8'));
    const reading = segments.filter((s) => s.includes('reading data/'));
    expect(reading.length, segments.join('\n')).toBeGreaterThan(0);
    for (const s of reading) expect(s.trim()).toMatch(/^reading data\/\S+$/);
    // The bar was there (so the check above had something to be wrong about).
    expect(segments.some((s) => s.includes('steps'))).toBe(true);
    expect(readFileSync(stdout, 'utf8')).toContain('order_lines');
  }, 120_000);
});
