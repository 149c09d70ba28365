/**
 * Exports stored tables: CSV and Parquet through the engine (`COPY`), XLSX with exceljs's
 * streaming writer (one sheet per table, a bold frozen header row, number formats per column).
 */
import type ExcelJS from 'exceljs';
import { WorthError } from '../core/index.ts';
import { csvSafeText, type Engine } from '../warehouse/index.ts';
import { columnStyle, NUMBER_FORMATS, type ColumnStyle } from './columnFormat.ts';

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
}

/** How a CSV file writes its fields and decimals: `,` and `.` (English), `;` and `,` (Dutch Excel). */
export interface CsvDialect {
  delimiter: ',' | ';';
  decimal: '.' | ',';
}

/** The CSV dialect a spreadsheet in `lang` opens without an import wizard (Excel NL expects `;` and a decimal comma). */
export function csvDialect(lang: 'nl' | 'en'): CsvDialect {
  return lang === 'nl' ? { delimiter: ';', decimal: ',' } : { delimiter: ',', decimal: '.' };
}

const ENGLISH_CSV: CsvDialect = { delimiter: ',', decimal: '.' };

/** The customers table the per-customer columns come from, and the lifetime value table. */
const CUSTOMERS = 'customers';
const CLV = 'customer_clv';

/** Excel's row limit, header included. */
const EXCEL_MAX_ROWS = 1_048_576;
const PAGE = 50_000;

/**
 * Writes one table to `out` in the given format; returns the number of rows written. CSV is
 * written in `csv`'s dialect (default English: `,` and `.`).
 */
export async function exportTable(
  engine: Engine,
  spec: ExportSpec,
  format: ExportFormat,
  out: string,
  csv: CsvDialect = ENGLISH_CSV,
): Promise<number> {
  if (format === 'xlsx') return (await exportWorkbook(engine, [spec], out))[spec.name]!;
  await requireTable(engine, spec.name);
  const [r] = await engine.query(`SELECT count(*) AS n FROM ${engine.dialect.quoteIdent(spec.name)}`);
  await engine.exportQuery(
    format === 'csv' ? await csvSelectSql(engine, spec, csv) : await selectSql(engine, spec),
    out,
    format,
    csv.delimiter,
  );
  return Number(r!.n);
}

/**
 * The CSV export's SELECT: text columns made safe for spreadsheets (a customer id `=1+2` is
 * written `'=1+2`); numeric columns stay numbers, with a decimal comma in the Dutch dialect
 * (the exact DECIMAL as text, its point replaced: no rounding on the way; a DOUBLE to 6 decimals).
 */
async function csvSelectSql(engine: Engine, spec: ExportSpec, csv: CsvDialect): Promise<string> {
  const cols = await columnsOf(engine, spec);
  const list = cols.map((c) => {
    const q = engine.dialect.quoteIdent(c.name);
    if (c.style === 'text' && /CHAR|TEXT|STRING/i.test(c.sqlType))
      return `${csvSafeText(engine.dialect, c.expr)} AS ${q}`;
    // A DOUBLE (a probability, a share, a rate) to 6 decimals: 0.9999999999998628 is 1 to any reader.
    const expr = /DOUBLE|FLOAT|REAL/i.test(c.sqlType) ? `round(${c.expr}, 6)` : c.expr;
    if (csv.decimal === ',' && /DECIMAL|NUMERIC|DOUBLE|FLOAT|REAL/i.test(c.sqlType))
      return `replace(CAST(${expr} AS VARCHAR), '.', ',') AS ${q}`;
    return `${expr} AS ${q}`;
  });
  return `SELECT ${list.join(', ')} ${await fromSql(engine, spec)}`;
}

/** A column of an export: its name, the SQL expression that gives it, its type and spreadsheet style. */
interface ExportColumn {
  name: string;
  expr: string;
  sqlType: string;
  style: ColumnStyle;
}

async function tableColumns(engine: Engine, table: string): Promise<{ name: string; sqlType: string }[]> {
  const types = await engine.query(
    'SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
    [table],
  );
  return types.map((t) => ({ name: String(t.column_name), sqlType: String(t.data_type) }));
}

