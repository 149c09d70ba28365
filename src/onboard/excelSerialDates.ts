/**
 * An order date written as Excel's day numbers (46022 for 2025-12-31): a workbook keeps every
 * date so and shows it as a date only in a cell formatted as one, so an export made from a
 * sheet whose date column lost its format (or a CSV saved from it) has whole numbers there.
 * In a workbook the sheet can be fixed where it is: init says what the values are and how to
 * get dates instead, in one paragraph, and writes nothing. In delimited text the workbook is
 * gone: the numbers are read in Excel's 1900 date system (Windows' and, since 2011, the Mac's
 * default) with the formula `excel_date`, and the comment and the preview say so in one line with
 * what to write for a workbook in the 1904 system.
 */
import { WorthError } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { initText, initWord, type Bilingual, type Lang } from '../words/index.ts';
import { term } from './exportYaml.ts';
import type { Recognised } from './recognise.ts';
import type { ExportProfile } from './sniffExport.ts';

/** Day numbers of 1954 to 2119 in Excel's 1900 date system. */
const SERIAL_RANGE = [20_000, 80_000] as const;

/** Excel's day 0 in its 1900 date system, as a UTC time. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** The first of the recognised order date's values when all of them are Excel day numbers; undefined otherwise. */
function serialExample(r: Recognised): number | undefined {
  const c = r.columns.order_date;
  if (!c || c.kind !== 'integer' || !c.examples.length) return undefined;
  const days = c.examples.map((v) => Number(v.trim()));
  if (!days.every((n) => Number.isInteger(n) && n >= SERIAL_RANGE[0] && n <= SERIAL_RANGE[1]))
    return undefined;
  return days[0]!;
}

/** The ISO date of Excel day number `n` (1900 date system). */
const isoOf = (n: number): string => new Date(EXCEL_EPOCH + n * 86_400_000).toISOString().slice(0, 10);

/** Excel day numbers read as dates: the recognised columns with the date, the formula, the view and why. */
export interface SerialDates {
  recognised: Recognised;
  /** worth.yaml's formula for `order_date`, also the name of the date's column in the view. */
  formula: string;
  /** The staged view with the dates as text yyyy-mm-dd (for the rest of init's reads). */
  table: string;
  why: Bilingual;
}

/**
 * Reads a delimited export's order date written as Excel day numbers with `excel_date`: init's
 * later reads see a view with the dates as a column named by the formula (as orderByDay.ts does
 * for its key). Undefined for a workbook (refused there) or a date column that holds dates.
 */
export async function excelSerialDates(
  engine: Engine,
  p: ExportProfile,
  r: Recognised,
): Promise<SerialDates | undefined> {
  const example = p.kind === 'xlsx' ? undefined : serialExample(r);
  const c = r.columns.order_date;
  if (example === undefined || !c) return undefined;
  const q = engine.dialect.quoteIdent;
  const formula = `excel_date(${term(c.name)})`;
  const table = `${p.table}__excel_dates`;
  await engine.run(
    `CREATE VIEW ${q(table)} AS SELECT x.*, ${engine.dialect.excelDayText(engine.dialect.tryDouble(`trim(${q(c.name)})`))} AS ${q(formula)} FROM ${q(p.table)} x`,
  );
  const date = {
    ...c,
    name: formula,
    kind: 'date' as const,
    dateLayout: 'yyyy-mm-dd',
    dateFormats: ['%Y-%m-%d'],
  };
  return {
    recognised: { ...r, columns: { ...r.columns, order_date: date } },
    formula,
    table,
    why: initText('excelSerialRead', {
      column: c.name,
      example: String(example),
      date: isoOf(example),
      formula,
      shifted: `excel_date(${term(c.name)} + 1462)`,
    }),
  };
}

/** Throws a WorthError when the recognised order date holds Excel day numbers rather than dates (a workbook's). */
export function refuseExcelSerialDates(r: Recognised, file: string, lang: Lang): void {
  const example = serialExample(r);
  const c = r.columns.order_date;
  if (example === undefined || !c) return;
  const date = isoOf(example);
  throw new WorthError(
    'input',
    { file, column: c.name },
    String(example),
    'dates',
    initWord(lang, 'excelSerialDates', { column: c.name, example: String(example), date }),
  );
}
