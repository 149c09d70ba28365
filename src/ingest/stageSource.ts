import type { ReadText } from '../words/index.ts';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { WorthError } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import type { SourceFormat, Workspace } from '../workspace/index.ts';
import type { ReadPlan } from './fastPath.ts';
import { prepareFile, type PreparedFile } from './prepareFile.ts';
import {
  copyRecordsWithLines,
  endsWithTotals,
  FIELDS_COLUMN,
  LINE_COLUMN,
  RAW_COLUMN,
} from './recordLines.ts';

/** A source file staged in the engine: as text, or with some columns typed (the fast path). */
export interface StagedSource {
  /** File name as shown to the user (relative to the workspace). */
  shown: string;
  /** The staged view (`_rn` + the file's columns). */
  stage: string;
  prepared: PreparedFile;
  /** The file's column names (without the helper columns `__line`, `__fields`, `__raw`). */
  columns: string[];
  /**
   * Whether the stage was read from a record-by-record copy that keeps records with another
   * number of fields than the header as `__fields` (their count) and `__raw` (their text).
   */
  ragged: boolean;
  /** How it was read: typed (the columns in `kinds` hold values) or text (every column), and why. */
  read: ReadPlan;
  /**
   * The same file staged as text, record for record (`_rn` matches): the stage itself on the
   * text path; read on first call on the typed path, where only rejects need the raw text.
   */
  textStage: () => Promise<string>;
  /**
   * Set when the file is not staged yet (the one pass, `onePass`): `stage` is a view over the
   * typed reader (`_rn` NULL) holding `records` records, the first on line `firstLine`, if
   * the file's lines are its records; `staged` stages it as on the other paths (numbered, the
   * file read again) when the one pass finds something to reject.
   */
  onePass?: { records: number; firstLine: number; staged: () => Promise<StagedSource> };
  /** The footer's lines left out (`format.footer_lines`): how many and the first one's line. */
  footer?: { lines: number; first: number };
}

/**
 * Checks and prepares a source file (encoding, XLSX), then stages it: with the column types
 * `plan` declares when it can (the fast path), as text when it cannot or when the typed read
 * refuses a value (the text path then finds and reports every problem in the file). With
 * `onePass` (a source the caller can load in one statement), a file read typed whose lines are
 * its records is not staged: the stage is a view over the typed reader (`onePass` in the result).
 */
export async function stageSource(
  engine: Engine,
  ws: Workspace,
  file: string,
  format: SourceFormat,
  stage: string,
  tmpDir: string,
  plan: (prepared: PreparedFile, columns: string[]) => ReadPlan,
  onePass = false,
): Promise<StagedSource> {
  const abs = path.resolve(ws.dir, file);
  const shown = path.relative(ws.dir, abs) || file;
  // A folder per stage: two files of the same name (exports/2024/jan.csv, exports/2025/jan.csv) never share a copy.
  const copies = path.join(tmpDir, stage);
  mkdirSync(copies, { recursive: true });
  const prepared = await prepareFile(abs, shown, format, copies);
  const read: ReadPlan =
    prepared.kind === 'csv' && prepared.columns
      ? plan(prepared, prepared.columns)
      : {
          path: 'text',
          reason: { code: prepared.kind === 'parquet' ? 'parquet' : 'no_header' },
        };
  const staged = () => stageFile(engine, abs, shown, stage, copies, prepared, read);
  const offset = prepared.format.skip_lines + (prepared.format.header ? 1 : 0);
  if (
    onePass &&
    read.path === 'typed' &&
    prepared.kind === 'csv' &&
    prepared.columns &&
    !prepared.hasLineColumn &&
    prepared.lines !== undefined &&
    prepared.lines >= offset &&
    !prepared.format.footer_lines &&
    !endsWithTotals(prepared.path, prepared.format)
  ) {
    await engine.stageCsv(stage, {
      ...csvOptions(prepared, shown),
      types: read.types,
      dateFormat: read.dateFormat,
      timestampFormat: read.timestampFormat,
      lazy: true,
    });
    // Rejects found across files (a key in an earlier month) show the text in the file: read
    // as text on first call, record for record (`_rn` is the record number, as the pass sets it).
    let text: string | undefined;
    const textStage = async () => {
      if (text === undefined) {
        await engine.stageCsv(`${stage}__text`, csvOptions(prepared, shown));
        text = `${stage}__text`;
      }
      return text;
    };
    return {
      shown,
      stage,
      prepared,
      columns: prepared.columns,
      read,
      textStage,
      ragged: false,
      // A record that spans lines, or a blank line, makes the count differ: the file is staged then.
      onePass: { records: prepared.lines - offset, firstLine: offset + 1, staged },
    };
  }
  return staged();
}

