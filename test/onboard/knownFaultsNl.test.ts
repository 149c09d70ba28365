/**
 * The faults a Dutch user met with exports nobody had tried (issue 11), one test each:
 * - a till's walk-in placeholder (`Passant`, `Kassa`, `Walk-in`) that dominates the customer
 *   column is a missing id (worth.yaml's `missing_values`, said in the comment and the preview),
 *   never one huge customer; a biggest customer with a number is not such a value;
 * - dates with the month written out (`5 maart 2025`, `5 mrt. 2025`, `maandag 6 januari 2025`,
 *   `March 5, 2025`, `5 March 2025`) are sniffed and read;
 * - the terminal's reject summary says a wrong-field-count group without a placeholder (`…`);
 * - init's reasons are in the export's language: Dutch words for a Dutch export.
 * Values are written here, so every expected count and date is known exactly.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffExport } from '../../src/onboard/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';
import { strptimeFormats } from '../../src/workspace/index.ts';
import { queryDb } from '../ingest/helpers.ts';
import { worth } from './worthCli.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'worth-nl-faults-'));
let engine: DuckDBEngine;
beforeAll(async () => {
  engine = await DuckDBEngine.open(':memory:');
});
afterAll(async () => {
  await engine.close();
});

/** Writes `text` as `name` under a fresh folder and runs `worth init` on it; the folder, output and worth.yaml. */
function init(name: string, text: string) {
  const dir = mkdtempSync(path.join(root, 'ws-'));
  const file = path.join(dir, name);
  writeFileSync(file, text);
  const ws = path.join(dir, 'ws');
  const r = worth(['init', ws, '--from', file]);
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  return { ws, stdout: r.stdout, yaml: readFileSync(path.join(ws, 'worth.yaml'), 'utf8') };
}

/** A till export: receipt i has customer `who(i)`, quantity 1 and price 2,50 (so 2,50 a line). */
function till(header: string, receipts: number, who: (i: number) => string, sep = ';'): string {
  const lines = [header];
  for (let i = 1; i <= receipts; i++)
    lines.push(
      [
        String(1000 + i),
        `${1 + (i % 28)}-0${1 + (i % 9)}-2025`,
        who(i),
        'A1',
        '1',
        sep === ';' ? '2,50' : '2.50',
      ].join(sep),
    );
  return `${lines.join('\n')}\n`;
}

describe('walk-in placeholders in the customer column', () => {
  it('Passant on 3 of 4 receipts: in missing_values, said in Dutch, those sales without a customer', async () => {
    const { ws, stdout, yaml } = init(
      'kassa.csv',
      till('Bonnummer;Datum;Klant;Artikel;Aantal;Prijs', 200, (i) => (i % 4 === 0 ? `K${i % 7}` : 'Passant')),
    );
    expect(yaml).toMatch(/^missing_values: \["", "NA", "N\/A", "NULL", "#N\/A", "-", "Passant"\]/m);
    expect(stdout).toContain(
      'Klant: "Passant" op 150 regels (75,0% ervan) is losse verkoop aan de kassa, geen klant: in missing_values gezet',
    );
    expect(worth(['ingest', ws]).status).toBe(0);
    const rows = await queryDb(
      ws,
      `SELECT count(*) FILTER (WHERE customer_id IS NULL) AS walkin, count(DISTINCT customer_id) AS customers,
         (SELECT count(*) FROM customers WHERE lower(customer_id) = 'passant') AS passant FROM order_lines`,
    );
    expect(rows[0]).toEqual({ walkin: 150, customers: 7, passant: 0 });
  }, 120_000);

  it('Kassa and Walk-in (English export): both kinds of placeholder, the English words', () => {
    const nl = init(
      'kassa2.csv',
      till('Bonnr;Datum;Klant;Artikel;Aantal;Prijs', 100, (i) => (i % 2 ? 'Kassa' : `Klant ${i % 5}`)),
    );
    expect(nl.yaml).toContain('"-", "Kassa"]');
    const en = init(
      'till.csv',
      till(
        'Receipt No,Date,Customer,Product,Quantity,Price',
        100,
        (i) => (i % 3 ? 'Walk-in' : `C${i % 5}`),
        ',',
      ),
    );
    expect(en.yaml).toContain('"-", "Walk-in"]');
    expect(en.stdout).toContain(
      `Customer: "Walk-in" on 67 lines (67.0% of them) is a till's walk-in sale, not a customer`,
    );
  }, 120_000);

  it('a biggest customer with a number is a customer, not a placeholder', () => {
    const { yaml, stdout } = init(
      'groot.csv',
      till('Factuurnummer;Datum;Klantnummer;Artikel;Aantal;Prijs', 100, (i) =>
        i % 3 ? '1001' : String(1002 + (i % 4)),
      ),
    );
    expect(yaml).toMatch(/^missing_values: \["", "NA", "N\/A", "NULL", "#N\/A", "-"\]/m);
    expect(stdout).not.toContain('missing_values');
  }, 120_000);
});

