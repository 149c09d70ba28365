/**
 * A CSV saved by Excel on a Mac as "CSV (Macintosh)" is Mac Roman, not Windows-1252: `é` is 0x8E
 * there (Windows-1252's `Ž`), `’` 0xD5 (`Õ`), `–` 0xD0 (`Ð`), `£` 0xA3 in both. `worth init --from`
 * tells the two apart by the rule in src/onboard/textEncodingGuess.ts, writes `encoding: mac-roman`,
 * says why in worth.yaml's comment and the preview, and ingest reads the names as they were typed.
 * A Windows-1252 file with the same words stays Windows-1252. Before, both were read as
 * Windows-1252 and the Mac file's customers were "CafŽ Rouge" and "OÕBrienÕs".
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { textEncodingGuess } from '../../src/onboard/index.ts';
import { Random } from '../../src/clv/index.ts';
import { queryDb } from '../ingest/helpers.ts';
import { csvLine, money } from '../fixtures/shapeKit.ts';
import { cents, worth } from './worthCli.ts';

const CUSTOMERS = [
  ['ACC-001', 'Café Rouge Ltd'],
  ['ACC-014', 'O’Brien’s Bakery – Leeds'],
  ['ACC-027', 'Hôtel Beausoleil'],
  ['ACC-033', 'Crème & Brûlée Patisserie'],
] as const;

/** A small sales list with accented names and `£` prices; its text and the gross per account in cents. */
function salesList(seed: number): { text: string; gross: Map<string, bigint> } {
  const r = new Random(seed);
  const gross = new Map<string, bigint>();
  const rows = [csvLine(['Invoice', 'Date', 'Account', 'Customer', 'Product', 'Qty', 'Price', 'Net'])];
  for (let i = 0; i < 120; i++) {
    const [acc, name] = CUSTOMERS[Math.floor(r.uniform() * CUSTOMERS.length)]!;
    const qty = 1 + Math.floor(r.uniform() * 9);
    const price = BigInt(100 + Math.floor(r.uniform() * 50_000));
    const net = BigInt(qty) * price;
    gross.set(acc, (gross.get(acc) ?? 0n) + net);
    const day = String(1 + Math.floor(r.uniform() * 28)).padStart(2, '0');
    const month = String(1 + Math.floor(i / 10)).padStart(2, '0');
    rows.push(
      csvLine([
        `INV-${3000 + i}`,
        `${day}/${month}/2025`,
        acc,
        name,
        'Pâté en croûte',
        String(qty),
        `£${money(price)}`,
        `£${money(net)}`,
      ]),
    );
  }
  return { text: rows.join('\r') + '\r', gross };
}

function initAndIngest(bytes: Buffer): { dir: string; init: string; yaml: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'worth-macroman-'));
  const file = path.join(root, 'Sales list.csv');
  writeFileSync(file, bytes);
  const dir = path.join(root, 'ws');
  const init = worth(['init', dir, '--from', file]);
  expect(init.status, init.stdout + init.stderr).toBe(0);
  const ingest = worth(['ingest', dir]);
  expect(ingest.status, ingest.stdout + ingest.stderr).toBe(0);
  return { dir, init: init.stdout, yaml: readFileSync(path.join(dir, 'worth.yaml'), 'utf8') };
}

describe('Mac Roman told apart from Windows-1252', () => {
  it('the rule: Mac Roman where its reading has fewer implausible characters, Windows-1252 on a tie', () => {
    const mac = iconv.encode('Café, O’Brien’s – £12.50, crème brûlée\n', 'macintosh');
    const ansi = iconv.encode('Café, O’Brien’s – £12.50, crème brûlée\n', 'win1252');
    expect(textEncodingGuess(mac).encoding).toBe('mac-roman');
    expect(textEncodingGuess(ansi).encoding).toBe('windows-1252');
    // Only £ (0xA3 in both): nothing tells them apart, the commoner one is kept.
    expect(textEncodingGuess(iconv.encode('Tea,£3.20\n', 'macintosh')).encoding).toBe('windows-1252');
    // What decided is shown as the two readings of a word.
    expect(textEncodingGuess(mac).example).toEqual({ asWindows: 'CafŽ', asMac: 'Café' });
  });

  it('a "CSV (Macintosh)" file: init writes encoding: mac-roman and says why, the names and amounts load as typed', async () => {
    const { text, gross } = salesList(25);
    const { dir, init, yaml } = initAndIngest(iconv.encode(text, 'macintosh'));
    expect(yaml).toMatch(/encoding: mac-roman/);
    // Why, with the first field that reads wrong as windows-1252 (a name, whichever comes first).
    expect(init).toMatch(/encoding mac-roman .* as Mac Roman \(".*[ŽÕÐ‰].*" would be ".*[éôâ’–].*"\)/);
    expect(yaml).toMatch(/# .*encoding mac-roman .*set encoding: windows-1252/);
    const names = await queryDb(dir, 'SELECT customer_id, name FROM customers ORDER BY 1');
    expect(names.map((r) => r.name)).toEqual(CUSTOMERS.map(([, n]) => n));
    const loaded = await queryDb(
      dir,
      'SELECT customer_id, CAST(sum(gross_amount) AS VARCHAR) AS g FROM order_lines GROUP BY 1',
    );
    expect(new Map(loaded.map((r) => [String(r.customer_id), cents(r.g)]))).toEqual(gross);
  }, 300_000);

  it('the same list saved as Windows-1252 stays windows-1252', async () => {
    const { text } = salesList(25);
    const { dir, yaml } = initAndIngest(iconv.encode(text.replace(/\r/g, '\r\n'), 'win1252'));
    expect(yaml).toMatch(/encoding: windows-1252/);
    const names = await queryDb(dir, 'SELECT name FROM customers ORDER BY customer_id');
    expect(names.map((r) => r.name)).toEqual(CUSTOMERS.map(([, n]) => n));
  }, 300_000);
});
