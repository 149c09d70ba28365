/**
 * An order-lines source whose customer and date sit in another file (an ERP's order headers
 * beside its order lines, `lookup:` in worth.yaml): the orders file is read and checked on its
 * own (its own line numbers, its own format), each order once; the lines' stage is joined to it
 * on the order number, so the source's mapping names the orders file's columns as if the lines
 * had them. A line whose order is not in the orders file, or whose order's row there was
 * rejected, is rejected with that reason only (route.ts, `lookup`); an order without lines is
 * counted, not an error.
 */
import { TABLE_NAMES, TABLES, WorthError, type TableName } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { strptimeFormats, type LookupConfig, type SourceConfig, type Workspace } from '../workspace/index.ts';
import { duplicateKeyKind, recordWord, rejectReason, type RejectText } from '../words/index.ts';
import { floorFor, overBudget, type BudgetLimits, type RejectReason, type TableBudget } from './budget.ts';
import { dateSql, missingAsNullSql, textSql, trimmedSql } from './parseSql.ts';
import type { PreparedFile } from './prepareFile.ts';
import { FIELDS_COLUMN, RAW_COLUMN, REPEATED_HEADER } from './recordLines.ts';
import { SqlParams } from './sqlParams.ts';
import { stageSource } from './stageSource.ts';

/** An orders file read and checked, ready to join: one row per order number. */
export interface Lookup {
  /** The source whose lines it joins (`order_lines`). */
  source: TableName;
  /** The orders file as shown to the user. */
  file: string;
  /** Its key column as in the file. */
  on: string;
  /** Its columns the mapping may name, as in the file. */
  columns: string[];
  /** Date layouts of the orders file (its dates reach the route as the file writes them). */
  dateFormats: string[];
  /** Table `_key`, `_state` (0 the order's row, 2 every row of the order rejected), `_line`, the columns. */
  table: string;
  rowsRead: number;
  rowsRejected: number;
  /** The lines' column holding the order number (as in the lines' file). */
  linesOn: string;
}

/** What the report says of a lookup file. */
export interface LookupReport {
  source: TableName;
  file: string;
  rowsRead: number;
  rowsUsed: number;
  rowsRejected: number;
  /** Orders of the orders file no line names (counted, not rejected). */
  withoutLines: number;
}

/** The column of `columns` named `want` (compared trimmed, without case), if any. */
function findColumn(columns: string[], want: string): string | undefined {
  const w = want.trim().toLowerCase();
  return columns.find((c) => c.trim().toLowerCase() === w);
}

/** The name in a formula that is only `col("Order Date")` (as init writes a name with a space), else undefined. */
function colArgument(formula: string): string | undefined {
  const m = /^\s*col\(\s*("(?:[^"\\]|\\.)*")\s*\)\s*$/.exec(formula);
  if (!m) return undefined;
  try {
    return JSON.parse(m[1]!) as string;
  } catch {
    return undefined;
  }
}

/**
 * The orders file's columns the source maps directly onto a date column (`order_date:
 * Orderdatum`, or `col("Order Date")` as init writes a name with a space): checked as dates in the orders file itself, so a broken date is one reject
 * on its own line there, not one on every line of the order.
 */
function dateColumns(key: TableName, src: SourceConfig, columns: string[]): string[] {
  const out = new Set<string>();
  const maps: [TableName, Record<string, string>][] = [[key, src.columns]];
  if (src.split) maps.push([src.split.to, src.split.columns]);
  for (const [table, mapping] of maps)
    for (const [canonical, value] of Object.entries(mapping)) {
      if (TABLES[table].columns.find((c) => c.name === canonical)?.kind !== 'date') continue;
      const c = findColumn(columns, value) ?? findColumn(columns, colArgument(value) ?? '');
      if (c !== undefined) out.add(c);
    }
  return [...out];
}

/**
 * Stages the orders file of `sources.<key>.lookup`, rejects its broken rows (into `rejects`,
 * under the source's table and the orders file's name and lines) and builds the table the
 * lines join: the first good row of each order number; an order number whose every row was
 * rejected is kept as such, so its lines say why they do not load. `lineOf` gives the SQL of
 * a staged row's physical line (ingest's, so quoted line breaks count as there).
 */
