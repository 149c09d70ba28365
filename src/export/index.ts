/** Exports of stored tables: CSV and Parquet through the engine, XLSX workbooks for finance users. */
export {
  exportTable,
  exportWorkbook,
  csvDialect,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportSpec,
  type CsvDialect,
} from './exportTable.ts';
export { columnStyle, NUMBER_FORMATS, type ColumnStyle } from './columnFormat.ts';
