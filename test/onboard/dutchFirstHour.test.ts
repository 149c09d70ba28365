/**
 * A Dutch analyst's first hour, at a small scale: a messy Dutch export generated from a seed
 * (test/fixtures/messyDutchExport.ts: `;`, decimal comma, thousands dots, dd-mm-jjjj with some
 * d-m-jj, Windows-1252, Passant lines, a repeated header, broken lines and a total line) through
 * `worth init --from`, `ingest` (piped, as a script runs it) and `analyze`, each a child process.
 * Checks that nothing English is left where a Dutch run writes words (worth.yaml's comments,
 * rejects.csv), that the English run keeps its English, that the `unattributed:` comment does not
 * count the total line, that a two-digit year loads as 20jj, and that net sales per customer
 * equal the generator's own BigInt cents. Then the shapes with comments of their own (a status
 * column with cancelled and refunded orders, a report grouped under customer headings, guest
 * orders whose customer is their e-mail) and worth.yaml's own checks, in Dutch.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryDb, readRejects } from '../ingest/helpers.ts';
import { cents, worth } from './worthCli.ts';
import { writeMessyDutchExport } from '../fixtures/messyDutchExport.ts';
import { englishAccounting } from '../fixtures/exportShapes.ts';
import { wooExport } from '../fixtures/statusExports.ts';
import { omzetPerRelatie } from '../fixtures/dutchShapes3.ts';
import { shopifyExport, writeShopifyCsv } from '../fixtures/shopifyExport.ts';

/**
 * Words that mark an English sentence in a comment. None is a Dutch word, and none is a YAML key or
 * a table name a Dutch comment may quote (`returns`, `order_lines`, `missing_values`).
 */
const ENGLISH_MARKERS = [
  'the',
  'and',
  'with',
  'when',
  'each',
  'which',
  'line',
  'lines',
  'customer',
  'customers',
  'amount',
  'cost',
  'your',
  'become',
  'seen',
  'goods',
  'minutes',
  'staff',
  'loaded',
  'hour',
  'less',
  'quantity',
  'price',
  'estimated',
  'replace',
  'delete',
  'starter',
  'capacity',
];

/**
 * The comment text of worth.yaml: what follows a `#` outside quotes; of a commented-out YAML line
 * (`#    name: Klantenservice   # ...`) the value and its own comment, not its key.
 */
function comments(yaml: string): string[] {
  const out: string[] = [];
  for (const line of yaml.split('\n')) {
    let quote = '';
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '#') {
        const rest = line.slice(i + 1);
        // A commented-out YAML line: only its own comment is words.
        if (/^\s*-?\s*[a-z_]+:/.test(rest)) {
          const own = rest.indexOf('#');
          if (own >= 0) out.push(rest.slice(own + 1));
        } else out.push(rest);
        break;
      }
    }
  }
  return out;
}