describe('dates with the month written out', () => {
  async function sniffed(name: string, values: string[]) {
    const file = path.join(root, name);
    writeFileSync(file, `Order;Datum;Aantal\n${values.map((d, i) => `${i + 1};${d};1`).join('\n')}\n`);
    const p = await sniffExport(engine, file, root);
    return p.columns.find((c) => c.name === 'Datum')!;
  }

  async function read(layout: string, values: string[]): Promise<(string | null)[]> {
    const formats = strptimeFormats(layout);
    const sql = values
      .map(
        (v) =>
          `SELECT CAST(${engine.dialect.tryDate(`'${v.replaceAll("'", "''")}'`, formats)} AS VARCHAR) AS d`,
      )
      .join(' UNION ALL ');
    const rows = await engine.query(`SELECT d FROM (${sql})`);
    return rows.map((r) => (r.d === null ? null : String(r.d)));
  }

  it.each([
    ['5 maart 2025', ['5 maart 2025', '17 oktober 2025', '1 mei 2025', '28 februari 2025'], 'dd mmm yyyy'],
    ['5 mrt. 2025', ['5 mrt. 2025', '17 okt. 2025', '1 mei 2025', '28 feb. 2025'], 'dd mmm yyyy'],
    [
      'maandag 6 januari 2025',
      [
        'maandag 6 januari 2025',
        'vrijdag 17 oktober 2025',
        'donderdag 1 mei 2025',
        'vrijdag 28 februari 2025',
      ],
      'dd mmm yyyy',
    ],
    ['5 March 2025', ['5 March 2025', '17 October 2025', '1 May 2025', '28 February 2025'], 'dd mmm yyyy'],
    [
      'March 5, 2025',
      ['March 5, 2025', 'October 17, 2025', 'May 1, 2025', 'February 28, 2025'],
      'mmm dd, yyyy',
    ],
  ])('%s: sniffed as %s and read', async (_label, values, layout) => {
    const col = await sniffed(`${layout.replace(/\W/g, '')}${values[0]!.length}.csv`, values);
    expect(col.kind).toBe('date');
    expect(col.dateLayout).toBe(layout);
    expect(await read(layout, values)).toEqual(
      ['2025-03-05', '2025-10-17', '2025-05-01', '2025-02-28'].map((d, i) =>
        i === 0 && values[0]!.includes('januari') ? '2025-01-06' : d,
      ),
    );
  });

  it('a date that does not exist stays unread: 31 februari 2025, February 30, 2025', async () => {
    expect(await read('dd mmm yyyy', ['31 februari 2025', '30 feb. 2025'])).toEqual([null, null]);
    expect(await read('mmm dd, yyyy', ['February 30, 2025'])).toEqual([null]);
  });
});

describe('the Dutch terminal', () => {
  it('the reject summary says a wrong-field-count group with the expected count, no "…"; reasons in Dutch', () => {
    const text = `${till('Bonnummer;Datum;Klant;Artikel;Aantal;Prijs', 300, (i) => `K${i % 9}`).trimEnd()}\n2000;01-02-2025;K1\n`;
    const { ws, stdout, yaml } = init('kort.csv', text);
    expect(stdout).toContain('decimale komma: getallen als 1,25 komen vaker voor dan 1.25');
    expect(stdout).toContain('Datum: datums als dd-mm-yyyy (300 van 300 waarden zo gelezen)');
    expect(yaml).toContain('# Worth-werkruimte geschreven door `worth init --from data/kort.csv`.');
    expect(yaml).toContain('# line_no: niet in de export');
    const ingest = worth(['ingest', ws]);
    expect(ingest.status, ingest.stderr).toBe(0);
    expect(ingest.stdout).toContain('verkeerd aantal velden (6 verwacht: een per kolom van de kopregel;');
    expect(ingest.stdout).not.toContain('…');
    // rejects.csv keeps the line's own count.
    expect(readFileSync(path.join(ws, 'rejects.csv'), 'utf8')).toContain(
      'verkeerd aantal velden: 3 gevonden, 6 verwacht',
    );
  }, 120_000);
});
