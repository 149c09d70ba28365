/**
 * `$` is the sign of several dollars: `worth init --from` guesses AUD where the export carries an
 * Australian's marks (a GST column beside dates proven day first, or an ABN column), says it is a
 * guess with NZD as the other likely code, and keeps USD, stated by the sign, where they are
 * missing (no GST, or GST beside month-first dates as a Canadian or US export writes them).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initFromExport } from '../../src/onboard/index.ts';
import { myobItemSales } from '../fixtures/englishShapes10.ts';

/** worth.yaml's currency line made by `worth init --from` on `text`. */
async function currencyLine(text: string | Buffer): Promise<string> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'worth-aud-'));
  const file = path.join(root, 'sales.csv');
  writeFileSync(file, text);
  const made = await initFromExport(path.join(root, 'ws'), file);
  return readFileSync(made.configFile, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('currency:'))!;
}

/** A small dollar export: invoice, customer, a date of day `day` in each month, `$` totals, and `extra` columns. */
function dollars(extra: Record<string, (i: number) => string>, date: (i: number) => string): string {
  const names = ['Invoice', 'Customer', 'Date', 'Item', 'Quantity', 'Total', ...Object.keys(extra)];
  const lines = [names.join(',')];
  for (let i = 0; i < 40; i++) {
    const cents = 1000 + ((i * 7919) % 50_000);
    lines.push(
      [
        `INV${1000 + i}`,
        `C${i % 6}`,
        date(i),
        `P${i % 4}`,
        String(1 + (i % 3)),
        `"$${Math.floor(cents / 100).toLocaleString('en-US')}.${String(cents % 100).padStart(2, '0')}"`,
        ...Object.values(extra).map((f) => f(i)),
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

const dayFirst = (i: number) =>
  `${String(13 + (i % 15)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/2025`;
const monthFirst = (i: number) =>
  `${String(1 + (i % 12)).padStart(2, '0')}/${String(13 + (i % 15)).padStart(2, '0')}/2025`;
const gst = { 'GST Amount': (i: number) => `$${(i % 9) + 1}.00` };

describe("dollars with an Australian export's marks are AUD, a guess", () => {
  it("MYOB's item sales ($, a GST column, dd/mm/yyyy with days above 12): AUD, a guess offering NZD", async () => {
    expect(await currencyLine(myobItemSales(10).bytes)).toMatch(
      /^currency: AUD +# a guess: amounts are written with \$ \(\d+ lines\), the export has a GST column \(GST Amount\) and dates day first \(dd\/mm\/yyyy\): Australian dollars\. .*currency: NZD$/,
    );
  }, 300_000);

  it('a GST column beside day-first dates: AUD; an ABN column alone: AUD', async () => {
    expect(await currencyLine(dollars(gst, dayFirst))).toMatch(
      /^currency: AUD +# a guess: .*GST column \(GST Amount\)/,
    );
    expect(
      await currencyLine(dollars({ 'Customer ABN': (i) => `51 824 753 55${i % 10}` }, monthFirst)),
    ).toMatch(/^currency: AUD +# a guess: .*ABN column \(Customer ABN\)/);
  }, 300_000);

  it('no GST, or GST beside month-first dates: USD as the sign states it', async () => {
    expect(await currencyLine(dollars({}, dayFirst))).toMatch(
      /^currency: USD +# amounts are written with \$/,
    );
    expect(await currencyLine(dollars(gst, monthFirst))).toMatch(
      /^currency: USD +# amounts are written with \$/,
    );
  }, 300_000);
});
