/**
 * A Dutch workspace's command line speaks Dutch, an English one English: the ingest summary,
 * the progress lines on stderr, rejects.csv's reasons and the errors a user meets first (worth.yaml's
 * mistakes, a formula, a missing file, a refused load, a database in use). Each output is
 * checked against the other language's catalogue: a sentence left in the wrong language fails.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../src/cli/failure.ts';
import {
  CLI_WORDS,
  ERROR_WORDS,
  READ_WORDS,
  REJECT_WORDS,
  type Catalogue,
  type Lang,
} from '../../src/words/index.ts';
import { makeWorkspace, readRejects } from '../ingest/helpers.ts';

const BIN = path.resolve('bin/worth.js');

function worth(args: string[]): { status: number | null; out: string; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}`, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The fixed pieces (between placeholders) of every catalogue sentence that differs between the
 * languages, in `lang`: long enough (12 characters) to be a sentence of its own, not a word both share.
 */
function fragments(lang: Lang): string[] {
  const out = new Set<string>();
  for (const cat of [CLI_WORDS, ERROR_WORDS, REJECT_WORDS, READ_WORDS] as Catalogue[])
    for (const w of Object.values(cat)) {
      if (w.en === w.nl) continue;
      for (const piece of w[lang].split(/\{\w+\}/)) if (piece.trim().length >= 12) out.add(piece.trim());
    }
  return [...out];
}

/** The fragments of `lang`'s catalogue that `text` contains (none, when it is all in the other language). */
function leftIn(lang: Lang, text: string): string[] {
  return fragments(lang).filter((f) => text.includes(f));
}

const HEAD = 'period: { start: 2024-01-01, end: 2024-12-31 }\nmax_rejected_share: 1\n';
const SOURCES =
  'sources:\n  customers: { file: data/customers.csv }\n  order_lines: { file: data/order_lines.csv }\n';
const CUSTOMERS = 'customer_id,name,segment\nC1,Alpha,Retail\nC2,Beta,\n';
// Line 3: quantity "veel" is not a number; line 4: customer C9 is unknown; line 5 repeats line 2's key.
const ORDER_LINES =
  'order_id,line_no,customer_id,order_date,quantity,gross_amount,cogs_amount\n' +
  'O1,1,C1,2024-01-05,2,20.00,10.00\n' +
  'O2,1,C1,2024-01-06,veel,30.00,15.00\n' +
  'O3,1,C9,2024-01-07,1,10.00,5.00\n' +
  'O1,1,C2,2024-01-08,1,12.00,6.00\n' +
  'O4,1,C2,2024-01-09,1,14.00,7.00\n';

function workspace(language: Lang, extra = ''): string {
  return makeWorkspace({
    'worth.yaml': `company: Test B.V.\nlanguage: ${language}\n${HEAD}${extra}${SOURCES}`,
    'data/customers.csv': CUSTOMERS,
    'data/order_lines.csv': ORDER_LINES,
  });
}

