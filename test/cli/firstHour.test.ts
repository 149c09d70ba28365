/**
 * A stranger's first hour with their own small export (issue 11's cookbook, round 28): a Dutch
 * web-shop and wholesale export written by hand (`;`, decimal comma, dd-mm-jjjj, a credit line,
 * an empty customer number) in a workspace folder whose name has a space and non-ASCII letters,
 * through the real CLI in child processes. What it found: the commands Worth prints to copy were
 * cut in two by the space; `worth clv` on a handful of customers answered in English with
 * `order_lines: 5 is not valid`; options and folders that are not what a command takes were
 * said in English in a Dutch workspace, or as a workspace still to be analysed.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = path.resolve('bin/worth.js');
const root = mkdtempSync(path.join(os.tmpdir(), 'worth-firsthour-'));
const dir = path.join(root, 'Bakkerij Ĳssel é');
const exportFile = path.join(root, 'verkoop.csv');

/** Five customers, a walk-in sale without a number, a credit note with a negative quantity. */
const EXPORT = [
  'Factuurnummer;Factuurdatum;Klantnummer;Klantnaam;Artikel;Omschrijving;Aantal;Prijs',
  'F2024-001;03-01-2024;K001;Bakkerij de Graaf;A10;Meel 25 kg;4;18,50',
  'F2024-001;03-01-2024;K001;Bakkerij de Graaf;A11;Gist 500 g;10;3,25',
  'F2024-002;05-01-2024;K002;Café Het Hoekje;B20;Koffiebonen 1 kg;6;14,95',
  'F2024-003;12-01-2024;;Passant;A10;Meel 25 kg;1;18,50',
  'F2024-004;15-01-2024;K003;Slagerij Öztürk;C30;Kruiden mix;3;7,80',
  'F2024-005;02-02-2024;K001;Bakkerij de Graaf;A10;Meel 25 kg;8;18,50',
  'C2024-001;05-02-2024;K001;Bakkerij de Graaf;A10;Meel 25 kg retour;-2;18,50',
  'F2024-006;14-02-2024;K002;Café Het Hoekje;B20;Koffiebonen 1 kg;12;14,95',
  'F2024-007;01-03-2024;K004;Restaurant De Zon;B21;Thee assorti;5;6,40',
  'F2024-008;15-03-2024;K003;Slagerij Öztürk;C30;Kruiden mix;2;7,80',
  'F2024-009;02-04-2024;K004;Restaurant De Zon;A11;Gist 500 g;20;3,25',
  'F2024-010;20-04-2024;K001;Bakkerij de Graaf;A10;Meel 25 kg;6;18,50',
  'F2024-011;03-05-2024;K005;Lunchroom Ĳsselzicht;B20;Koffiebonen 1 kg;3;14,95',
  'F2024-012;17-05-2024;K002;Café Het Hoekje;B21;Thee assorti;4;6,40',
  'F2024-013;04-06-2024;K005;Lunchroom Ĳsselzicht;A11;Gist 500 g;2;3,25',
  'F2024-014;28-06-2024;K003;Slagerij Öztürk;C30;Kruiden mix;10;7,80',
].join('\r\n');

function worth(args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
    timeout: 180_000,
  });
}

/** One `worth: ...` sentence on stderr with a non-zero exit: no stack frames, nothing undefined. */
function refusal(r: SpawnSyncReturns<string>): string {
  expect(r.status, r.stderr).not.toBe(0);
  expect(r.stderr).not.toMatch(/^\s+at |undefined|NaN|internal error/m);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('worth: '));
  expect(lines, r.stderr).toHaveLength(1);
  return lines[0]!;
}

let init: SpawnSyncReturns<string>;

beforeAll(() => {
  writeFileSync(exportFile, EXPORT);
  init = worth(['init', dir, '--from', exportFile]);
  expect(init.status, init.stderr).toBe(0);
}, 240_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("a stranger's own Dutch export, in a folder named 'Bakkerij Ĳssel é'", () => {
  it('the commands init prints to run next are whole commands a shell runs as printed', () => {
    const out = `${init.stdout}\n${init.stderr}`;
    const next = out.split('\n').find((l) => l.startsWith('verder: '));
    expect(next, out).toBeDefined();
    const commands = [...next!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    expect(commands.map((c) => c.split(' ')[1])).toEqual(['ingest', 'analyze', 'report']);
    // The folder is one quoted word: the shell gives worth exactly one argument.
    for (const c of commands) expect(c).toBe(`worth ${c.split(' ')[1]} "${dir}"`);
    // Run as printed (with this checkout's worth), ingest and analyze go through.
    for (const c of commands.slice(0, 2)) {
      const r = spawnSync('bash', ['-c', c.replace(/^worth /, `"${process.execPath}" "${BIN}" `)], {
        encoding: 'utf8',
        env: { ...process.env, TZ: 'UTC' },
        timeout: 180_000,
      });
      expect(r.status, `${c}\n${r.stderr}`).toBe(0);
    }
  }, 360_000);

  it('`worth clv` on five customers says in Dutch why it cannot fit, with the count, and leaves the P&L', () => {
    const line = refusal(worth(['clv', dir]));
    expect(line).toBe(
      'worth: maar 5 klanten hebben een aankoopdag om te modelleren: een klantwaardemodel heeft er minstens 10 nodig, dus `worth clv` kan deze werkmap nog geen klantwaarde geven (de klantwinstrekening van `worth analyze`, het rapport en het dashboard staan er los van)',
    );
    const json = worth(['analyze', dir, '--json']);
    expect(json.status, json.stderr).toBe(0);
  }, 240_000);

  it("options a command does not take are said in the workspace's language", () => {
    expect(refusal(worth(['serve', dir, '--port', 'abc']))).toBe(
      'worth: --port "abc" is geen poort (verwacht een geheel getal 0-65535)',
    );
    expect(refusal(worth(['report', dir, '--lang', 'de']))).toBe(
      'worth: --lang "de" wordt niet ondersteund (verwacht nl, en)',
    );
    expect(refusal(worth(['serve', dir, '--hold-pages', 'soms']))).toBe(
      'worth: --hold-pages "soms" wordt niet ondersteund (verwacht auto, always, never)',
    );
    expect(refusal(worth(['export', dir, '--out', path.join(root, 'x.txt'), '--format', 'ods']))).toBe(
      'worth: --format "ods" wordt niet ondersteund (verwacht csv, parquet, xlsx)',
    );
  }, 120_000);

  it('a mistyped option is named before a required option it may stand for', () => {
    // commander said "required option '--out <file>' not specified" and nothing of --tabel.
    const r = worth(['export', dir, '--tabel', 'customer_pnl']);
    expect(refusal(r)).toBe("worth: onbekende optie '--tabel'");
    expect(r.stderr).toContain('(Bedoelde u --table?)');
  }, 60_000);

  it('serve and report on a folder that is no workspace say so, with the init to run', () => {
    const folder = path.join(root, 'exports met spatie');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'verkoop.csv'), EXPORT);
    for (const command of ['serve', 'report']) {
      const line = refusal(worth([command, folder, '--port', '0'].slice(0, command === 'serve' ? 4 : 2)));
      expect(line).toBe(
        `worth: ${path.join(folder, 'worth.yaml')}: not found (run \`worth init "${folder}"\` to write a template)`,
      );
    }
  }, 60_000);
});
