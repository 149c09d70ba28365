import { TABLES, type ColumnKind, type TableName } from '../core/index.ts';
import type { ReadText } from '../words/index.ts';
import type { Dialect } from '../warehouse/index.ts';
import { twoDigitYearFormats, type SourceConfig } from '../workspace/index.ts';
import type { PreparedFile } from './prepareFile.ts';
import { MONEY_READ, QUANTITY, thousandsOf } from './parseSql.ts';

/** The kinds of column the engine's typed reader reads exactly as the text path parses them. */
export type TypedKind = 'money' | 'quantity' | 'date';

/** How a source is read: which columns get declared types, or why it is read as text. */
export type ReadPlan =
  | {
      path: 'typed';
      kinds: Record<string, TypedKind>;
      types: Record<string, string>;
      dateFormat?: string;
      timestampFormat?: string;
    }
  | { path: 'text'; reason: ReadText };

/** What the read plan of one source needs to know. */
export interface ReadPlanInput {
  /** The table the source is configured under. */
  table: TableName;
  source: SourceConfig;
  prepared: PreparedFile;
  /** The file's column names. */
  columns: string[];
  /** strptime layouts of the source's dates, the configured one first. */
  dateFormats: string[];
  /** Values that mean "missing" in any column. */
  missingValues: string[];
  /** Source columns read as text elsewhere (customer attributes carried from the order lines). */
  textColumns: string[];
  dialect: Dialect;
}

/**
 * Decides which columns of a source the engine may read with declared types. A column
 * qualifies when every use of it loads it directly as an amount, a quantity or a date (no
 * formula, split condition, exclusion rule or text use mentions it): for those the engine's typed reader
 * gives the value the text path's parse gives, or refuses the file (then the whole source
 * is read as text, so every problem is reported by the one text path). The demo's figures,
 * in ARCHITECTURE.md (src/ingest), say why this is worth a second reading of a messy file.
 */
export function planRead(p: ReadPlanInput): ReadPlan {
  if (p.prepared.kind === 'parquet') return { path: 'text', reason: { code: 'parquet' } };
  if (p.prepared.hasLineColumn) return { path: 'text', reason: { code: 'xlsx' } };
  if (p.prepared.format.decimal !== '.' || thousandsOf(p.prepared.format) !== '') {
    return { path: 'text', reason: { code: 'decimal_comma' } };
  }
  // A "missing" word that could be a number or a date would be read as one by the typed reader.
  if (p.missingValues.some((v) => /[0-9]/.test(v)))
    return { path: 'text', reason: { code: 'missing_number' } };
  const byLower = new Map(p.columns.map((c) => [c.trim().toLowerCase(), c]));
  const findSource = (name: string) => byLower.get(name.trim().toLowerCase());
  const uses = new Map<string, Set<ColumnKind | 'text'>>();
  const use = (col: string, kind: ColumnKind | 'text') =>
    uses.set(col, (uses.get(col) ?? new Set()).add(kind));
  const formulas: string[] = [];
  // The exclusion rule reads its columns as the text path does (is_empty, starts_with, ...).
  if (p.source.exclude_when !== undefined) formulas.push(p.source.exclude_when);
  const routes: [TableName, Record<string, string>][] = [[p.table, p.source.columns]];
  if (p.source.split) {
    routes.push([p.source.split.to, p.source.split.columns]);
    formulas.push(p.source.split.when);
  }
  for (const [table, mapping] of routes) {
    for (const col of TABLES[table].columns) {
      const mapped = mapping[col.name];
      const direct = findSource(mapped ?? col.name);
      if (direct) use(direct, col.kind);
      else if (mapped !== undefined) formulas.push(mapped);
    }
  }
  for (const c of p.textColumns) {
    const found = findSource(c);
    if (found) use(found, 'text');
    else formulas.push(c);
  }
  // Names in formulas are matched loosely (any mention): a false match only keeps a column as text.
  const mentioned = (col: string) => formulas.some((f) => f.toLowerCase().includes(col.trim().toLowerCase()));
  const kinds: Record<string, TypedKind> = {};
  const types: Record<string, string> = {};
  // The reader takes one layout for dates and one for date-times: each column's first value picks.
  const layouts: { dateFormat?: string; timestampFormat?: string } = {};
  for (const [col, kinds_] of uses) {
    if (kinds_.size !== 1 || mentioned(col)) continue;
    const kind = [...kinds_][0]!;
    switch (kind) {
      case 'money':
        kinds[col] = kind;
        types[col] = p.dialect.decimalType(MONEY_READ.precision, MONEY_READ.scale);
        break;
      case 'quantity':
        kinds[col] = kind;
        types[col] = p.dialect.decimalType(QUANTITY.precision, QUANTITY.scale);
        break;
      case 'date': {
        const layout = layoutFor(p.prepared.sample?.[p.columns.indexOf(col)], p.dateFormats);
        // Month names (5-mrt-2025) are read by the text path, which knows the Dutch ones.
        if (layout === undefined || layout.includes('%b')) break;
        const key = layout.includes('%H') ? 'timestampFormat' : 'dateFormat';
        if ((layouts[key] ?? layout) !== layout) break;
        layouts[key] = layout;
        kinds[col] = kind;
        types[col] = key === 'timestampFormat' ? 'TIMESTAMP' : 'DATE';
        break;
      }
      case 'id':
      case 'text':
      case 'integer':
      case 'number':
      case 'boolean':
        // Whole numbers, DOUBLEs and booleans are parsed more strictly on the text than the
        // engine's casts do ("1.5" as an integer, "yes" as a boolean): they stay text.
        break;
    }
  }
  if (Object.keys(kinds).length === 0) return { path: 'text', reason: { code: 'nothing_typed' } };
  return { path: 'typed', kinds, types, ...layouts };
}

/**
 * The layout among `formats` (the configured one first, then it with a time) that a sample
 * value has the shape of; undefined when none. A file whose later values have another layout
 * fails the typed read and is read as text. A date-only sample shorter than a four-digit-year
 * date whose year has two digits (`27-1-24` under `dd-mm-jjjj`) takes the layout's two-digit
 * twin, as the text path reads it (dateSql, parseSql.ts: 00-68 are 2000-2068, 69-99 1969-1999):
 * the four-digit layout would read it as the year 24. A later four-digit year then fails the
 * twin's typed read, and the file is read as text.
 */
function layoutFor(value: string | undefined, formats: string[]): string | undefined {
  const base = formats[0];
  if (base === undefined || base.includes('%H') || value === undefined) return base;
  const trimmed = value.trim();
  const time = /([ T])\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/.exec(trimmed);
  if (!time) {
    const twin = twoDigitYearFormats([base])[0];
    return twin !== undefined && trimmed.length < 10 && shapeOf(twin).test(trimmed) ? twin : base;
  }
  const want = `${base}${time[1]}%H:%M${time[2] ? ':%S' : ''}${time[3] ? '.%f' : ''}`;
  return formats.includes(want) ? want : undefined;
}

/** A regular expression for the values a date layout of numbers reads (`%d-%m-%y`: `27-1-24`). */
function shapeOf(layout: string): RegExp {
  const parts = layout.split(/(%[a-zA-Z])/).map((p) => {
    switch (p) {
      case '%d':
      case '%m':
        return '\\d{1,2}';
      case '%y':
        return '\\d{2}';
      case '%Y':
        return '\\d{4}';
      default:
        return p.startsWith('%') ? '[^]+' : p.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    }
  });
  return new RegExp(`^${parts.join('')}$`);
}
