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
}

/** Excel's row limit, header included. */
const EXCEL_MAX_ROWS = 1_048_576;
const PAGE = 50_000;

/** Writes one table to `out` in the given format; returns the number of rows written. */
export async function exportTable(engine: Engine, spec: ExportSpec, format: ExportFormat, out: string): Promise<number> {
  if (format === 'xlsx') return (await exportWorkbook(engine, [spec], out))[spec.name]!;
  await requireTable(engine, spec.name);
  const [r] = await engine.query(`SELECT count(*) AS n FROM ${engine.dialect.quoteIdent(spec.name)}`);
  await engine.exportQuery(format === 'csv' ? await csvSelectSql(engine, spec) : selectSql(engine, spec), out, format);
  return Number(r!.n);
}

/**
 * The CSV export's SELECT: text columns made safe for spreadsheets (a customer id `=1+2` is
 * written `'=1+2`); numeric columns untouched, so a negative amount stays a number.
 */
async function csvSelectSql(engine: Engine, spec: ExportSpec): Promise<string> {
  const cols = await columnsOf(engine, spec.name);
  const list = cols.map((c) => {
    const q = engine.dialect.quoteIdent(c.name);
    return c.style === 'text' && /CHAR|TEXT|STRING/i.test(c.sqlType) ? `${csvSafeText(engine.dialect, q)} AS ${q}` : q;
  });
  // Sorted by the stored values (qualified: an unqualified name would sort by the quoted text).
  const orderBy = spec.orderBy.split(',').map((t) => `src.${t.trim()}`).join(', ');
  return `SELECT ${list.join(', ')} FROM ${engine.dialect.quoteIdent(spec.name)} AS src ORDER BY ${orderBy}`;
}

async function columnsOf(engine: Engine, table: string): Promise<{ name: string; sqlType: string; style: ColumnStyle }[]> {
  const types = await engine.query('SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position', [table]);
  return types.map((t) => ({ name: String(t.column_name), sqlType: String(t.data_type), style: columnStyle(String(t.column_name), String(t.data_type)) }));
}

/** Writes tables to one XLSX workbook, one sheet each; returns rows written per table. */
export async function exportWorkbook(engine: Engine, specs: readonly ExportSpec[], out: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const s of specs) {
    await requireTable(engine, s.name);
    const [r] = await engine.query(`SELECT count(*) AS n FROM ${engine.dialect.quoteIdent(s.name)}`);
    counts[s.name] = Number(r!.n);
    if (counts[s.name]! >= EXCEL_MAX_ROWS) {
      throw new WorthError('input', { path: s.name }, counts[s.name], `at most ${EXCEL_MAX_ROWS - 1} rows for XLSX`, `table ${s.name} has ${counts[s.name]} rows, more than a worksheet holds (${EXCEL_MAX_ROWS - 1}); export it as csv or parquet`);
    }
  }
  // Loaded here, not at the top: exceljs takes half a second to load and most commands never write XLSX.
  const { default: excel } = await import('exceljs');
  const wb = new excel.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  for (const s of specs) await writeSheet(engine, wb, s);
  await wb.commit();
  return counts;
}

async function writeSheet(engine: Engine, wb: ExcelJS.stream.xlsx.WorkbookWriter, spec: ExportSpec): Promise<void> {
  const cols = await columnsOf(engine, spec.name);
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
    const rows = await engine.query(`${selectSql(engine, spec)} LIMIT ${PAGE} OFFSET ${offset}`);
    for (const row of rows) sheet.addRow(cols.map((c) => cell(row[c.name] ?? null, c.style))).commit();
    if (rows.length < PAGE) break;
  }
  sheet.commit();
}

/** A cell value: numbers as numbers (Excel holds doubles; the exact figures are in CSV/Parquet), text as text. */
function cell(v: string | number | boolean | null, style: ColumnStyle): string | number | boolean | null {
  if (v === null || style === 'text' || typeof v !== 'string') return v;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
}

function selectSql(engine: Engine, spec: ExportSpec): string {
  return `SELECT * FROM ${engine.dialect.quoteIdent(spec.name)} ORDER BY ${spec.orderBy}`;
}

async function requireTable(engine: Engine, name: string): Promise<void> {
  if (!(await engine.tableExists(name))) {
    throw new WorthError('input', { path: name }, name, 'a table written by `worth analyze`', `table ${name} does not exist in the workspace database (run \`worth analyze\` first)`);
  }
}
