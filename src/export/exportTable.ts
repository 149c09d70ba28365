/**
 * Exports stored tables. CSV comes in two forms: for a spreadsheet (the default of `worth
 * export`: the workspace language's headers, enum words and dialect, BOM first, written by
 * core's `csvLine`, the writer the dashboard uses too) or the machine form for scripts (stable
 * column names, `,` and `.`, no BOM; through the engine's `COPY`). Parquet is always the machine
 * form; XLSX (exceljs's streaming writer with core's `addXlsxSheet`, the sheet writer the dashboard
 * uses too: one sheet per table, a bold frozen header row, number formats per column) takes the
 * form's headers and words, numbers stay numbers.
 */
import { open, rename, rm } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import {
  addXlsxSheet,
  CLV_UNDETERMINED_COLUMN,
  CSV_BOM,
  csvDialect,
  csvHeadLine,
  csvLine,
  type ExportCell,
  WorthError,
} from '../core/index.ts';
import { csvSafeText, type Engine, type Row } from '../warehouse/index.ts';
import { YES_NO_WORDS, type Lang } from '../words/index.ts';
import { columnStyle, NUMBER_FORMATS, type ColumnStyle } from './columnFormat.ts';
import { activityNames, columnLabel, valueWords, type ValueWords } from './sheetLabels.ts';

/** Formats `worth export` writes. */
export const EXPORT_FORMATS = ['csv', 'parquet', 'xlsx'] as const;
/** An export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A table to export and the order of its rows (column names of the table; not user input). */
export interface ExportSpec {
  name: string;
  orderBy: string;
  /** One row per customer (`customer_id`): the export adds name and segment after the id, and the lifetime value at the end when `worth clv` ran. */
  perCustomer?: boolean;
  /**
   * The table the rows are read from when it is not `name` (a temporary table of the rows under
   * the dashboard's filters, `worth export --filter`); the headers, words and sheet are `name`'s.
   */
  source?: string;
}

/** The table an export reads its rows from. */
const sourceOf = (spec: ExportSpec) => spec.source ?? spec.name;

/**
 * Who reads the export: a spreadsheet in `lang` (headers and stored values in words, CSV in
 * the language's dialect with a BOM) or a script (`machine`: stored column names and values,
 * `,` and `.`, no BOM; `worth export --raw`).
 */
export type ExportForm = { kind: 'spreadsheet'; lang: Lang } | { kind: 'machine' };

/** The machine form: what scripts read (the default of the functions here; the CLI's `--raw`). */
export const MACHINE_FORM: ExportForm = { kind: 'machine' };

/** The customers table the per-customer columns come from, and the lifetime value table. */
const CUSTOMERS = 'customers';
const CLV = 'customer_clv';

/** Excel's row limit, header included. */
const EXCEL_MAX_ROWS = 1_048_576;
const PAGE = 50_000;

/** Writes one table to `out` in the given format and form (Parquet is always the machine form); returns the number of rows written. */
export async function exportTable(
  engine: Engine,
  spec: ExportSpec,
  format: ExportFormat,
  out: string,
  form: ExportForm = MACHINE_FORM,
): Promise<number> {
  if (format === 'xlsx') return (await exportWorkbook(engine, [spec], out, form))[spec.name]!;
  await requireTable(engine, sourceOf(spec));
  const [r] = await engine.query(`SELECT count(*) AS n FROM ${engine.dialect.quoteIdent(sourceOf(spec))}`);
  if (format === 'csv' && form.kind === 'spreadsheet') {
    await writeSpreadsheetCsv(engine, spec, out, form.lang);
    return Number(r!.n);
  }
  await engine.exportQuery(
    format === 'csv' ? await csvSelectSql(engine, spec) : await selectSql(engine, spec),
    out,
    format,
    ',',
  );
  return Number(r!.n);
}

/**
 * The machine CSV's SELECT: text columns made safe for spreadsheets (a customer id `=1+2` is
 * written `'=1+2`); numeric columns stay numbers (the exact DECIMAL; a DOUBLE to 6 decimals).
 */
async function csvSelectSql(engine: Engine, spec: ExportSpec): Promise<string> {
  const cols = await columnsOf(engine, spec);
  const list = cols.map((c) => {
    const q = engine.dialect.quoteIdent(c.name);
    if (c.style === 'text' && /CHAR|TEXT|STRING/i.test(c.sqlType))
      return `${csvSafeText(engine.dialect, c.expr)} AS ${q}`;
    return `${roundedExpr(c)} AS ${q}`;
  });
  return `SELECT ${list.join(', ')} ${await fromSql(engine, spec)}`;
}

