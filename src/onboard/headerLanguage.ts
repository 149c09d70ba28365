/**
 * The language of an export's column names, from its first lines only: what `worth init
 * --from` speaks while the export is still being read (its progress bar), before the full
 * recognition (recognise.ts) decides the workspace's language.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { Lang } from '../words/index.ts';
import { recognise } from './recognise.ts';
import type { ColumnProfile } from './sniffExport.ts';

/** Bytes read from the head of the file. */
const HEAD_BYTES = 65_536;

/**
 * The language of the names on the line with the most fields among the first 20 lines of a
 * delimited text file (a title block above the header is passed over); English for a file that
 * is no plain text (XLSX, Parquet, gzip) or names nothing recognise.ts knows.
 */
export function headerLanguage(file: string): Lang {
  if (/\.(xlsx|parquet|pq|gz)$/i.test(file)) return 'en';
  let head: string;
  try {
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(HEAD_BYTES);
      head = buf.subarray(0, readSync(fd, buf, 0, HEAD_BYTES, 0)).toString('latin1');
    } finally {
      closeSync(fd);
    }
  } catch {
    return 'en';
  }
  const lines = head.split(/\r\n|\n|\r/).slice(0, 20);
  let names: string[] = [];
  for (const line of lines)
    for (const d of [';', ',', '\t', '|']) {
      const fields = line.split(d);
      if (fields.length > names.length) names = fields;
    }
  return recognise(
    names.map((n) =>
      nameOnly(
        n
          .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
          .replace(/"/g, '')
          .trim(),
      ),
    ),
  ).language;
}

/** How many roles recognise.ts gives to a line of column names (3 or more: a header, whatever its values). */
export function recognisedRoles(names: string[]): number {
  return Object.keys(recognise(names.map(nameOnly)).columns).length;
}

/** A column known by its name only (recognition reads nothing else). */
function nameOnly(name: string): ColumnProfile {
  return {
    name,
    kind: 'text',
    present: 0,
    missing: 0,
    unreadable: 0,
    negatives: 0,
    positives: 0,
    distinct: 0,
    examples: [],
  };
}