/** The English marker words in `texts`, with the text each was found in. */
function englishIn(texts: string[]): string[] {
  const found: string[] = [];
  for (const t of texts) {
    // Formulas and names in backquotes or quotes are the user's, not our words.
    const words = t.replace(/`[^`]*`|"[^"]*"/g, ' ').toLowerCase();
    for (const m of ENGLISH_MARKERS) if (new RegExp(`\\b${m}\\b`).test(words)) found.push(`${m}: ${t}`);
  }
  return found;
}

function freshDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

describe('a Dutch analyst with a messy export', () => {
  const root = freshDir('worth-nl-first-hour-');
  const file = path.join(root, 'verkoop.csv');
  const expected = writeMessyDutchExport(file, 4000, 7);
  const dir = path.join(root, 'ws');
  // Lines whose customer is Passant, broken ones included: the profile counts them all.
  const text = readFileSync(file, 'latin1');
  const passantAll = text.split('\r\n').filter((l) => l.split(';')[2] === 'Passant').length;

  it('init writes worth.yaml with Dutch comments only, a real period and the Passant lines as the lines without a customer', () => {
    expect(expected.shortDateLines).toBeGreaterThan(0);
    const init = worth(['init', dir, '--from', file]);
    expect(init.status, `${init.stdout}\n${init.stderr}`).toBe(0);
    const yaml = readFileSync(path.join(dir, 'worth.yaml'), 'utf8');
    expect(englishIn(comments(yaml))).toEqual([]);
    // Each part the brief names, in Dutch.
    expect(yaml).toContain('# lijstprijs x aantal');
    expect(yaml).toContain('# creditregels worden retouren:');
    expect(yaml).toContain('# geen klantenbestand: de klanten zijn de nummers op de regels;');
    expect(yaml).toContain('# Geen kostprijs in de export');
    expect(yaml).toContain('name: Orderverwerking');
    expect(yaml).toContain('# capaciteit x 0,60 per minuut');
    // A d-m-jj date is 2024 or 2025, not the year 24: the period starts in the generator's first year.
    expect(yaml).toMatch(/\n {2}start: 2024-01-0\d\n/);
    // The total line at the end has no customer, but is not a line without one.
    const counted = /unattributed: load +# ([\d.]+) van de eerste ([\d.]+) regels/.exec(yaml);
    expect(counted, yaml).not.toBeNull();
    const int = (s: string) => Number(s.replace(/\./g, ''));
    expect(int(counted![1]!)).toBe(passantAll);
    // Of the profiled rows (the file's data rows as the sniffer stages them): fewer than the physical lines.
    expect(int(counted![2]!)).toBeLessThan(expected.physicalLines);
  }, 180_000);

  it('ingest through a pipe: Dutch rejects.csv, whole lines marked in Dutch, two-digit years loaded', () => {
    const ingest = worth(['ingest', dir]);
    expect(ingest.status, `${ingest.stdout}\n${ingest.stderr}`).toBe(0);
    // Every line of the piped output is whole: none holds two lines' words.
    for (const l of `${ingest.stderr}${ingest.stdout}`.split('\n'))
      expect(l.match(/verkoop\.csv lezen|problemen geschreven|^tabel /g)?.length ?? 0, l).toBeLessThanOrEqual(
        1,
      );
    const head = readFileSync(path.join(dir, 'rejects.csv'), 'utf8').split('\n')[0];
    expect(head?.replace(/^\ufeff/, '')).toBe('tabel,bestand,regel,kolom,waarde,code,reden');
    const rejects = readRejects(path.join(dir, 'rejects.csv'));
    const whole = rejects.filter((r) => r.code === 'wrong_field_count' || r.code === 'totals_line');
    expect(whole.length).toBeGreaterThan(0);
    for (const r of whole) expect(r.column).toBe('(hele regel)');
    // No date reject for a two-digit year: only the dates that do not exist (30-02-jjjj).
    const dates = rejects.filter((r) => r.code === 'date_outside_window' || r.code === 'not_a_date');
    // (The repeated header mid-file is rejected too, its own name as the value.)
    for (const r of dates) expect(r.value).toMatch(/^30-02-\d{4}$|^Factuurdatum$/);
  }, 180_000);

  it('net sales per customer equal the generator’s cents', async () => {
    const analyze = worth(['analyze', dir, '--json']);
    expect(analyze.status, analyze.stderr).toBe(0);
    const pnl = await queryDb(dir, 'SELECT customer_id, CAST(net_sales AS VARCHAR) AS n FROM customer_pnl');
    const got = Object.fromEntries(pnl.map((r) => [String(r.customer_id), cents(r.n)]));
    const want = Object.fromEntries(Object.entries(expected.netByCustomer).map(([c, v]) => [c, BigInt(v)]));
    expect(got).toEqual(want);
  }, 240_000);
});

describe('an English export keeps its English comments', () => {
  it('init --from an English export: the same blocks, in English', () => {
    const root = freshDir('worth-en-comments-');
    const x = englishAccounting(5);
    const file = path.join(root, x.name);
    writeFileSync(file, x.bytes);
    const dir = path.join(root, 'ws');
    const init = worth(['init', dir, '--from', file]);
    expect(init.status, `${init.stdout}\n${init.stderr}`).toBe(0);
    const yaml = readFileSync(path.join(dir, 'worth.yaml'), 'utf8');
    expect(yaml).toContain('# no customers file: customers are the ids seen on the lines;');
    expect(yaml).toContain('# Cost to serve (time-driven activity-based costing). A STARTER');
    expect(yaml).toContain('name: Order handling');
    expect(yaml).toContain('# capacity x 0.60 a minute');
    expect(yaml).not.toMatch(/lijstprijs|klantenbestand|capaciteit|per minuut/);
  }, 180_000);
});

/**
 * A Dutch WooCommerce export whose guest orders (customers above 30, as the generator numbers
 * them) have Klant-ID 0: those customers are their e-mail address.
 */
function guestExport(seed: number): string {
  const [head, ...rows] = wooExport(seed, 'nl').csv.trimEnd().split('\n');
  const guests = rows.map((l) => {
    const f = l.split(';');
    if (Number(f[3]) > 30) f[3] = '0';
    return f.join(';');
  });
  return `${[head, ...guests].join('\n')}\n`;
}

/** `worth init DIR --from FILE` of `text` written as `name`; worth.yaml's text. */
function initFrom(name: string, text: string | Buffer): { dir: string; yaml: string } {
  const root = freshDir('worth-nl-shapes-');
  const file = path.join(root, name);
  writeFileSync(file, text);
  const dir = path.join(root, 'ws');
  const init = worth(['init', dir, '--from', file]);
  expect(init.status, `${init.stdout}\n${init.stderr}`).toBe(0);
  return { dir, yaml: readFileSync(path.join(dir, 'worth.yaml'), 'utf8') };
}

describe('the Dutch shapes with comments of their own', () => {
  it('a status column: the values, the cancelled rule and the refunds in Dutch, amounts with a decimal comma', () => {
    const { yaml } = initFrom('bestellingen.csv', wooExport(3, 'nl').csv);
    expect(englishIn(comments(yaml))).toEqual([]);
    expect(yaml).toMatch(/# Bestelstatus per waarde, regels \(Regeltotaal\): .*\d,\d\d\)/);
    expect(yaml).toContain('# geannuleerd: geen verkoop. Weggelaten uit de lading');
    expect(yaml).toMatch(
      /returns: +# terugbetalingen: \d+ regels van orders waarvan Bestelstatus Terugbetaald zegt/,
    );
    expect(yaml).toContain('# de datum van de order: de export heeft geen datum van de terugbetaling');
  }, 180_000);

  it('a report grouped under customer headings: group_heading and the heading lines in Dutch', () => {
    const x = omzetPerRelatie(5);
    const { yaml } = initFrom(x.name, x.bytes);
    expect(englishIn(comments(yaml))).toEqual([]);
    expect(yaml).toContain('group_heading: "Relatie"   # een rapport gegroepeerd per klant');
    expect(yaml).toMatch(/# de \d+ kopregels \(alleen een naam\): geen orderregels/);
  }, 180_000);

  it('guest orders with Klant-ID 0: their customer is their e-mail, said in Dutch', () => {
    const { yaml } = initFrom('gasten.csv', guestExport(3));
    expect(englishIn(comments(yaml))).toEqual([]);
    expect(yaml).toMatch(
      /# Klant-ID is 0 op \d+ regels \(orders zonder account\): die klanten zijn hun E-mail/,
    );
  }, 180_000);

  it('a web shop with order-level fields: fill_down, delivery and the refund amount in Dutch', () => {
    const root = freshDir('worth-nl-shop-');
    const file = path.join(root, 'bestellingen.csv');
    writeShopifyCsv(file, shopifyExport(11, 200), 'nl');
    const dir = path.join(root, 'ws');
    const init = worth(['init', dir, '--from', file]);
    expect(init.status, `${init.stdout}\n${init.stderr}`).toBe(0);
    const yaml = readFileSync(path.join(dir, 'worth.yaml'), 'utf8');
    expect(englishIn(comments(yaml))).toEqual([]);
    expect(yaml).toMatch(/fill_down: \[.*\] +# alleen op de eerste regel van een order geschreven/);
    expect(yaml).toMatch(
      /# Verzendkosten: [\d.]+,\d\d gerekend voor bezorging op \d+ orders wordt niet geladen/,
    );
    expect(yaml).toMatch(/returns: +# terugbetalingen: Terugbetaald, [\d.]+,\d\d op \d+ orders/);
  }, 180_000);

  it("worth.yaml's own checks speak the workspace's language (and English in an English one)", () => {
    const { dir, yaml } = initFrom('bestellingen.csv', wooExport(4, 'nl').csv);
    const config = path.join(dir, 'worth.yaml');
    const broken = yaml
      .replace(/\n {2}start: \d{4}-\d\d-\d\d\n/, '\n  start: 0025-01-01\n')
      .replace(/\ncurrency: EUR /, '\ncurrency: euro ');
    writeFileSync(config, broken);
    const nl = worth(['ingest', dir]);
    expect(nl.status).not.toBe(0);
    const said = `${nl.stdout}${nl.stderr}`;
    expect(said).toContain('"0025-01-01": verwacht een datum van 1900 tot en met 2199');
    expect(said).toContain('"euro": verwacht een ISO 4217-code zoals EUR');
    expect(englishIn([said])).toEqual([]);
    writeFileSync(config, broken.replace(/\nlanguage: nl /, '\nlanguage: en '));
    const en = worth(['ingest', dir]);
    expect(`${en.stdout}${en.stderr}`).toContain('"0025-01-01": expected a date from 1900 to 2199');
  }, 180_000);
});

describe('an English status export keeps its English comments', () => {
  it('the status values, the cancelled rule and the refunds in English, amounts as the engine prints them', () => {
    const { yaml } = initFrom('orders.csv', wooExport(3, 'en').csv);
    expect(yaml).toMatch(/# Order Status per value, lines \(Item Total\): .*\d\.\d\d\)/);
    expect(yaml).toContain('# cancelled: no sale. Left out of the load (not rejects)');
    expect(yaml).toMatch(/returns: +# refunds: \d+ lines of orders whose Order Status says refunded/);
    expect(yaml).not.toMatch(/terugbetaling|per waarde|geannuleerd: geen/);
  }, 180_000);
});