/** A column's expression with a DOUBLE (a probability, a share, a rate) to 6 decimals: 0.9999999999998628 is 1 to any reader. */
function roundedExpr(c: ExportColumn): string {
  return /DOUBLE|FLOAT|REAL/i.test(c.sqlType) ? `round(${c.expr}, 6)` : c.expr;
}

/**
 * The spreadsheet CSV: headers and stored values in `lang`'s words, written page by page with
 * core's `csvLine` to a file beside `out` that replaces it only when complete (a failed export
 * leaves the previous file as it was).
 */
async function writeSpreadsheetCsv(engine: Engine, spec: ExportSpec, out: string, lang: Lang): Promise<void> {
  const cols = await columnsOf(engine, spec);
  const words = await sheetWords(engine, spec, cols, lang);
  const dialect = csvDialect(lang);
  const part = `${out}.${process.pid}.part`;
  const file = await open(part, 'w');
  try {
    // writeFile, not write: write may write part of a page and return (a full disk), which left a
    // truncated file renamed into place; writeFile writes all of it or throws (ENOSPC).
    await file.writeFile(CSV_BOM + csvHeadLine(words.head, dialect));
    await eachPage(engine, spec, cols, async (rows) => {
      await file.writeFile(rows.map((row) => csvLine(sheetCells(row, cols, words, lang), dialect)).join(''));
    });
    await file.close();
    await rename(part, out);
  } catch (e) {
    await file.close().catch(() => undefined);
    await rm(part, { force: true });
    throw e;
  }
}

/** The headers and value words of a spreadsheet export. */
interface SheetWords {
  head: string[];
  values: (ValueWords | null)[];
}

async function sheetWords(
  engine: Engine,
  spec: ExportSpec,
  cols: readonly ExportColumn[],
  lang: Lang,
): Promise<SheetWords> {
  const activities = await activityNames(engine, lang);
  return {
    head: cols.map((c) => columnLabel(c.name, lang, activities)),
    values: cols.map((c) => valueWords(spec.name, c.name, lang, activities)),
  };
}

/** One row as spreadsheet cells: numbers as exact decimal text, yes/no and stored values in words, text as it is. */
function sheetCells(row: Row, cols: readonly ExportColumn[], words: SheetWords, lang: Lang): ExportCell[] {
  return cols.map((c, i): ExportCell => {
    const v = row[c.name] ?? null;
    if (v === null) return null;
    if (typeof v === 'boolean') return { text: YES_NO_WORDS[v ? 'true' : 'false'][lang] };
    if (typeof v === 'number') return Number.isFinite(v) ? { number: plainNumber(v) } : null;
    if (c.style !== 'text') return { number: v };
    const w = words.values[i];
    return { text: w ? w(v, row) : v };
  });
}

/** A JS number as plain decimal text (never `1e-7`: a DOUBLE here is rounded to 6 decimals, a count is whole). */
function plainNumber(n: number): string {
  const s = String(n);
  return /e/i.test(s) ? n.toFixed(6).replace(/\.?0+$/, '') : s;
}

/** A column of an export: its name, the SQL expression that gives it, its type and spreadsheet style. */
interface ExportColumn {
  name: string;
  expr: string;
  sqlType: string;
  style: ColumnStyle;
}

async function tableColumns(engine: Engine, table: string): Promise<{ name: string; sqlType: string }[]> {
  return (await engine.columnTypes(table)).map((t) => ({ name: t.name, sqlType: t.type }));
}

/**
 * The export's columns: the table's own (as `src`), and for a per-customer table the
 * customer's name and segment after `customer_id` (from `customers` as `cu`) and its lifetime
 * value at the end (from `customer_clv` as `cl`, money rounded to the cent; P(alive) and expected
 * purchases with their 90% interval as stored) when they exist.
 */