/** Stages a prepared file: typed as `plan` says, or as text (record by record where it must). */
async function stageFile(
  engine: Engine,
  abs: string,
  shown: string,
  stage: string,
  copies: string,
  preparedFile: PreparedFile,
  plan: ReadPlan,
): Promise<StagedSource> {
  let prepared = preparedFile;
  let read = plan;
  let ragged = false;
  // An XLSX sheet's footer was left out of its copy (xlsxToCsv.ts); a text file's is left out below.
  let footer: StagedSource['footer'] = preparedFile.footer;
  const asText = async (table: string) => {
    if (prepared.kind === 'parquet') await engine.stageParquet(table, prepared.path);
    else await engine.stageCsv(table, csvOptions(prepared, shown));
  };
  // A footer to leave out: the file is read record by record, which drops it.
  if (prepared.format.footer_lines && prepared.kind === 'csv' && !prepared.hasLineColumn)
    read = { path: 'text', reason: { code: 'footer_lines' } };
  if (read.path === 'typed') {
    try {
      await engine.stageCsv(stage, {
        ...csvOptions(prepared, shown),
        types: read.types,
        dateFormat: read.dateFormat,
        timestampFormat: read.timestampFormat,
      });
    } catch (e) {
      if (!(e instanceof WorthError)) throw e;
      // A value the typed reader refuses (or a broken line): the text path reads the whole file.
      read = {
        path: 'text',
        reason:
          e.location.line !== undefined
            ? { code: 'typed_read_stopped_at', vars: { line: String(e.location.line) } }
            : { code: 'typed_read_stopped' },
      };
    }
  }
  if (read.path === 'typed' && (await shortYears(engine, stage, read))) {
    // A four-digit-year layout reads `27-1-24` as the year 24 where the text path reads 2024
    // (fastPath.ts picks the two-digit layout when the first value has one, not for later ones).
    read = { path: 'text', reason: { code: 'two_digit_year' } };
  }
  /** Reads the file record by record (exact lines, broken records kept for their reject); false if that changes nothing. */
  const byRecord = async (why: ReadText, always: boolean): Promise<boolean> => {
    if (prepared.kind !== 'csv' || prepared.hasLineColumn || !prepared.columns) return false;
    const out = path.join(copies, `${path.basename(abs).replace(/\.gz$/i, '')}.lines.csv`);
    const copy = await copyRecordsWithLines(prepared.path, shown, prepared.format, prepared.columns, out);
    if (!copy.ragged && !copy.totals && !copy.footer && !always) return false;
    footer = copy.footer;
    prepared = {
      ...prepared,
      path: out,
      format: { ...prepared.format, header: true, skip_lines: 0, footer_lines: 0 },
      hasLineColumn: true,
      columns: [LINE_COLUMN, FIELDS_COLUMN, RAW_COLUMN, ...prepared.columns],
    };
    ragged = true;
    read = { path: 'text', reason: why };
    await asText(stage);
    return true;
  };
  if (read.path === 'text' && prepared.format.footer_lines && prepared.kind === 'csv') {
    await byRecord({ code: 'footer_lines' }, true);
  } else if (read.path === 'text') {
    try {
      await asText(stage);
    } catch (e) {
      // A line with too few or too many fields is that line's reject, not the file's refusal.
      if (!(e instanceof WorthError) || !(await byRecord({ code: 'ragged_lines' }, false))) throw e;
    }
  }
  if (!ragged && prepared.kind === 'csv' && !prepared.hasLineColumn && prepared.lines !== undefined) {
    // More lines than records: blank lines or quoted line breaks. Counted record by record, so every line number is the editor's.
    const q = engine.dialect.quoteIdent;
    const records = Number((await engine.query(`SELECT count(*) AS n FROM ${q(stage)}`))[0]!.n);
    const offset = prepared.format.skip_lines + (prepared.format.header ? 1 : 0);
    if (prepared.lines !== records + offset) await byRecord({ code: 'lines_not_records' }, true);
  }
  if (
    !ragged &&
    prepared.kind === 'csv' &&
    !prepared.hasLineColumn &&
    endsWithTotals(prepared.path, prepared.format)
  )
    await byRecord({ code: 'totals_line' }, true);
  if (
    !ragged &&
    read.path === 'text' &&
    prepared.kind === 'csv' &&
    !prepared.hasLineColumn &&
    prepared.columns &&
    (await repeatsHeader(engine, stage, prepared.columns))
  )
    await byRecord({ code: 'repeated_header' }, true);
  // An XLSX copy carries the record columns too (totals rows): xlsxToCsv.ts.
  if (prepared.columns?.includes(RAW_COLUMN)) ragged = true;
  const helper = new Set([LINE_COLUMN, FIELDS_COLUMN, RAW_COLUMN]);
  const columns = (await engine.columns(`${stage}__raw`)).filter((c) => !helper.has(c));
  let text: string | undefined = read.path === 'text' ? stage : undefined;
  const textStage = async () => {
    if (text === undefined) {
      await asText(`${stage}__text`);
      text = `${stage}__text`;
    }
    return text;
  };
  return { shown, stage, prepared, columns, read, textStage, ragged, ...(footer ? { footer } : {}) };
}

