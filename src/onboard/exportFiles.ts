/**
 * `worth init DIR --from` given one export per month: a folder or a pattern (`exports/*.csv`)
 * instead of one file. The files must be delimited text (CSV, TXT, TSV, optionally gzip) with
 * the same header line; they are copied into DIR/data/ and worth.yaml names them with the
 * `file:` pattern ingest reads (`data/*.csv`: every file in name order), so next month's export
 * dropped into data/ loads too. They are profiled as one: a copy with the first file's header
 * and every file's lines, so the period, the status values and the volumes cover all months.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { WorthError } from '../core/index.ts';
import { exportKind } from './sniffExport.ts';

/** Delimited-text names a folder is read for (the only kind several files are joined for). */
const TEXT = /\.(csv|txt|tsv)(\.gz)?$/i;

/** The export files `from` names: the file itself, a folder's text exports, or a pattern's matches (name order). */
export function exportFiles(from: string): string[] {
  const abs = path.resolve(from);
  if (isDynamicPattern(from)) {
    const found = globSync(from, { absolute: true, onlyFiles: true, expandDirectories: false }).sort();
    if (!found.length)
      throw new WorthError('file_missing', { file: from }, from, 'a pattern that matches export files');
    return found;
  }
  let isFolder: boolean;
  try {
    isFolder = statSync(abs).isDirectory();
  } catch {
    // Not there: init's own check names the missing file.
    return [abs];
  }
  if (!isFolder) return [abs];
  const found = readdirSync(abs)
    .filter((n) => TEXT.test(n))
    .sort()
    .map((n) => path.join(abs, n));
  if (!found.length)
    throw new WorthError(
      'file_missing',
      { file: from },
      from,
      'a folder with export files (.csv, .txt, .tsv, optionally .gz)',
      'has no .csv, .txt or .tsv files',
    );
  return found;
}

/** A file's text (gzip unpacked), without a byte order mark. */
function textOf(file: string): string {
  const bytes = readFileSync(file);
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return raw.toString('utf8').replace(/^\ufeff/, '');
}

/**
 * Checks that several exports can be one source (delimited text, same header line, distinct
 * names) and writes `combined`: the first file's text and every other file's lines below its
 * header. Returns the `file:` entry for worth.yaml: a pattern over data/ when the files share an
 * extension, else the list of their copies.
 */
export function joinExports(files: string[], combined: string): string | string[] {
  const names = files.map((f) => path.basename(f));
  for (const f of files)
    if (exportKind(f) !== 'csv' || !TEXT.test(f))
      throw new WorthError(
        'input',
        { file: path.basename(f) },
        path.basename(f),
        'delimited text exports (CSV, TXT, TSV, optionally .gz) when init --from is given several files',
        'is not delimited text: give a workbook or a Parquet file to init --from on its own',
      );
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice)
    throw new WorthError(
      'input',
      { file: twice },
      twice,
      'files with distinct names (they are copied into one data folder)',
      'is named by two of the files',
    );
  const texts = files.map(textOf);
  const header = (t: string) => t.split(/\r?\n|\r/, 1)[0]!.trim();
  const first = header(texts[0]!);
  texts.forEach((t, i) => {
    if (header(t) !== first)
      throw new WorthError(
        'input',
        { file: names[i]! },
        header(t),
        `the header of ${names[0]}: ${first}`,
        `has another header than ${names[0]} (${header(t)} against ${first}); give files with the same columns, or each on its own`,
      );
  });
  const body = (t: string) => {
    const end = /\r?\n|\r/.exec(t);
    return end ? t.slice(end.index + end[0].length) : '';
  };
  const ended = (t: string) => (t === '' || /[\r\n]$/.test(t) ? t : `${t}\n`);
  const joined = [ended(texts[0]!), ...texts.slice(1).map((t) => ended(body(t)))];
  writeFileSync(combined, joined.join(''));
  const ext = (n: string) => /\.[^.]+(\.gz)?$/i.exec(n)![0].toLowerCase();
  const exts = new Set(names.map(ext));
  return exts.size === 1 ? `data/*${[...exts][0]}` : names.map((n) => `data/${n}`);
}
