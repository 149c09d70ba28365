/**
 * Text for files that spreadsheets open: a value that starts like a formula (`=`, `+`, `-`,
 * `@`, tab, carriage return) gets a leading single quote, so Excel and LibreOffice show it as
 * text instead of evaluating it (OWASP, "CSV injection"). A plain number such as `-12.50` is
 * left as it is. No imports: the dashboard's exports in the browser use the same rule.
 */

/** The characters that make a spreadsheet treat a cell as a formula. */
export const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r'] as const;

/** A plain number as text (`-12.50`, `+7`, `-1.234,56`): never neutralised. */
export const PLAIN_NUMBER = /^[+-]?[0-9]+([.,][0-9]+)*$/;

/** `text` made safe for a spreadsheet cell: a formula-like start gets a leading `'`. */
export function csvSafeValue(text: string): string {
  const formulaLike =
    (FORMULA_STARTS as readonly string[]).includes(text.charAt(0)) && !PLAIN_NUMBER.test(text);
  return formulaLike ? `'${text}` : text;
}
