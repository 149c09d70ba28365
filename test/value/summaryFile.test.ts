// The typed read of a summary file (the engine straight into Float64Arrays) against the text
// read: the same fits on every public data set, and for every kind of bad or unusual value
// the same outcome (the text read's error with its line and column, or the same numbers).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelEntry, parseSummaryCsv, withExactErrors, type SummaryTable } from '../../src/clv/index.ts';
import { readSummaryTyped } from '../../src/value/index.ts';
import { fixture } from '../clv/helpers.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'worth-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const exactOf = (file: string) => () => parseSummaryCsv(readFileSync(file, 'utf8'), file);

/** The fit through the typed read (falling back as the CLI does), or the error it throws. */
async function viaTyped(file: string, model: string): Promise<unknown> {
  const typed = await readSummaryTyped(file);
  try {
    return withExactErrors(
      typed ?? exactOf(file)(),
      exactOf(file),
      (t: SummaryTable) => modelEntry(model).fitTable(t).params,
    );
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

/** The fit through the text read alone, or its error. */
function viaText(file: string, model: string): unknown {
  try {
    return modelEntry(model).fitTable(exactOf(file)()).params;
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

describe('the typed read of a summary file', () => {
  const sets: [string, string[]][] = [
    ['cdnow_customers_summary.csv', ['bgnbd', 'mbgnbd']],
    ['cdnow_customers_summary_with_transactions.csv', ['gamma-gamma']],
    ['donations.csv', ['bgbb']],
    ['sbg_regular.csv', ['sbg']],
  ];
  for (const [name, models] of sets) {
    it(`reads ${name} as numbers and fits exactly what the text read fits (${models.join(', ')})`, async () => {
      const typed = await readSummaryTyped(fixture(name));
      expect(typed?.typed, 'read by the engine').toBeDefined();
      expect(typed!.size).toBe(exactOf(fixture(name))().size);
      for (const m of models) expect(await viaTyped(fixture(name), m)).toEqual(viaText(fixture(name), m));
    });
  }

  const good = [
    'customer_id,frequency,recency,T',
    'a,2,30.43,38.86',
    'b,1,1.71,38.86',
    'c,0,0,38.86',
    'd,3,20.5,38.86',
    'e,0,0,38.86',
    'f,1,5,30',
  ];
  const variants: [string, string[]][] = [
    ['a word where a number belongs', good.map((l, i) => (i === 3 ? 'c,zero,0,38.86' : l))],
    ['a digit separator (1_000)', good.map((l, i) => (i === 3 ? 'c,1_000,0,38.86' : l))],
    ['inf', good.map((l, i) => (i === 3 ? 'c,0,0,inf' : l))],
    ['an empty cell', good.map((l, i) => (i === 3 ? 'c,,0,38.86' : l))],
    ['a line with one field too many', good.map((l, i) => (i === 3 ? 'c,0,0,38.86,9' : l))],
    ['a fraction where an integer belongs', good.map((l, i) => (i === 3 ? 'c,0.5,0,38.86' : l))],
    ['recency beyond T', good.map((l, i) => (i === 3 ? 'c,1,40,38.86' : l))],
    ['a quoted number', good.map((l, i) => (i === 3 ? 'c,"0",0,38.86' : l))],
    ['spaces around a number', good.map((l, i) => (i === 3 ? 'c, 0 ,0,38.86' : l))],
    ['decimal commas in a ; file', good.map((l) => l.replaceAll(',', ';').replace(/(\d)\.(\d)/g, '$1,$2'))],
    ['a missing column', good.map((l) => l.split(',').slice(0, 3).join(','))],
    ['only a header', good.slice(0, 1)],
  ];
  for (const [what, lines] of variants) {
    it(`${what}: the same outcome as the text read`, async () => {
      const file = path.join(dir, `${what.replace(/\W+/g, '_')}.csv`);
      writeFileSync(file, `${lines.join('\n')}\n`);
      const want = viaText(file, 'bgnbd');
      expect(await viaTyped(file, 'bgnbd')).toEqual(want);
      if (
        typeof want === 'string' &&
        !['a missing column', 'only a header', 'a line with one field too many'].includes(what)
      )
        expect(want).toMatch(/line 4/);
    });
  }
});