export async function stageLookup(
  engine: Engine,
  ws: Workspace,
  key: TableName,
  src: SourceConfig & { lookup: LookupConfig },
  linesColumns: string[],
  tmpDir: string,
  lineOf: (stage: string, columns: string[], prepared: PreparedFile) => Promise<string>,
): Promise<Lookup> {
  const d = engine.dialect;
  const q = d.quoteIdent;
  const cfg = src.lookup;
  const lang = ws.config.language;
  const path = `sources.${key}.lookup`;
  const staged = await stageSource(engine, ws, cfg.file, cfg.format, `stg_${key}_lookup`, tmpDir, () => ({
    path: 'text',
    reason: { code: 'small_table' },
  }));
  const shown = staged.shown;
  const want = (name: string, at: string): string => {
    const c = findColumn(staged.columns, name);
    if (c === undefined)
      throw new WorthError(
        'file_format',
        { file: shown, column: name, path: at },
        undefined,
        `a column ${name}`,
        undefined,
        {
          key: 'lookupNoColumn',
          vars: { column: name, found: staged.columns.join(', ') },
        },
      );
    return c;
  };
  const on = want(cfg.on, `${path}.on`);
  const linesOn = findColumn(linesColumns, cfg.on);
  if (linesOn === undefined)
    throw new WorthError(
      'file_format',
      { file: sourceFileText(src), column: cfg.on, path: `${path}.on` },
      undefined,
      `a column ${cfg.on}`,
      undefined,
      {
        key: 'lookupNoColumn',
        vars: { column: cfg.on, found: linesColumns.join(', ') },
      },
    );
  const columns = cfg.columns.map((c, i) => want(c, `${path}.columns.${i}`));
  for (const [i, c] of columns.entries())
    if (findColumn(linesColumns, c) !== undefined || findColumn([on], c) !== undefined)
      throw new WorthError(
        'config',
        { path: `${path}.columns.${i}` },
        c,
        'a column only the orders file has',
        undefined,
        {
          key: 'lookupColumnTwice',
          vars: { column: c, lines: sourceFileText(src) },
        },
      );
  const dates = dateColumns(key, src, columns);
  const dateFormats = strptimeFormats(cfg.format.date_format, `${path}.format.date_format`);
  const line = await lineOf(staged.stage, staged.columns, staged.prepared);

  const params = new SqlParams();
  const missing = [...new Set(ws.config.missing_values.map((v) => v.trim().toLowerCase()))];
  const longest = Math.max(
    0,
    ...missing.map((v) => Math.max(Buffer.byteLength(v), Buffer.byteLength(v.toUpperCase()))),
  );
  const placeholders = missing.map((v, i) => params.bindNamed(`missing_${i}`, v));
  const clean = (c: string) => missingAsNullSql(`s.${q(c)}`, placeholders, longest, d);
  const rows = `lk_${key}_rows`;
  const ragged = staged.ragged
    ? `s.${q(RAW_COLUMN)} IS NOT NULL) AS _ragged, CAST(s.${q(FIELDS_COLUMN)} AS VARCHAR) AS _fields, s.${q(RAW_COLUMN)} AS _raw`
    : 'FALSE) AS _ragged, CAST(NULL AS VARCHAR) AS _fields, CAST(NULL AS VARCHAR) AS _raw';
  await engine.run(
    `${d.createTempTable(q(rows))} AS SELECT s._rn AS _rn, ${line} AS _line, (${ragged}, ${textSql(clean(on))} AS _key, s.${q(on)} AS _key_raw${columns.map((c) => `, s.${q(c)} AS ${q(c)}`).join('')}${dates.map((c, i) => `, ${dateSql(clean(c), dateFormats, d)} AS _date_${i}`).join('')} FROM ${q(staged.stage)} s`,
    params.byName(),
  );
  /** A row of the orders file with a problem (a reject): it is no order's row. */
  const badOf = (r: string) =>
    [`${r}_ragged`, `${r}_key IS NULL`, ...dates.map((_, i) => `${r}_date_${i} IS NULL`)].join(' OR ');
  const bad = badOf('');
  const first = `lk_${key}_first`;
  await engine.run(
    `${d.createTempTable(q(first))} AS SELECT _key, min(_rn) AS first_rn, ${d.argMin('_line', '_rn')} AS first_line FROM ${q(rows)} WHERE NOT (${bad}) GROUP BY _key`,
  );
  const table = `lk_${key}`;
  const cols = columns.map(q);
  await engine.run(
    `${d.createTempTable(q(table))} AS SELECT r._key AS _key, CAST(0 AS INTEGER) AS _state, r._line AS _line${cols.map((c) => `, r.${c} AS ${c}`).join('')} FROM ${q(rows)} r JOIN ${q(first)} f ON f._key = r._key AND f.first_rn = r._rn UNION ALL SELECT _key, CAST(2 AS INTEGER), min(_line)${cols.map((c) => `, CAST(NULL AS VARCHAR) AS ${c}`).join('')} FROM ${q(rows)} WHERE _key IS NOT NULL AND _key NOT IN (SELECT _key FROM ${q(first)}) GROUP BY _key`,
  );

  // Rejects of the orders file: before the lines' (route 0 of the source's table), each problem once.
  const ord = TABLE_NAMES.indexOf(key);
  let check = 0;
  const reject = async (where: string, column: string, value: string, reason: RejectText, kind?: string) => {
    const said = rejectReason(lang, reason);
    await engine.run(
      `INSERT INTO rejects SELECT ${ord}, 0, ${check++}, $1, $2, _line, $3, ${value}, $4, $5, $6 FROM ${q(rows)} WHERE ${where}`,
      [key, shown, column, reason.code, said, kind ?? said],
    );
  };
  if (staged.ragged) {
    const whole = recordWord(lang, 'rejectWholeLine');
    await reject(`_ragged AND _fields = '${REPEATED_HEADER}'`, whole, `coalesce(_raw, '')`, {
      code: 'repeated_header',
    });
    const fields: RejectText = {
      code: 'wrong_field_count',
      vars: { found: '\u0000', expected: String(staged.columns.length) },
    };
    const [b, a] = rejectReason(lang, fields).split('\u0000');
    await engine.run(
      `INSERT INTO rejects SELECT ${ord}, 0, ${check++}, $1, $2, _line, $3, coalesce(_raw, ''), $4, $5 || _fields || $6, $7 FROM ${q(rows)} WHERE _ragged AND _fields <> '${REPEATED_HEADER}'`,
      [
        key,
        shown,
        whole,
        fields.code,
        b!,
        a!,
        recordWord(lang, 'rejectFieldCountGroup', { expected: String(staged.columns.length) }),
      ],
    );
  }
  await reject(`NOT _ragged AND _key IS NULL`, on, `coalesce(_key_raw, '')`, {
    code: 'lookup_key_missing',
    vars: { column: on, lines: sourceFileText(src) },
  });
  for (const [i, c] of dates.entries())
    await reject(`NOT _ragged AND _date_${i} IS NULL`, c, `coalesce(${q(c)}, '')`, {
      code: 'not_a_date',
      vars: { format: cfg.format.date_format },
    });
  // A second row of an order: the first loads, this one names its line.
  const [before, after] = rejectReason(lang, {
    code: 'duplicate_key',
    vars: { key: on, line: '\u0000' },
  }).split('\u0000');
  await engine.run(
    `INSERT INTO rejects SELECT ${ord}, 0, ${check++}, $1, $2, r._line, $3, r._key, 'duplicate_key', $4 || CAST(f.first_line AS VARCHAR) || $5, $6 FROM ${q(rows)} r JOIN ${q(first)} f ON f._key = r._key WHERE r._rn > f.first_rn AND NOT (${badOf('r.')})`,
    [key, shown, on, before!, after!, duplicateKeyKind(lang, on)],
  );
  const [n] = await engine.query(
    `SELECT (SELECT count(*) FROM ${q(rows)}) AS r, (SELECT count(*) FROM ${q(first)}) AS u`,
  );
  const rowsRead = Number(n!.r);
  return {
    source: key,
    file: shown,
    on,
    columns,
    dateFormats,
    table,
    rowsRead,
    rowsRejected: rowsRead - Number(n!.u),
    linesOn,
  };
}