async function columnsOf(engine: Engine, spec: ExportSpec): Promise<ExportColumn[]> {
  const q = (n: string) => engine.dialect.quoteIdent(n);
  const col = (name: string, expr: string, sqlType: string): ExportColumn => ({
    name,
    expr,
    sqlType,
    style: columnStyle(name, sqlType),
  });
  const own = (await tableColumns(engine, sourceOf(spec))).map((c) =>
    col(c.name, `src.${q(c.name)}`, c.sqlType),
  );
  if (!spec.perCustomer) return own;
  const joins = await perCustomerJoins(engine, spec);
  const taken = new Set(own.map((c) => c.name));
  const customer = joins.customers
    ? (await tableColumns(engine, CUSTOMERS))
        .filter((c) => (c.name === 'name' || c.name === 'segment') && !taken.has(c.name))
        .map((c) => col(c.name, `cu.${q(c.name)}`, c.sqlType))
    : [];
  const money = engine.dialect.decimalType(18, 2);
  // the 90% interval of the profit CLV, when the run stored one (older runs did not)
  const interval =
    joins.clv && (await engine.columns(CLV)).includes('clv_profit_lo')
      ? ['clv_profit_lo', 'clv_profit_hi'].map((c) => col(c, `CAST(round(cl.${c}, 2) AS ${money})`, money))
      : [];
  // expected purchases over the horizon with their 90% interval (runs before intervals: the figure alone)
  const clvColumns = joins.clv ? await engine.columns(CLV) : [];
  const purchases = ['expected_purchases', 'expected_purchases_lo', 'expected_purchases_hi']
    .filter((c) => clvColumns.includes(c))
    .map((c) => col(c, `cl.${c}`, 'DOUBLE'));
  // why a customer's figures are empty (a run before this column had none)
  const reason =
    joins.clv && (await engine.columns(CLV)).includes(CLV_UNDETERMINED_COLUMN)
      ? [col(CLV_UNDETERMINED_COLUMN, `cl.${CLV_UNDETERMINED_COLUMN}`, 'VARCHAR')]
      : [];
  const clv = joins.clv
    ? [
        col('clv_profit', `CAST(round(cl.clv_profit, 2) AS ${money})`, money),
        ...interval,
        col('clv_revenue', `CAST(round(cl.clv_revenue, 2) AS ${money})`, money),
        col('p_alive', 'cl.p_alive', 'DOUBLE'),
        ...purchases,
        ...reason,
      ].filter((c) => !taken.has(c.name))
    : [];
  const at = own.findIndex((c) => c.name === 'customer_id') + 1;
  return [...own.slice(0, at), ...customer, ...own.slice(at), ...clv];
}

async function perCustomerJoins(
  engine: Engine,
  spec: ExportSpec,
): Promise<{ customers: boolean; clv: boolean }> {
  if (!spec.perCustomer) return { customers: false, clv: false };
  return { customers: await engine.tableExists(CUSTOMERS), clv: await engine.tableExists(CLV) };
}

/** FROM, joins and (unless `ordered` is false) ORDER BY of an export. */
async function fromSql(engine: Engine, spec: ExportSpec, ordered = true): Promise<string> {
  const q = (n: string) => engine.dialect.quoteIdent(n);
  const joins = await perCustomerJoins(engine, spec);
  const parts = [`FROM ${q(sourceOf(spec))} AS src`];
  if (joins.customers) parts.push(`LEFT JOIN ${q(CUSTOMERS)} AS cu ON cu.customer_id = src.customer_id`);
  if (joins.clv) parts.push(`LEFT JOIN ${q(CLV)} AS cl ON cl.customer_id = src.customer_id`);
  if (ordered) parts.push(`ORDER BY ${orderSql(spec)}`);
  return parts.join(' ');
}

/** The export's order: by the stored values, qualified (an unqualified name would sort by the quoted text). */
function orderSql(spec: ExportSpec): string {
  return spec.orderBy
    .split(',')
    .map((t) => `src.${t.trim()}`)
    .join(', ');
}

/** The temporary table {@link eachPage} numbers an export's rows in. */
const PAGED_ROWS = 'worth_export_rows';

/**
 * Hands the export's rows (`cols`, rounded as the spreadsheet form writes them) to `each` in
 * pages of {@link PAGE}, in the export's order. The rows are sorted and numbered once into a
 * temporary table and read back by number range: LIMIT/OFFSET would sort the whole table again
 * for every page (measured: a 1,000,000-row customer_pnl took over 10 minutes that way).
 */
