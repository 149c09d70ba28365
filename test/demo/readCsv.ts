/**
 * Test helpers: read a demo table back (the demo never quotes fields, so a split suffices)
 * and turn Dutch-format values into standard ones.
 */
import { readFileSync } from 'node:fs';

/** A table read back: its header and its rows as string arrays. */
export interface CsvTable {
  header: string[];
  rows: string[][];
  /** Index of a column by name; throws when missing. */
  col(name: string): number;
}

/** Reads a CSV file with the given delimiter. */
export function readCsv(path: string, delimiter = ','): CsvTable {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = lines[0]!.split(delimiter);
  const rows = lines.slice(1).map((l) => l.split(delimiter));
  return {
    header,
    rows,
    col(name: string): number {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`no column ${name} in ${path}`);
      return i;
    },
  };
}

/** Money text to integer cents (BigInt), either decimal mark. */
export function cents(text: string): bigint {
  const m = /^(-?)(\d+)[.,](\d{2})$/.exec(text);
  if (!m) throw new Error(`not money with two decimals: ${JSON.stringify(text)}`);
  const v = BigInt(m[2]! + m[3]!);
  return m[1] ? -v : v;
}

/** A `dd-mm-yyyy` date as `yyyy-mm-dd` (empty stays empty). */
export function isoFromDutch(text: string): string {
  if (text === '') return '';
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(text);
  if (!m) throw new Error(`not a dd-mm-yyyy date: ${JSON.stringify(text)}`);
  return `${m[3]}-${m[2]}-${m[1]}`;
}
