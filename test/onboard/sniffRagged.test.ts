/**
 * The sniffer on files with a few ragged lines: DuckDB's sniffer alone settles for one column
 * of whole lines there; Worth still finds the delimiter, decimal mark, date layout and header,
 * and the preview counts the ragged lines as rejects by reason.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initFromExport, sniffExport } from '../../src/onboard/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'worth-sniff-ragged-'));
let engine: DuckDBEngine;
beforeAll(async () => {
  engine = await DuckDBEngine.open(':memory:');
});
afterAll(async () => {
  await engine.close();
});

/** 300 order lines in `delim` with a decimal `dec`, dates dd-mm-yyyy; lines 51 (short) and 121 (long) are ragged. */
function ragged(delim: string, dec: string): string {
  const lines = [['Factuurnummer', 'Datum', 'Klantnummer', 'Aantal', 'Prijs'].join(delim)];
  for (let i = 1; i <= 300; i++)
    lines.push(
      [
        `F${i}`,
        `${String((i % 28) + 1).padStart(2, '0')}-03-2025`,
        `K${i % 7}`,
        String((i % 9) + 1),
        `${i % 50}${dec}25`,
      ].join(delim),
    );
  lines[50] = `F50${delim}01-03-2025`;
  lines[120] = [`F120`, '01-03-2025', 'K1', '2', `3${dec}25`, 'extra'].join(delim);
  return `${lines.join('\n')}\n`;
}

describe('sniffing a file with ragged lines', () => {
  for (const [delim, dec] of [
    [';', ','],
    [',', '.'],
  ] as const) {
    it(`finds ${JSON.stringify(delim)} with decimal ${JSON.stringify(dec)}, the header and the date layout`, async () => {
      const file = path.join(root, `ragged_${delim === ';' ? 'semi' : 'comma'}.csv`);
      writeFileSync(file, ragged(delim, dec));
      const p = await sniffExport(engine, file, root);
      expect([p.delimiter, p.decimal, p.header]).toEqual([delim, dec, true]);
      expect(p.columns.map((c) => c.name)).toEqual([
        'Factuurnummer',
        'Datum',
        'Klantnummer',
        'Aantal',
        'Prijs',
      ]);
      expect(p.columns.find((c) => c.name === 'Datum')?.dateLayout).toBe('dd-mm-yyyy');
      expect(p.columns.find((c) => c.name === 'Prijs')?.kind).toBe('number');
    });
  }

  it('init --from previews the ragged lines as rejects by reason, with their lines', async () => {
    const file = path.join(root, 'ragged_init.csv');
    writeFileSync(file, ragged(';', ','));
    const dir = path.join(root, 'ws');
    const r = await initFromExport(dir, file);
    const reasons = r.preview.report?.rejectSummary.reasons ?? [];
    // One reason, two lines (in the Dutch export's language; each line's own count is in rejects.csv); the example is the first.
    expect(reasons.map((x) => [x.reason, x.rows, x.example.line, x.example.value])).toEqual([
      [
        'verkeerd aantal velden (5 verwacht: een per kolom van de kopregel; zet een waarde met het scheidingsteken tussen aanhalingstekens)',
        2,
        51,
        'F50;01-03-2025',
      ],
    ]);
  });
});

describe('a ragged line late in a long file', () => {
  it("after 2,499 good lines (where DuckDB's sniffer gives up with an error): still sniffed", async () => {
    // The stranger's 1,000,000-line export failed init --from this way: "could not be read as CSV (Error when sniffing file ...)".
    const lines = ['Factuurnummer;Regel;Factuurdatum;Klantnummer;Aantal;Prijs;Bedrag'];
    for (let i = 1; i <= 4000; i++)
      lines.push(
        `${700000 + Math.ceil(i / 4)};${((i - 1) % 4) + 1};02-05-2023;K${i % 97};${(i % 9) + 1};${i % 90},25;${i % 700},75`,
      );
    lines[2500] = '700625;1;02-05-2023;K44'; // file line 2501: three fields short
    const file = path.join(root, 'late_ragged.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const p = await sniffExport(engine, file, root);
    expect([p.delimiter, p.decimal, p.header]).toEqual([';', ',', true]);
    expect(p.columns.map((c) => c.name)).toEqual([
      'Factuurnummer',
      'Regel',
      'Factuurdatum',
      'Klantnummer',
      'Aantal',
      'Prijs',
      'Bedrag',
    ]);
  });
});
