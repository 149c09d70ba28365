/** Exports of stored tables: CSV for a spreadsheet or for scripts, Parquet through the engine, XLSX workbooks for finance users. */
export {
  exportTable,
  exportWorkbook,
  EXPORT_FORMATS,
  MACHINE_FORM,
  type ExportForm,
  type ExportFormat,
  type ExportSpec,
} from './exportTable.ts';
export { csvDialect, type CsvDialect } from '../core/index.ts';
export { columnLabel, type ActivityNames } from './sheetLabels.ts';
export { columnStyle, NUMBER_FORMATS, type ColumnStyle } from './columnFormat.ts';