describe('the command line in the workspace language', () => {
  it('a Dutch ingest: summary, progress lines and reasons in Dutch, rejects.csv with a code column', () => {
    const dir = workspace('nl');
    const run = worth(['ingest', dir]);
    expect(run.status, run.stderr).toBe(0);
    expect(leftIn('en', run.out)).toEqual([]);
    expect(run.stderr).toContain('data/order_lines.csv lezen');
    expect(run.stdout).toContain(
      'als tekst gelezen: data/customers.csv (geen bedrag, hoeveelheid of datum direct gelezen), data/order_lines.csv (het getypeerde lezen stopte op regel 3)',
    );
    expect(run.stdout).toContain('Afgewezen regels per reden:');
    expect(run.stdout).toMatch(
      /order_lines\s+quantity\s+geen getal \(verwacht bijv\. 1234\.56\)\s+1\s+30,00 gross_amount/,
    );
    expect(run.stdout).toContain('dubbele sleutel (order_id, line_no)');
    expect(run.stdout).toContain('3 problemen geschreven naar');
    const rejects = readRejects(path.join(dir, 'rejects.csv'));
    expect(readFileSync(path.join(dir, 'rejects.csv'), 'utf8').split('\n')[0]).toBe(
      'tabel,bestand,regel,kolom,waarde,code,reden',
    );
    expect(rejects.map((r) => [r.line, r.column, r.value, r.code, r.reason])).toEqual([
      ['3', 'quantity', 'veel', 'not_a_number', 'geen getal (verwacht bijv. 1234.56)'],
      ['4', 'customer_id', 'C9', 'unknown_customer', 'onbekende klant (niet in customers)'],
      [
        '5',
        'order_id, line_no',
        'O1 / 1',
        'duplicate_key',
        'dubbele sleutel (order_id, line_no staat al op regel 2)',
      ],
    ]);
  });

  it('an English ingest: no Dutch sentence, the same codes', () => {
    const dir = workspace('en');
    const run = worth(['ingest', dir]);
    expect(run.status, run.stderr).toBe(0);
    expect(leftIn('nl', run.out)).toEqual([]);
    expect(run.stderr).toContain('reading data/order_lines.csv');
    const rejects = readRejects(path.join(dir, 'rejects.csv'));
    expect(rejects.map((r) => [r.code, r.reason])).toEqual([
      ['not_a_number', 'not a number (expected e.g. 1234.56)'],
      ['unknown_customer', 'unknown customer (not in customers)'],
      ['duplicate_key', 'duplicate key (order_id, line_no already on line 2)'],
    ]);
  });

  const failures: [string, string, (dir: string) => void, RegExp, RegExp][] = [
    [
      'an unknown setting, with did-you-mean',
      'currensy: EUR\n',
      () => {},
      /worth\.yaml heeft 1 probleem:\n {2}- worth\.yaml regel 5 bij currensy: onbekende instelling "currensy" \(bedoeld: "currency"\?\) \(hier bekend: company, currency, language/,
      /worth\.yaml has 1 problem:\n {2}- worth\.yaml line 5 at currensy: unknown setting "currensy" \(did you mean "currency"\?\) \(known here: company, currency, language/,
    ],
    [
      'a bad value',
      'cost_of_capital: 3\n',
      () => {},
      /worth\.yaml regel 5 bij cost_of_capital: 3: verwacht een getal < 1/,
      /worth\.yaml line 5 at cost_of_capital: 3: expected a number < 1/,
    ],
    [
      'a formula naming a column the file does not have',
      '',
      (dir) => {
        const yaml = path.join(dir, 'worth.yaml');
        writeFileSync(
          yaml,
          readFileSync(yaml, 'utf8').replace(
            '  order_lines: { file: data/order_lines.csv }',
            '  order_lines: { file: data/order_lines.csv, columns: { gross_amount: "prijs * quantity" } }',
          ),
        );
      },
      /sources\.order_lines\.columns\.gross_amount, formule "prijs \* quantity", positie 1: onbekende naam "prijs" \(verwacht een van: /,
      /sources\.order_lines\.columns\.gross_amount, formula "prijs \* quantity", position 1: unknown name "prijs" \(expected one of: /,
    ],
    [
      'a missing file',
      '',
      (dir) => {
        const yaml = path.join(dir, 'worth.yaml');
        writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('data/customers.csv', 'data/klanten.csv'));
      },
      /data\/klanten\.csv: niet gevonden \(gezocht naar .*data\/klanten\.csv\)/,
      /data\/klanten\.csv: not found \(looked for .*data\/klanten\.csv\)/,
    ],
    [
      'a load over the reject budget',
      '',
      (dir) => {
        const yaml = path.join(dir, 'worth.yaml');
        // The default share, no floor: 5 lines are under the floor's 500, where 3 rejects would pass.
        writeFileSync(
          yaml,
          readFileSync(yaml, 'utf8').replace('max_rejected_share: 1\n', 'reject_floor: 0\n'),
        );
      },
      // 3 of 5 lines = 60,0%; gross 30,00 + 10,00 + 12,00 = 52,00 of 86,00 = 60,5%.
      /lading geweigerd, de vorige lading blijft staan\. order_lines: 3 van 5 regels afgewezen \(60,0%\) en 60,5% van gross_amount \(52,00 van 86,00\), boven het afwijsbudget van 1%/,
      /load refused, the previous load is kept\. order_lines: 3 of 5 lines rejected \(60\.0%\) and 60\.5% of gross_amount \(52\.00 of 86\.00\), over the reject budget of 1%/,
    ],
  ];
  for (const [what, extra, change, nl, en] of failures) {
    it(`${what}: one paragraph in the workspace's language`, () => {
      for (const [lang, want] of [
        ['nl', nl],
        ['en', en],
      ] as const) {
        const dir = workspace(lang, extra);
        change(dir);
        const run = worth(['ingest', dir]);
        expect(run.status).not.toBe(0);
        expect(run.stderr).toMatch(want);
        expect(run.stderr).not.toMatch(/^\s+at /m);
        expect(leftIn(lang === 'nl' ? 'en' : 'nl', run.stderr)).toEqual([]);
      }
    });
  }

  it('a workspace that does not exist: English, as no worth.yaml says otherwise', () => {
    const run = worth(['ingest', path.join(workspace('nl'), 'nergens')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /nergens: is not a folder \(run `worth init DIR` or `worth demo DIR` to make one\)/,
    );
  });

  it("a database in use and the machine's faults, in the workspace's language", () => {
    const dir = workspace('nl');
    const lock = new Error(
      `IO Error: Could not set lock on file "${dir}/worth.duckdb": Conflicting lock is held`,
    );
    expect(describeFailure(lock, [dir], 'nl').text).toBe(
      `${dir}/worth.duckdb is in gebruik door een ander Worth-proces (een lopende opdracht of \`worth serve\`); wacht tot het klaar is, of stop het, en draai opnieuw`,
    );
    const full = Object.assign(new Error('ENOSPC'), { code: 'ENOSPC', path: 'x.csv' });
    expect(describeFailure(full, [dir], 'nl').text).toBe(
      'de schijf is vol: x.csv kon niet worden geschreven (maak ruimte vrij en draai de opdracht opnieuw)',
    );
    expect(describeFailure(full, [dir], 'en').text).toBe(
      'the disk is full: x.csv could not be written (free some space and run the command again)',
    );
  });
});