/**
 * Whether a staged text table has a record equal to its header (two exports joined into one
 * file): every value, trimmed and in lower case, the column's name (a column the reader named
 * `columnN` for an empty header field: empty). One scan that stops at the first such record.
 */
async function repeatsHeader(engine: Engine, stage: string, columns: string[]): Promise<boolean> {
  const q = engine.dialect.quoteIdent;
  const params: string[] = [];
  const same = columns.map((c) => {
    const v = `lower(trim(coalesce(${q(c)}, '')))`;
    params.push(/^column[0-9]+$/.test(c) ? '' : c.trim().toLowerCase());
    return `${v} = $${params.length}`;
  });
  const rows = await engine.query(
    `SELECT 1 AS found FROM ${q(stage)} WHERE ${same.join(' AND ')} LIMIT 1`,
    params,
  );
  return rows.length > 0;
}

/**
 * Whether a typed read with a four-digit-year layout gave a date before the year 100: a value
 * with a two-digit year (`27-1-24`), which the text path reads in this century. Such a date is
 * outside every plausible window, so only a file with something to reject pays for the look.
 */
async function shortYears(
  engine: Engine,
  stage: string,
  read: ReadPlan & { path: 'typed' },
): Promise<boolean> {
  const q = engine.dialect.quoteIdent;
  const early = Object.entries(read.types).flatMap(([col, type]) => {
    const layout =
      type === 'DATE' ? read.dateFormat : type === 'TIMESTAMP' ? read.timestampFormat : undefined;
    return layout?.includes('%Y') ? [`${q(col)} < CAST('0100-01-01' AS ${type})`] : [];
  });
  if (!early.length) return false;
  const n = await engine.query(`SELECT count(*) AS n FROM ${q(stage)} WHERE ${early.join(' OR ')}`);
  return Number(n[0]!.n) > 0;
}

function csvOptions(prepared: PreparedFile, shown: string) {
  return {
    path: prepared.path,
    delimiter: prepared.format.delimiter,
    quote: prepared.format.quote,
    header: prepared.format.header,
    skipLines: prepared.format.skip_lines,
    columnNames: prepared.columns,
    displayName: shown,
  };
}
