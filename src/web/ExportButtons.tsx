/** "Export this table" as CSV or XLSX, beside a table; the rows are the ones shown, or those `all()` gives. */
import { useState } from 'react';
import { useLang } from './i18n.ts';
import { download, rowsOfTable, tableCsv, tableXlsx, type ExportRows } from './tableExport.ts';

/**
 * Two buttons that export the table with `data-testid={target}` (as shown: its filters and
 * sort), or the rows `all` fetches (every page of a server-paged table). `name` names the file.
 */
export function ExportButtons({
  target,
  name,
  all,
}: {
  target: string;
  name: string;
  all?: () => Promise<ExportRows>;
}) {
  const { lang, t } = useLang();
  const [error, setError] = useState<string | null>(null);
  const run = async (format: 'csv' | 'xlsx') => {
    setError(null);
    try {
      const table = document.querySelector(`table[data-testid="${target}"]`);
      const rows = all
        ? await all()
        : table instanceof HTMLTableElement
          ? rowsOfTable(table)
          : { head: [], rows: [] };
      const blob =
        format === 'csv'
          ? new Blob([tableCsv(rows, lang)], { type: 'text/csv;charset=utf-8' })
          : await tableXlsx(rows, name);
      download(blob, `${name}.${format}`);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <span className="export" data-testid={`export-${target}`}>
      <button
        type="button"
        onClick={() => void run('csv')}
        data-testid={`export-csv-${target}`}
        title={t('exportCsvHelp')}
      >
        CSV
      </button>
      <button type="button" onClick={() => void run('xlsx')} data-testid={`export-xlsx-${target}`}>
        XLSX
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
