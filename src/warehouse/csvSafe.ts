/**
 * Text for CSV files that spreadsheets open: a value that starts like a formula (`=`, `+`,
 * `-`, `@`, tab, carriage return) gets a leading single quote, so Excel and LibreOffice show
 * it as text instead of evaluating it (OWASP, "CSV injection"). A plain number such as
 * `-12.50` is left as it is: a spreadsheet reads it as the number it is, not as a formula.
 */
import { csvSafeValue, FORMULA_STARTS } from '../core/index.ts';
import type { Dialect } from './dialect.ts';

// The rule itself lives in core (the dashboard's browser exports use it too); re-exported here.
export { csvSafeValue, FORMULA_STARTS };

/** SQL for the text expression `expr` made safe for a CSV cell (NULL stays NULL). */
export function csvSafeText(dialect: Dialect, expr: string): string {
  const starts = FORMULA_STARTS.map((c) => `'${c}'`).join(', ');
  const plainNumber = dialect.regexFullMatch(expr, `'[+-]?[0-9]+([.,][0-9]+)*'`);
  return `CASE WHEN substr(${expr}, 1, 1) IN (${starts}) AND NOT ${plainNumber} THEN '''' || ${expr} ELSE ${expr} END`;
}
