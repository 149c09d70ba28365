/**
 * A customer summary CSV read for model fitting the fast way: the engine reads the file and
 * turns every plain number (the pattern the text reader accepts) straight into Float64Arrays,
 * with no row objects in between (reading 1,000,000 rows as objects was 9 of the 10 seconds
 * of `worth clv fit`). Anything else in a cell (a decimal comma, a blank, a word) becomes NaN,
 * so a model that reads that column asks for the exact text read, which reports the value by
 * line and column ({@link withExactErrors}); nothing is reported from here.
 */
import { openSync, readSync, closeSync } from 'node:fs';
import path from 'node:path';
import { findColumn, ID_COLUMNS, parseSummaryCsv, type SummaryTable } from '../clv/index.ts';
import { openEngine } from '../warehouse/index.ts';

/** The header line of `file` (up to its first line break; at most 1 MiB read). */
function headerLine(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8');
    const end = text.search(/\r?\n/);
    return end < 0 ? text : text.slice(0, end);
  } finally {
    closeSync(fd);
  }
}

/**
 * The summary file as a typed table (with the customer ids as text when `ids`), or null when the engine cannot read it as a plain
 * delimited file (the text read then reports why, in its own words).
 */
export async function readSummaryTyped(
  file: string,
  options: { ids?: boolean } = {},
): Promise<SummaryTable | null> {
  let header: string[];
  let first: string;
  try {
    first = headerLine(file);
    header = parseSummaryCsv(first, file).header;
  } catch {
    return null;
  }
  const delimiter = first.includes(';') && !first.includes(',') ? ';' : ',';
  const engine = await openEngine();
  try {
    const names = header.map((_, i) => `c${i}`);
    // Without ids the file is read once, straight into the casts below (a view on the reader):
    // staging it as a table of text first cost ~0.2 s CPU and ~1 s wall at load 13 for
    // 1,000,000 rows, and the memory of a copy. With ids it is staged, so both reads see one table.
    const lazy = options.ids !== true;
    try {
      await engine.stageCsv('summary_file', {
        path: path.resolve(file),
        delimiter,
        quote: '"',
        header: false,
        skipLines: 1,
        columnNames: names,
        displayName: file,
        lazy,
      });
    } catch {
      return null;
    }
    const d = engine.dialect;
    const q = d.quoteIdent;
    const idAt = findColumn({ file, header, rows: [], lines: [], size: 0 }, ID_COLUMNS);
    // The engine's number cast takes what the text reader takes (a decimal comma once replaced,
    // exponents, signs, spaces around it) and also digit separators (`1_000`) and `inf`/`nan`,
    // which the text reader refuses: a `_` gives NaN here and non-finite values are refused
    // by the model's reader, so both send the file to the text read. The plain cast first: it
    // fails on every value with a comma, which the replaced one then takes, so the result is the
    // same at half the cost (the replace made a new string of every value). The id column is not
    // a number and is not cast (1,000,000 failed casts).
    const numeric = names.flatMap((c, i) => (i === idAt ? [] : [{ c, i }]));
    const select = numeric.map(
      ({ c, i }) =>
        `CASE WHEN ${d.contains(q(c), '$1')} THEN NULL ELSE coalesce(${d.tryDouble(q(c))}, ${d.tryDouble(d.replace(q(c), '$2', '$3'))}) END AS ${q(`n${i}`)}`,
    );
    if (numeric.length === 0) return null;
    // In file order without an ORDER BY (which cost half a second at 1,000,000 rows): a scan keeps insertion order (DuckDB's preserve_insertion_order, on by default).
    let cols: Record<string, Float64Array>;
    try {
      cols = await engine.queryNumericColumns(`SELECT ${select.join(', ')} FROM summary_file`, [
        '_',
        ',',
        '.',
      ]);
    } catch {
      // the reader's refusal of a malformed file (a lazy view reads it only here): the text read says why
      return null;
    }
    const size = cols[`n${numeric[0]!.i}`]?.length ?? 0;
    if (size === 0) return null;
    // ids as text, in the same (file) order as the numbers; only when asked (1,000,000 of them are row objects)
    const ids =
      options.ids && idAt >= 0
        ? (await engine.query(`SELECT ${q(`c${idAt}`)} AS id FROM summary_file`)).map((r) =>
            r.id === null || r.id === undefined ? '' : String(r.id).trim(),
          )
        : undefined;
    return {
      file,
      header,
      rows: [],
      lines: [],
      size,
      typed: names.map((_, i) => cols[`n${i}`]),
      ...(ids ? { ids } : {}),
    };
  } finally {
    await engine.close();
  }
}