async function eachPage(
  engine: Engine,
  spec: ExportSpec,
  cols: readonly ExportColumn[],
  each: (rows: Row[]) => Promise<void> | void,
): Promise<void> {
  const q = (n: string) => engine.dialect.quoteIdent(n);
  const t = q(PAGED_ROWS);
  await engine.run(`DROP TABLE IF EXISTS ${t}`);
  await engine.run(
    `CREATE TEMPORARY TABLE ${t} AS SELECT row_number() OVER (ORDER BY ${orderSql(spec)}) AS _rn, ${cols
      .map((c) => `${roundedExpr(c)} AS ${q(c.name)}`)
      .join(', ')} ${await fromSql(engine, spec, false)}`,
  );
  try {
    const list = cols.map((c) => q(c.name)).join(', ');
    for (let from = 0; ; from += PAGE) {
      const rows = await engine.query(`SELECT ${list} FROM ${t} WHERE _rn > $1 AND _rn <= $2 ORDER BY _rn`, [
        from,
        from + PAGE,
      ]);
      await each(rows);
      if (rows.length < PAGE) break;
    }
  } finally {
    await engine.run(`DROP TABLE IF EXISTS ${t}`);
  }
}

/** Writes tables to one XLSX workbook, one sheet each; returns rows written per table. */
export async function exportWorkbook(
  engine: Engine,
  specs: readonly ExportSpec[],
  out: string,
  form: ExportForm = MACHINE_FORM,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const s of specs) {
    await requireTable(engine, sourceOf(s));
    const [r] = await engine.query(`SELECT count(*) AS n FROM ${engine.dialect.quoteIdent(sourceOf(s))}`);
    counts[s.name] = Number(r!.n);
    if (counts[s.name]! >= EXCEL_MAX_ROWS) {
      throw new WorthError(
        'input',
        { path: s.name },
        counts[s.name],
        `at most ${EXCEL_MAX_ROWS - 1} rows for XLSX`,
        `table ${s.name} has ${counts[s.name]} rows, more than a worksheet holds (${EXCEL_MAX_ROWS - 1}); export it as csv or parquet`,
      );
    }
  }
  // Loaded here, not at the top: exceljs takes half a second to load and most commands never write XLSX.
  const { default: excel } = await import('exceljs');
  const wb = new excel.stream.xlsx.WorkbookWriter({
    filename: out,
    useStyles: true,
    useSharedStrings: false,
  });
  for (const s of specs) await writeSheet(engine, wb, s, form);
  await wb.commit();
  return counts;
}

async function writeSheet(
  engine: Engine,
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  spec: ExportSpec,
  form: ExportForm,
): Promise<void> {
  const cols = await columnsOf(engine, spec);
  const words = await formWords(engine, spec, cols, form);
  const add = addXlsxSheet(
    wb,
    spec.name,
    words.head,
    cols.map((c) => NUMBER_FORMATS[c.style]),
  );
  await eachPage(engine, spec, cols, (rows) => {
    for (const row of rows)
      add(
        cols.map((c, i) => {
          const v = row[c.name] ?? null;
          const w = words.values[i];
          return typeof v === 'string' && w ? w(v, row) : cell(v, c.style);
        }),
      );
  });
}

/** The sheet's words: the form's language, or the stored names and values (machine). */
async function formWords(
  engine: Engine,
  spec: ExportSpec,
  cols: readonly ExportColumn[],
  form: ExportForm,
): Promise<SheetWords> {
  switch (form.kind) {
    case 'spreadsheet':
      return sheetWords(engine, spec, cols, form.lang);
    case 'machine':
      return { head: cols.map((c) => c.name), values: cols.map(() => null) };
    default: {
      const never: never = form;
      throw new Error(`unknown export form ${JSON.stringify(never)}`);
    }
  }
}

/**
 * A cell value: numbers as numbers (Excel holds doubles; the exact figures are in CSV/Parquet),
 * text as a plain string cell. exceljs makes a formula only from a `{formula}` object, so a
 * customer named `=HYPERLINK(...)` stays text (written as an inline string, never evaluated).
 */
function cell(v: string | number | boolean | null, style: ColumnStyle): string | number | boolean | null {
  if (v === null || style === 'text' || typeof v !== 'string') return v;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
}

async function selectSql(engine: Engine, spec: ExportSpec): Promise<string> {
  const cols = await columnsOf(engine, spec);
  return `SELECT ${cols.map((c) => `${c.expr} AS ${engine.dialect.quoteIdent(c.name)}`).join(', ')} ${await fromSql(engine, spec)}`;
}

async function requireTable(engine: Engine, name: string): Promise<void> {
  if (!(await engine.tableExists(name))) {
    throw new WorthError(
      'input',
      { path: name },
      name,
      'a table written by `worth analyze`',
      `table ${name} does not exist in the workspace database (run \`worth analyze\` first)`,
    );
  }
}
