/**
 * init's "check:" line (lines whose net is not quantity x price) counts only lines ingest loads:
 * a net with its thousands out of place (`£1,23.00`, the UK day book's line broken on purpose) is
 * a reject, not a line with a discount, as it was before (the check read it as 123.00).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initFromExport } from '../../src/onboard/index.ts';
import { ukDayBook } from '../fixtures/englishShapes10.ts';

async function initOf(text: string | Buffer) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'worth-net-check-'));
  const file = path.join(root, 'sales.csv');
  writeFileSync(file, text);
  return initFromExport(path.join(root, 'ws'), file);
}

describe('the net check counts the lines ingest loads', () => {
  it('the UK day book: its only odd net is the broken £1,23.00, a reject, so no check line', async () => {
    const x = ukDayBook(10);
    expect([...x.broken.values()]).toContain('not_a_number');
    expect(x.bytes.toString('utf8')).toContain('£1,23.00');
    const made = await initOf(x.bytes);
    expect(made.checks.netMismatch).toBeUndefined();
  }, 300_000);

  it('a real mismatch is still counted beside a broken grouping, with its own line', async () => {
    const lines = ['Invoice,Customer,Date,Qty,Unit Price,Net'];
    for (let i = 0; i < 30; i++)
      lines.push(
        `INV${i},C${i % 4},${String(1 + (i % 28)).padStart(2, '0')}/03/2025,2,"£1,250.00","£2,500.00"`,
      );
    lines.push('INV90,C1,14/03/2025,2,"£1,250.00","£2,000.00"'); // line 32: a discount of 500.00
    lines.push('INV91,C2,15/03/2025,1,"£1,250.00","£1,25.00"'); // line 33: rejected by ingest
    const made = await initOf(lines.join('\n') + '\n');
    expect(made.checks.netMismatch).toEqual({ lines: 1, firstLine: 32 });
  }, 300_000);
});