/**
 * The export's columns: the table's own (as `src`), and for a per-customer table the
 * customer's name and segment after `customer_id` (from `customers` as `cu`) and its lifetime
 * value at the end (from `customer_clv` as `cl`, money rounded to the cent) when they exist.
 */
async function columnsOf(engine: Engine, spec: ExportSpec): Promise<ExportColumn[]> {
  const q = (n: string) => engine.dialect.quoteIdent(n);
  const col = (name: string, expr: string, sqlType: string): ExportColumn => ({
    name,
    expr,
    sqlType,
    style: columnStyle(name, sqlType),
  });
  const own = (await tableColumns(engine, spec.name)).map((c) => col(c.name, `src.${q(c.name)}`, c.sqlType));
  if (!spec.perCustomer) return own;
  const joins = await perCustomerJoins(engine, spec);
  const taken = new Set(own.map((c) => c.name));
  const customer = joins.customers
    ? (await tableColumns(engine, CUSTOMERS))
        .filter((c) => (c.name === 'name' || c.name === 'segment') && !taken.has(c.name))
        .map((c) => col(c.name, `cu.${q(c.name)}`, c.sqlType))
    : [];
  const money = 'DECIMAL(18,2)';
  // the 90% interval of the profit CLV, when the run stored one (older runs did not)
  const interval =
    joins.clv && (await engine.columns(CLV)).includes('clv_profit_lo')
      ? ['clv_profit_lo', 'clv_profit_hi'].map((c) => col(c, `CAST(round(cl.${c}, 2) AS ${money})`, money))
      : [];
  const clv = joins.clv
    ? [
        col('clv_profit', `CAST(round(cl.clv_profit, 2) AS ${money})`, money),
        ...interval,
        col('clv_revenue', `CAST(round(cl.clv_revenue, 2) AS ${money})`, money),
        col('p_alive', 'cl.p_alive', 'DOUBLE'),
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

/** FROM, joins and ORDER BY of an export (sorted by the stored values, qualified: an unqualified name would sort by the quoted text). */
async function fromSql(engine: Engine, spec: ExportSpec): Promise<string> {
  const q = (n: string) => engine.dialect.quoteIdent(n);
  const joins = await perCustomerJoins(engine, spec);
  const parts = [`FROM ${q(spec.name)} AS src`];
  if (joins.customers) parts.push(`LEFT JOIN ${q(CUSTOMERS)} AS cu ON cu.customer_id = src.customer_id`);
  if (joins.clv) parts.push(`LEFT JOIN ${q(CLV)} AS cl ON cl.customer_id = src.customer_id`);
  parts.push(
    `ORDER BY ${spec.orderBy
      .split(',')
      .map((t) => `src.${t.trim()}`)
      .join(', ')}`,
  );
  return parts.join(' ');
}

/** Writes tables to one XLSX workbook, one sheet each; returns rows written per table. */
export async function exportWorkbook(
  engine: Engine,
  specs: readonly ExportSpec[],
  out: string,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const s of specs) {
    await requireTable(engine, s.name);
    const [r] = await engine.query(`SELECT count(*) AS n FROM ${engine.dialect.quoteIdent(s.name)}`);
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
  for (const s of specs) await writeSheet(engine, wb, s);
  await wb.commit();
  return counts;
}

async function writeSheet(
  engine: Engine,
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  spec: ExportSpec,
): Promise<void> {
  const cols = await columnsOf(engine, spec);
  const select = await selectSql(engine, spec);
  const sheet = wb.addWorksheet(spec.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = cols.map((c) => ({
    header: c.name,
    key: c.name,
    width: Math.max(12, Math.min(40, c.name.length + 2)),
    style: NUMBER_FORMATS[c.style] ? { numFmt: NUMBER_FORMATS[c.style] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (let offset = 0; ; offset += PAGE) {
    const rows = await engine.query(`${select} LIMIT ${PAGE} OFFSET ${offset}`);
    for (const row of rows) sheet.addRow(cols.map((c) => cell(row[c.name] ?? null, c.style))).commit();
    if (rows.length < PAGE) break;
  }
  sheet.commit();
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
