/**
 * `worth export` as a spreadsheet in the workspace language opens it (child processes on a
 * Dutch and an English copy of the hand-built company), and `--raw` for scripts. Files are
 * read back as bytes; every expected value below is written out by hand from the fixture.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FILES, ingested, runAnalyze, yaml } from '../profit/fixture.ts';
import { worth } from '../onboard/worthCli.ts';

// C3's name starts like a formula: a spreadsheet must show it as text, never run it.
const HOSTILE = "=cmd|' /C calc'!A0";
const CUSTOMERS = `customer_id,name,segment,channel,region\nC1,Alpha,Retail,web shop,Noord\nC2,Beta,Retail,phone,Zuid\nC3,${HOSTILE},Key accounts,EDI,Zuid\n`;

async function workspace(language: 'nl' | 'en'): Promise<string> {
  const dir = await ingested({
    'worth.yaml': yaml(undefined, `language: ${language}\n`),
    'data/customers.csv': CUSTOMERS,
  });
  await runAnalyze(dir);
  return dir;
}

function exported(dir: string, file: string, ...args: string[]): Buffer {
  const out = path.join(dir, file);
  const r = worth(['export', dir, '--out', out, ...args]);
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(out);
}

const BOM = [0xef, 0xbb, 0xbf];

// C3 by hand (fixture.ts): gross 1000 + 500 + 500 = 2000.00; discounts 100 + 50 + 50 = 200.00;
// no returns; rebate 100.00; net sales 2000 - 200 - 100 = 1700.00; cost of goods
// 500 + 250 + 250 = 1000.00; gross margin 1700 - 1000 = 700.00.
describe('worth export in a Dutch workspace', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await workspace('nl');
  });

  it('writes customer_pnl as Excel NL opens it: BOM, ";", decimal comma without thousands separator, Dutch headers, formulas neutralised', () => {
    const bytes = exported(dir, 'pnl.csv', '--table', 'customer_pnl');
    expect([...bytes.subarray(0, 3)]).toEqual(BOM);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    const head = lines[0]!.split(';');
    expect(head.slice(0, 10)).toEqual([
      'Klantnummer',
      'Naam',
      'Segment',
      'Bruto-omzet',
      'Kortingen',
      'Retouren',
      'Bonussen',
      'Netto-omzet',
      'Inkoopwaarde',
      'Brutomarge',
    ]);
    expect(head).toContain('Kosten: Bezorging');
    expect(head.slice(-3)).toEqual(['Kosten van bediening', 'Winstbijdrage', 'Inkoopwaarde geschat']);
    const c3 = lines.find((l) => l.startsWith('C3;'))!.split(';');
    expect(c3.slice(0, 10)).toEqual([
      'C3',
      "'" + HOSTILE,
      'Key accounts',
      '2000,00',
      '200,00',
      '0,00',
      '100,00',
      '1700,00',
      '1000,00',
      '700,00',
    ]);
    expect(c3.at(-1)).toBe('nee');
    expect(lines.at(-1)).toBe(''); // the last line ends in CRLF too
  });

  it('translates the matrix quadrants and the activity kinds and behaviours', () => {
    const raw = exported(dir, 'matrix-raw.csv', '--table', 'profitability_matrix', '--raw').toString('utf8');
    const nl = exported(dir, 'matrix.csv', '--table', 'profitability_matrix').subarray(3).toString('utf8');
    const dutch: Record<string, string> = {
      'carriage trade': 'veeleisend en goed betalend',
      passive: 'passief',
      'bargain basement': 'koopjesjagers',
      aggressive: 'agressief',
      'no net sales': 'geen netto-omzet',
    };
    const rawQuadrants = raw
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',').at(-1)!);
    const nlQuadrants = nl
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(';').at(-1)!);
    expect(rawQuadrants).toHaveLength(3);
    expect(nlQuadrants).toEqual(rawQuadrants.map((q) => dutch[q]));
    expect(nl.split('\r\n')[0]).toBe(
      'Klantnummer;Nettoprijsrealisatie;Kosten van bediening als aandeel van netto-omzet;Kwadrant',
    );

    const activities = exported(dir, 'activities.csv', '--table', 'activity_summary')
      .subarray(3)
      .toString('utf8');
    const [head, ...rows] = activities.split('\r\n');
    expect(head!.split(';').slice(0, 5)).toEqual([
      'Volgorde',
      'Activiteit-id',
      'Naam',
      'Soort',
      'Kostengedrag',
    ]);
    const picking = rows.find((r) => r.split(';')[1] === 'picking')!.split(';');
    // picking: kind time, behaviour capacity, a standard activity with a Dutch name; rate 100 / 30 a minute
    expect(picking.slice(2, 5)).toEqual(['Orderpicken', 'tijdgedreven', 'capaciteit']);
    expect(picking[head!.split(';').indexOf('Tarief per minuut')]).toBe('3,333333');
    const credit = rows.find((r) => r.split(';')[1] === 'credit')!.split(';');
    expect(credit.slice(3, 5)).toEqual(['kosten van krediet', 'variabel']);
  });

  it('--raw keeps the machine form: stored names, "," and ".", no BOM (the line the scripts have read so far)', () => {
    const bytes = exported(dir, 'pnl-raw.csv', '--table', 'customer_pnl', '--raw');
    expect(bytes[0]).toBe('c'.charCodeAt(0));
    const lines = bytes.toString('utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'customer_id,name,segment,gross_sales,discounts,returns,rebates,net_sales,cogs,gross_margin,cost_order_handling,cost_picking,cost_delivery,cost_phone,cost_account_management,cost_credit,cost_to_serve,contribution,cogs_estimated',
    );
    expect(lines[2]).toBe(
      'C2,Beta,Retail,40.00,0.00,0.00,0.00,40.00,30.00,10.00,9.00,1.67,41.00,50.00,0.00,0.26,101.93,-91.93,false',
    );
    expect(
      lines[3]!.startsWith(`C3,'=cmd|' /C calc'!A0,Key accounts,2000.00,200.00,0.00,100.00,1700.00,`),
    ).toBe(true);
  });

  it('writes the XLSX workbook with the same Dutch headers and words, numbers as numbers, the formula-like name as text', async () => {
    const out = path.join(dir, 'all.xlsx');
    const r = worth(['export', dir, '--format', 'xlsx', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const pnl = wb.getWorksheet('customer_pnl')!;
    const head = (pnl.getRow(1).values as unknown[]).slice(1);
    expect(head.slice(0, 3)).toEqual(['Klantnummer', 'Naam', 'Segment']);
    const c3 = pnl.getRow(4);
    expect(c3.getCell(1).value).toBe('C3');
    expect(c3.getCell(2).value).toBe(HOSTILE); // a string cell: Excel shows it, never evaluates it
    expect(c3.getCell(2).formula).toBeUndefined();
    expect(c3.getCell(head.indexOf('Netto-omzet') + 1).value).toBe(1700);
    const matrix = wb.getWorksheet('profitability_matrix')!;
    const quadrants = [2, 3, 4].map((i) => String(matrix.getRow(i).getCell(4).value));
    const words = [
      'veeleisend en goed betalend',
      'passief',
      'koopjesjagers',
      'agressief',
      'geen netto-omzet',
    ];
    for (const q of quadrants) expect(words).toContain(q);
  });
});

describe('worth export in an English workspace', () => {
  it('writes BOM, ",", decimal points and English headers', async () => {
    const dir = await workspace('en');
    const bytes = exported(dir, 'pnl.csv', '--table', 'customer_pnl');
    expect([...bytes.subarray(0, 3)]).toEqual(BOM);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]!.split(',').slice(0, 4)).toEqual(['Customer id', 'Name', 'Segment', 'Gross sales']);
    expect(lines[0]).toContain(',Cost: Delivery,');
    const c3 = lines.find((l) => l.startsWith('C3,'))!;
    // the name holds no "," so it is not quoted; the leading ' keeps it text
    expect(
      c3.startsWith(`C3,'${HOSTILE},Key accounts,2000.00,200.00,0.00,100.00,1700.00,1000.00,700.00,`),
    ).toBe(true);
    expect(c3.endsWith(',no')).toBe(true);
    expect(FILES['data/customers.csv']).not.toContain(HOSTILE); // the fixture itself stays clean
  });
});