/** The lines' file(s) as worth.yaml names them, for a reject's sentence. */
function sourceFileText(src: SourceConfig): string {
  return Array.isArray(src.file) ? src.file.join(', ') : src.file;
}

/**
 * A view over a staged file of the lines (`stage`: `_rn` and the file's columns) with the
 * orders file's columns beside each line's, `__lookup_key` (the line's order number) and
 * `__lookup_state` (0 found or no number, 1 not in the orders file, 2 its row there rejected).
 * One view per stage, made on first call.
 */
export async function joinLookup(engine: Engine, lookup: Lookup, stage: string): Promise<string> {
  const d = engine.dialect;
  const q = d.quoteIdent;
  const view = `${stage}__lookup`;
  if (made.get(engine)?.has(view)) return view;
  const key = textSql(trimmedSql(`CAST(s.${q(lookup.linesOn)} AS VARCHAR)`));
  await engine.run(
    `${d.createTempView(q(view), true)} AS SELECT x.*${lookup.columns.map((c) => `, o.${q(c)} AS ${q(c)}`).join('')}, CASE WHEN x.__lookup_key IS NULL THEN 0 WHEN o._state IS NULL THEN 1 ELSE o._state END AS __lookup_state FROM (SELECT s.*, ${key} AS __lookup_key FROM ${q(stage)} s) x LEFT JOIN ${q(lookup.table)} o ON o._key = x.__lookup_key`,
  );
  const views = made.get(engine) ?? new Set<string>();
  views.add(view);
  made.set(engine, views);
  return view;
}

