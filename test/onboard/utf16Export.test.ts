/**
 * An export saved as Excel's "Unicode text": UTF-16 (little-endian with a byte order mark, as
 * Excel writes it; also without the mark, and big-endian), tab-separated, decimal comma,
 * dd-mm-yyyy, CRLF, names with accents. `worth init --from` reads it and says so, `worth ingest`
 * loads it with every line, and the gross per customer equals the file's own, worked out here in
 * BigInt cents from the generated rows. A hand-written worth.yaml that says utf-8 still reads a
 * file whose byte order mark says UTF-16. Before, init stopped with an internal error.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/clv/index.ts';
import { queryDb } from '../ingest/helpers.ts';
import { cents, worth } from './worthCli.ts';

const NAMES = ['Bakkerij Öztürk', 'Café Zeeën', 'Slagerij Müller', 'Brasserie Noël', 'Hotel Ærø'];

/** The export's text and the gross per customer in cents. */
function unicodeExport(seed: number, lines: number): { text: string; gross: Map<string, bigint> } {
  const r = new Random(seed);
  const gross = new Map<string, bigint>();
  const rows = ['Factuurnummer\tDatum\tKlantnummer\tKlantnaam\tArtikel\tAantal\tPrijs'];
  for (let i = 0; i < lines; i++) {
    const c = Math.floor(r.uniform() * NAMES.length);
    const qty = 1 + Math.floor(r.uniform() * 9);
    const price = 100 + Math.floor(r.uniform() * 99_900); // cents
    const day = 1 + Math.floor(r.uniform() * 28);
    const month = 1 + Math.floor(r.uniform() * 12);
    const id = `K${100 + c}`;
    gross.set(id, (gross.get(id) ?? 0n) + BigInt(qty * price));
    const euros = `${Math.floor(price / 100)},${String(price % 100).padStart(2, '0')}`;
    rows.push(
      `F${2000 + Math.floor(i / 3)}\t${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}-2025\t${id}\t${NAMES[c]}\tA${i % 7}\t${qty}\t${euros}`,
    );
  }
  return { text: `${rows.join('\r\n')}\r\n`, gross };
}

const SHAPES: [string, (text: string) => Buffer][] = [
  [
    'little-endian with a byte order mark (as Excel saves it)',
    (t) => iconv.encode(t, 'utf16le', { addBOM: true }),
  ],
  ['little-endian without a byte order mark', (t) => iconv.encode(t, 'utf16le')],
  ['big-endian with a byte order mark', (t) => iconv.encode(t, 'utf16be', { addBOM: true })],
];

async function grossPerCustomer(dir: string): Promise<Map<string, bigint>> {
  const rows = await queryDb(
    dir,
    'SELECT customer_id, CAST(sum(gross_amount) AS VARCHAR) AS g FROM order_lines GROUP BY customer_id',
  );
  return new Map(rows.map((r) => [String(r.customer_id), cents(r.g)]));
}

describe("an export saved as Excel's Unicode text (UTF-16)", () => {
  it.each(SHAPES)(
    '%s: init reads it and says so, ingest loads every line to the cent',
    async (_name, encode) => {
      const { text, gross } = unicodeExport(11, 400);
      const tmp = mkdtempSync(path.join(os.tmpdir(), 'worth-utf16-'));
      const file = path.join(tmp, 'verkopen.txt');
      writeFileSync(file, encode(text));
      const dir = path.join(tmp, 'ws');
      const init = worth(['init', dir, '--from', file]);
      expect(init.status, `${init.stdout}\n${init.stderr}`).toBe(0);
      expect(init.stdout).toContain('UTF-16');
      const yaml = readFileSync(path.join(dir, 'worth.yaml'), 'utf8');
      expect(yaml).toContain('encoding: utf-16');
      const ingest = worth(['ingest', dir, '--json']);
      expect(ingest.status, `${ingest.stdout}\n${ingest.stderr}`).toBe(0);
      const [loaded] = await queryDb(dir, 'SELECT count(*) AS n FROM order_lines');
      expect(Number(loaded!.n)).toBe(400);
      expect(await grossPerCustomer(dir)).toEqual(gross);
      // The names with their accents, read as the file wrote them.
      const names = await queryDb(dir, 'SELECT name FROM customers ORDER BY customer_id');
      expect(names.map((n) => n.name)).toEqual(NAMES.filter((_, i) => gross.has(`K${100 + i}`)));
    },
  );

  it('a worth.yaml that says utf-8 still reads a file whose byte order mark says UTF-16', async () => {
    const { text, gross } = unicodeExport(12, 50);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-utf16-yaml-'));
    mkdirSync(path.join(dir, 'data'));
    writeFileSync(path.join(dir, 'data', 'verkopen.txt'), iconv.encode(text, 'utf16le', { addBOM: true }));
    writeFileSync(
      path.join(dir, 'worth.yaml'),
      `currency: EUR
language: nl
period: { start: 2025-01-01, end: 2025-12-31 }
sources:
  customers:
    from: order_lines
    columns: { name: Klantnaam }
  order_lines:
    file: data/verkopen.txt
    format: { delimiter: "\\t", decimal: ",", date_format: dd-mm-yyyy, encoding: utf-8 }
    columns:
      order_id: Factuurnummer
      customer_id: Klantnummer
      order_date: Datum
      product_id: Artikel
      quantity: Aantal
      gross_amount: Aantal * Prijs
      cogs_amount: "0"
`,
    );
    const ingest = worth(['ingest', dir]);
    expect(ingest.status, `${ingest.stdout}\n${ingest.stderr}`).toBe(0);
    expect(await grossPerCustomer(dir)).toEqual(gross);
  });
});
