/**
 * The trigram index built by sorting its (trigram, row) pairs (small workspaces) is the
 * same index as the one counted into 2^24-entry tables (large ones), and every search answers the
 * same either way and equals a plain `includes` per field, on seeded random rows.
 */
import { describe, expect, it } from 'vitest';
import { SORT_BELOW, TextSearch } from '../../src/readmodel/textSearch.ts';

/** Seeded rows of three fields over a small alphabet (so terms hit often), a few fields empty or of one or two bytes. */
function randomRows(seed: number, count: number): string[][] {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const alphabet = ['a', 'b', 'c', 'd', ' ', 'é', '1', 'ß'];
  const word = (len: number) =>
    Array.from({ length: len }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  return Array.from({ length: count }, () => [
    word(Math.floor(next() * 4)),
    word(Math.floor(next() * 16)),
    word(Math.floor(next() * 3)),
  ]);
}

function searchOf(rows: string[][], build: 'sort' | 'table' | 'auto'): TextSearch {
  const bytes = Buffer.from(rows.flat().join(''), 'utf8');
  const starts = [0];
  for (const f of rows.flat()) starts.push(starts.at(-1)! + Buffer.byteLength(f));
  return new TextSearch(bytes, Int32Array.from(starts), 3, build);
}

describe('TextSearch index builds', () => {
  for (const [seed, count] of [
    [1, 0],
    [2, 1],
    [3, 50],
    [4, 4000],
  ] as const)
    it(`sort and table give the same index and answers (${count} rows)`, () => {
      const rows = randomRows(seed, count);
      const sorted = searchOf(rows, 'sort');
      const table = searchOf(rows, 'table');
      expect(sorted.indexBytes).toBe(table.indexBytes);
      // Seeded terms of 1 to 6 characters, and words pairs.
      let s = seed * 31;
      const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const letters = ['a', 'b', 'c', 'd', 'é', '1', 'ß'];
      const terms = Array.from({ length: 200 }, () =>
        Array.from(
          { length: 1 + Math.floor(next() * 6) },
          () => letters[Math.floor(next() * letters.length)],
        ).join(''),
      );
      for (const term of terms) {
        const want = rows.flatMap((r, i) => (r.some((f) => f.includes(term)) ? [i] : []));
        expect(Array.from(sorted.find(term)), JSON.stringify(term)).toEqual(want);
        expect(Array.from(table.find(term)), JSON.stringify(term)).toEqual(want);
      }
      for (let i = 0; i + 1 < terms.length; i += 2) {
        const query = `${terms[i]} ${terms[i + 1]}`;
        expect(Array.from(sorted.findWords(query)), query).toEqual(Array.from(table.findWords(query)));
      }
    });

  it('auto sorts a small workspace (no 2^24-entry tables for fifty customers) and counts a large one', () => {
    expect(searchOf(randomRows(9, 50), 'auto').built).toBe('sort');
    // Two fields of 40 bytes (38 positions each) a row: just past SORT_BELOW positions.
    const field = 'x'.repeat(40);
    const large = Array.from({ length: Math.ceil(SORT_BELOW / 76) }, () => ['', field, field]);
    expect(searchOf(large, 'auto').built).toBe('table');
    expect(searchOf(large.slice(1), 'auto').built).toBe('sort');
  });
});