/** The join views made, per engine (a run's connection): a file's text stage is asked for once per route. */
const made = new WeakMap<Engine, Set<string>>();

/**
 * Counts the orders of the orders file that no line of `stages` (the lines' staged files)
 * names, and words the orders file's line in the report. Not an error: an order cancelled
 * before it had lines, or lines exported for another period.
 */
export async function lookupReport(engine: Engine, lookup: Lookup, stages: string[]): Promise<LookupReport> {
  const q = engine.dialect.quoteIdent;
  const key = (stage: string) =>
    `SELECT ${textSql(trimmedSql(`CAST(s.${q(lookup.linesOn)} AS VARCHAR)`))} AS k FROM ${q(stage)} s`;
  const [r] = await engine.query(
    `SELECT count(*) AS n, sum(CASE WHEN _key NOT IN (SELECT k FROM (${stages.map(key).join(' UNION ALL ')}) l WHERE k IS NOT NULL) THEN 1 ELSE 0 END) AS w FROM ${q(lookup.table)} WHERE _state = 0`,
  );
  return {
    source: lookup.source,
    file: lookup.file,
    rowsRead: lookup.rowsRead,
    rowsUsed: Number(r!.n),
    rowsRejected: lookup.rowsRejected,
    withoutLines: Number(r!.w ?? 0),
  };
}

/**
 * The orders file against the reject budget: its rows read and rejected, and its reasons (from
 * `rejects`, route 0 of the source's table), as a table of its own named by the file.
 */
export async function lookupBudget(
  engine: Engine,
  lookup: Lookup,
  limits: BudgetLimits,
): Promise<{ budget: TableBudget; reasons: RejectReason[] }> {
  const d = engine.dialect;
  const rows = await engine.query(
    `SELECT check_ord AS k, count(*) AS n, min(line) AS line, ${d.argMin('column_name', 'line')} AS col, ${d.argMin('value', 'line')} AS val, ${d.argMin('code', 'line')} AS code, ${d.argMin('kind', 'line')} AS reason FROM rejects WHERE table_ord = $1 AND route = 0 AND file = $2 GROUP BY check_ord ORDER BY check_ord`,
    [TABLE_NAMES.indexOf(lookup.source), lookup.file],
  );
  // Its reasons are the table's (as in rejects.csv), the example naming the orders file; the budget line is the file's.
  const reasons: RejectReason[] = rows.map((r) => ({
    table: lookup.source,
    column: String(r.col),
    code: String(r.code),
    reason: String(r.reason),
    rows: Number(r.n),
    example: { file: lookup.file, line: Number(r.line), column: String(r.col), value: String(r.val ?? '') },
  }));
  const lineShare = lookup.rowsRead > 0 ? lookup.rowsRejected / lookup.rowsRead : 0;
  return {
    budget: {
      table: lookup.file,
      rowsRead: lookup.rowsRead,
      rowsRejected: lookup.rowsRejected,
      totalsLines: 0,
      lineShare,
      // The same rule as every table's: the share, with the floor of a small file (budget.ts).
      floorLines: floorFor(lookup.rowsRead, limits),
      exceeded: overBudget(
        { lines: BigInt(lookup.rowsRejected), money: 0n },
        { lines: BigInt(lookup.rowsRead), money: 0n },
        limits,
      ),
    },
    reasons,
  };
}
