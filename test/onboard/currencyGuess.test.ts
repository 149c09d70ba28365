/**
 * The currency of a workspace made by `worth init --from`: stated when the export names it (a
 * currency column, a sign in the amounts), else a guess from the export's habits (US dates with a
 * decimal point: USD; day-first dates with English names: GBP; Dutch names or a decimal comma:
 * EUR; nothing: EUR), said as a guess in worth.yaml's comment and in one line of the preview, with
 * what to write instead. The report and the dashboard show the currency the workspace has, also
 * once the user writes another one.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatInit, initFromExport } from '../../src/onboard/index.ts';
import { createApp } from '../../src/server/index.ts';
import {
  netsuiteSavedSearch,
  sageCustomerActivity,
  usWholesaleRegister,
} from '../fixtures/englishShapes4.ts';
import { fourCommands } from './englishRun.ts';
import { worth } from './worthCli.ts';

/** `worth init --from` on `text` written as `name`: worth.yaml and the preview in the workspace's language. */
async function initText(name: string, text: string | Buffer): Promise<{ yaml: string; preview: string }> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'worth-currency-'));
  const file = path.join(root, name);
  writeFileSync(file, text);
  const made = await initFromExport(path.join(root, 'ws'), file);
  return {
    yaml: readFileSync(made.configFile, 'utf8'),
    preview: formatInit(made, 'ws', made.currency, made.recognised.language),
  };
}

/** The dashboard's `/api/meta` currency of the workspace `dir`. */
async function dashboardCurrency(dir: string): Promise<string> {
  const app = await createApp(dir, { scenarioThreads: 0 });
  try {
    const body = (await (await app.app.request('/api/meta')).json()) as { currency: string };
    return body.currency;
  } finally {
    await app.close();
  }
}

describe("currency guessed from the export's habits, and said to be a guess", () => {
  it('US dates (a day above 12 proves month first) and no sign: USD, a guess; report and dashboard in $, then in CAD once written', async () => {
    const x = netsuiteSavedSearch(7);
    const { dir, yaml, init } = await fourCommands(x);
    expect(yaml).toMatch(
      /^currency: USD +# a guess: no currency column or sign; Date is written mm\/dd\/yyyy \(month first\) and amounts [\d,.]+: US habits\. If the amounts are not in USD, write their code here, e\.g\. currency: GBP$/m,
    );
    // One line in the preview, with what to write.
    const lines = init.split('\n').filter((l) => l.includes('is a guess'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Currency: USD is a guess \(.*US habits\)\. .*write their code in worth\.yaml, e\.g\. currency: GBP$/,
    );
    const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(/\$\d/);
    expect(html).not.toContain('€');
    expect(await dashboardCurrency(dir)).toBe('USD');
    // The user states another currency: the report and the dashboard follow worth.yaml.
    const config = path.join(dir, 'worth.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^currency: USD .*$/m, 'currency: CAD'));
    const again = worth(['report', dir]);
    expect(again.status, again.stderr).toBe(0);
    const cad = readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(cad).toMatch(/CA\$\s?\d/);
    expect(await dashboardCurrency(dir)).toBe('CAD');
  }, 600_000);

  it('UK dates (day first, proven) with English names and a decimal point: GBP, a guess; the report in £', async () => {
    const { dir, yaml, init } = await fourCommands(sageCustomerActivity(7));
    expect(yaml).toMatch(
      /^currency: GBP +# a guess: .*dd\/mm\/yyyy \(day first\).*UK habits\. .*currency: EUR$/m,
    );
    expect(init).toMatch(/^Currency: GBP is a guess \(/m);
    expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).toMatch(/£\d/);
  }, 600_000);

  it('ISO dates, a decimal point and no currency anywhere: EUR for want of anything, said so with what to write', async () => {
    const rows = ['Invoice,Customer,Date,Qty,Unit Price'];
    for (let i = 1; i <= 30; i++)
      rows.push(`INV${i},C${i % 4},2025-0${1 + (i % 9)}-1${i % 10},${(i % 3) + 1},${i}.25`);
    const { yaml, preview } = await initText('sales.csv', rows.join('\n') + '\n');
    expect(yaml).toMatch(
      /^currency: EUR +# a guess: nothing in the export says its currency .*currency: USD$/m,
    );
    expect(preview).toMatch(/^Currency: EUR is a guess \(nothing in the export says its currency/m);
  }, 120_000);

  it('US dates that no day above 12 tells apart are no evidence: EUR, a guess', async () => {
    const rows = ['Invoice,Customer,Date,Qty,Unit Price'];
    for (let i = 1; i <= 30; i++)
      rows.push(`INV${i},C${i % 4},0${1 + (i % 9)}/0${1 + (i % 8)}/2025,1,${i}.50`);
    const { yaml } = await initText('sales.csv', rows.join('\n') + '\n');
    expect(yaml).toMatch(/^currency: EUR +# a guess: nothing in the export says its currency/m);
  }, 120_000);

  it('Dutch column names with a decimal comma: EUR, a guess said in Dutch', async () => {
    const rows = ['Factuurnummer;Klantnummer;Factuurdatum;Aantal;Prijs'];
    for (let i = 1; i <= 30; i++) rows.push(`F${i};K${i % 4};1${i % 10}-0${1 + (i % 9)}-2025;2;${i},50`);
    const { yaml, preview } = await initText('verkopen.csv', rows.join('\n') + '\n');
    expect(yaml).toMatch(
      /^currency: EUR +# een gok: geen kolom of teken voor de munt; de kolomnamen zijn Nederlands, dus euro\. .*currency: USD$/m,
    );
    expect(preview).toMatch(/^Munteenheid: EUR is een gok \(/m);
  }, 120_000);
});

describe('currency stated by the export: no guess', () => {
  it('a $ in the amounts: USD, its reason, no guess line', async () => {
    const x = usWholesaleRegister(7);
    const { yaml, preview } = await initText(x.name, x.bytes);
    expect(yaml).toMatch(/^currency: USD +# amounts are written with \$ \(\d+ lines\)$/m);
    expect(preview).not.toContain('is a guess');
  }, 120_000);

  it('a currency column: its code, no guess line, whatever the dates say', async () => {
    const rows = ['Invoice,Customer,Date,Qty,Unit Price,Currency'];
    for (let i = 1; i <= 30; i++)
      rows.push(`INV${i},C${i % 4},0${1 + (i % 9)}/${12 + (i % 15)}/2025,1,${i}.50,CAD`);
    const { yaml, preview } = await initText('sales.csv', rows.join('\n') + '\n');
    expect(yaml).toMatch(/^currency: CAD +# the Currency column says CAD$/m);
    expect(preview).not.toContain('is a guess');
  }, 120_000);
});
