import { renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  noProgress,
  silentLogger,
  TABLE_NAMES,
  TABLES,
  moneyColumns,
  type Logger,
  type Progress,
  type TableName,
} from '../core/index.ts';
import {
  csvSafeText,
  DATABASE_FILE,
  hasWorkspaceDatabase,
  openWorkspaceDatabase,
  type Engine,
} from '../warehouse/index.ts';
import { strptimeFormats, type SourceConfig, type Workspace } from '../workspace/index.ts';
import {
  cliWord,
  duplicateKeyElsewhere,
  duplicateKeyElsewhereKind,
  duplicateKeyKind,
  orderInTwoFilesKind,
  readReason,
  recordWord,
  rejectColumnText,
  rejectsHeader,
  type RejectsColumn,
  rejectReason,
} from '../words/index.ts';
import { stageSource, type StagedSource } from './stageSource.ts';
import { sameColumns } from './sameColumns.ts';
import { sourceFiles } from './sourceFiles.ts';
import { ordersInTwoFiles } from './ordersInTwoFiles.ts';
import {
  joinLookup,
  lookupBudget,
  lookupReport,
  stageLookup,
  type Lookup,
  type LookupReport,
} from './lookupJoin.ts';
import { fillDown, groupHeading, planFillDown } from './fillDown.ts';
import { planRead, type ReadPlan } from './fastPath.ts';
import { cleanTextColumns } from './cleanText.ts';
import type { PreparedFile } from './prepareFile.ts';
import type { IngestReport, SourceRead, TableReconciliation } from './report.ts';
import { spreadsheetNumberExample, storageType } from './parseSql.ts';
import { loadProductCosts, PRODUCT_COSTS_TABLE } from './productCosts.ts';
import { routeSql } from './renderRoute.ts';
import { ROUTE_ROWS, type Route, type RouteSql } from './route.ts';
import { canonicalFirst, loadInOnePass } from './onePass.ts';
import { collectAttributeLines, createAttributeLines, deriveCustomers } from './deriveCustomers.ts';
import { storeIngestQuality } from './storeQuality.ts';
import { rejectSummary, tableRejects } from './budget.ts';
import { budgetInOnePass, reconciledInOnePass, type LoadTotals } from './loadTotals.ts';
import { estimateReturnCogs } from './returnCogs.ts';
import { LoadRefused, loadProblems, previousCounts, tableCounts } from './guards.ts';
import { countExclusions, excludeOf, footerExclusion, storeExclusions, type Exclusion } from './exclusion.ts';

/** The database file of a workspace (defined by the warehouse, which opens it). */
export { DATABASE_FILE };
/** The rejects file of a workspace. */
export const REJECTS_FILE = 'rejects.csv';

/** Options for a load. */
export interface IngestOptions {
  logger?: Logger;
  progress?: Progress;
  /** Let a table shrink to half or less of the previous load (`worth ingest --accept-shrink`). */
  acceptShrink?: boolean;
  /**
   * `text` reads every source as text, the path a file with problems takes (`auto`, the
   * default, reads a clean file's amounts and dates with the engine's typed reader). For
   * comparing the two paths; the result is the same.
   */
  readPath?: 'auto' | 'text';
}

/** Where a refused load leaves its rejects (rejects.csv stays that of the load in place). */
export const REFUSED_REJECTS_FILE = 'rejects.failed.csv';

/**
 * Loads every source of the workspace into the canonical tables. Atomic: the new database
 * is built beside the old one and replaces it only when everything has loaded, so a failed
 * or interrupted run leaves the previous good state untouched.
 */
export async function ingestWorkspace(ws: Workspace, options: IngestOptions = {}): Promise<IngestReport> {
  const logger = options.logger ?? silentLogger;
  const progress = options.progress ?? noProgress;
  const rejectsFile = path.join(ws.dir, REJECTS_FILE);
  // The next generation is built in a file of its own under the workspace's writer lock and
  // published whole (see src/warehouse/workspaceDatabase.ts). Memory stays bounded on big
  // loads: DuckDB spills its working tables to disk past the limit.
  const write = await openWorkspaceDatabase(ws.dir, 'write', {
    command: 'worth ingest',
    start: 'empty',
    memoryLimit: process.env.WORTH_MEMORY_LIMIT ?? '2500MB',
    logger,
    lang: ws.config.language,
  });
  try {
    const { engine, scratchDir } = write;
    const report = await load(engine, ws, scratchDir, progress, logger, options.readPath ?? 'auto');
    const tmpRejects = path.join(scratchDir, REJECTS_FILE);
    const dialect = engine.dialect;
    const safe = (column: string) => csvSafeText(dialect, column);
    // The header in the workspace's language, like the reasons under it (only `code` is the same in both).
    const header = rejectsHeader(ws.config.language);
    const h = (column: RejectsColumn) => dialect.quoteIdent(header[column]);
    await engine.exportQuery(
      // Values come from the user's files: one that starts like a formula is written as text.
      `SELECT ${safe('table_name')} AS ${h('table')}, ${safe('file')} AS ${h('file')}, line AS ${h('line')}, ${safe('column_name')} AS ${h('column')}, ${safe('value')} AS ${h('value')}, code AS ${h('code')}, ${safe('reason')} AS ${h('reason')} FROM rejects ORDER BY table_ord, route, line, check_ord`,
      tmpRejects,
      'csv',
    );
    // The guards: a load over its reject budget, without a required table or shrunk to half
    // is refused before the commit point; its rejects go beside the load that stays.
    const sources = Object.fromEntries(Object.entries(report.tables).map(([t, r]) => [t, r.sources]));
    const problems = loadProblems(
      report.rejectSummary,
      await tableCounts(engine),
      await previousCounts(ws.dir, logger, ws.config.language),
      sources,
      options.acceptShrink ?? false,
    );
    if (problems.length) {
      const failedRejects = path.join(ws.dir, REFUSED_REJECTS_FILE);
      renameSync(tmpRejects, failedRejects);
      throw new LoadRefused(
        { ...report, rejectsFile: failedRejects, database: path.join(ws.dir, DATABASE_FILE) },
        problems,
      );
    }
    // The commit point: the database is replaced in one rename; the rejects file follows it.
    await write.publish(() => {
      renameSync(tmpRejects, rejectsFile);
      rmSync(path.join(ws.dir, REFUSED_REJECTS_FILE), { force: true });
    });
    return { ...report, rejectsFile, database: path.join(ws.dir, DATABASE_FILE) };
  } finally {
    await write.discard();
  }
}

async function load(
  engine: Engine,
  ws: Workspace,
  tmpDir: string,
  progress: Progress,
  logger: Logger,
  readPath: 'auto' | 'text',
): Promise<Omit<IngestReport, 'rejectsFile' | 'database'>> {
  const d = engine.dialect;
  const q = d.quoteIdent;
  const cfg = ws.config;
  const lang = cfg.language;
  // Without a customers file, customers are derived from the transactions (deriveCustomers.ts).
  const customersFrom = cfg.sources.customers?.file === undefined ? cfg.sources.customers : undefined;
  const derived = customersFrom !== undefined || cfg.sources.customers === undefined;
  const carry = customersFrom?.columns ?? {};
  const carried = Object.keys(carry);
  const sources = (Object.entries(cfg.sources) as [TableName, SourceConfig | undefined][]).filter(
    (e): e is [TableName, SourceConfig] => e[1]?.file !== undefined,
  );
  progress.start('ingest', sources.length + TABLE_NAMES.length);
  let step = 0;

  await engine.run(
    'CREATE TABLE rejects (table_ord INTEGER, route INTEGER, check_ord INTEGER, table_name VARCHAR, file VARCHAR, line BIGINT, column_name VARCHAR, value VARCHAR, code VARCHAR, reason VARCHAR, kind VARCHAR)',
  );
  for (const t of TABLE_NAMES) {
    const cols = TABLES[t].columns.map((c) => `${q(c.name)} ${storageType(c.kind, d)}`);
    if (t === 'order_lines') cols.push('cogs_estimated BOOLEAN');
    // Set by the estimate of cost of goods recovered (returnCogs.ts), after the load.
    if (t === 'returns') cols.push('cogs_estimated BOOLEAN DEFAULT FALSE');
    cols.push('_line BIGINT', '_source VARCHAR');
    await engine.run(`CREATE TABLE ${q(t)} (${cols.join(', ')})`);
  }

  /**
   * Whether a source's files may each be loaded in one statement from the typed reader (no
   * stage): one route into a table no other source feeds (one file, or one per month), with no step that needs record numbers
   * before the route (fill_down, group_heading), no rule that reads the file again
   * (exclude_when) and no join that could reorder the rows (product costs).
   */
  const onePassSource = (key: TableName, src: SourceConfig): boolean =>
    readPath === 'auto' &&
    src.split === undefined &&
    !src.fill_down?.length &&
    src.group_heading === undefined &&
    excludeOf(ws, key, src) === undefined &&
    src.lookup === undefined &&
    !(key === 'order_lines' && cfg.cogs?.product_costs !== undefined) &&
    !sources.some(([, other]) => other.split?.to === key);
  /** How a staged file was read, for the report. */
  const readOf = (staged: StagedSource): SourceRead =>
    staged.read.path === 'typed'
      ? { file: staged.shown, path: 'typed' }
      : {
          file: staged.shown,
          path: 'text',
          reason: readReason('en', staged.read.reason),
          said: staged.read.reason,
        };
  /** A file loaded in one pass, by route id: its record count and how to stage it when it has a problem. */
  const onePasses = new Map<
    number,
    {
      records: number;
      firstLine: number;
      staged: () => Promise<StagedSource>;
      table: TableName;
      src: SourceConfig;
      read: number;
    }
  >();
  // The source that rejects a file's broken records, by file: another source over the same export
  // (returns read from the order lines' file) leaves them to it, so a line is rejected once.
  const raggedOwner = new Map<string, TableName>();
  /** The routes of a staged file (two with a split rule), numbered from `firstId`. */
  const routesOf = async (
    staged: StagedSource,
    key: TableName,
    src: SourceConfig,
    firstId: number,
    readIndex: number,
  ): Promise<Route[]> => {
    const { shown, stage: fileStage, prepared, columns: fileColumns, read, textStage, ragged } = staged;
    const typed = read.path === 'typed' ? read.kinds : undefined;
    // In one pass nothing is staged: the line is set from the row's place once the rows are in
    // (until then every row has the first line, so a key taken from the line is never missing).
    const lineSql = staged.onePass
      ? `CAST(${Math.trunc(staged.onePass.firstLine)} AS BIGINT)`
      : await lineExpression(
          engine,
          fileStage,
          fileColumns.filter((c) => !typed?.[c]),
          prepared,
        );
    // An orders file joined on the order number (lookupJoin.ts): its columns beside the lines'.
    const lookup = lookups.get(key);
    const stage = lookup ? await joinLookup(engine, lookup, fileStage) : fileStage;
    const sourceColumns = lookup ? [...fileColumns, ...lookup.columns] : fileColumns;
    const configured = strptimeFormats(src.format.date_format, `sources.${key}.format.date_format`);
    const dateFormats = [...configured, ...prepared.extraDateFormats, ...(lookup?.dateFormats ?? [])];
    const filling = planFillDown(src, sourceColumns, `sources.${key}`);
    const grouped = src.group_heading
      ? await groupHeading(
          engine,
          stage,
          { name: src.group_heading, configPath: `sources.${key}.group_heading` },
          sourceColumns,
          cfg.missing_values,
        )
      : stage;
    const routed = filling ? await fillDown(engine, grouped, filling, cfg.missing_values) : grouped;
    const textColumns = sourceColumns.filter((c) => !typed?.[c]);
    // One bit per column in the pass's check (route.ts, `_unclean`).
    const assumeClean = staged.onePass !== undefined && typed !== undefined && textColumns.length <= 62;
    const base = {
      file: shown,
      stage: routed,
      sourceColumns,
      typed,
      // A clean file (the typed read took it): its text columns that need no cleaning are read as
      // they are. In one pass they are assumed clean and checked in the pass itself (onePass.ts).
      cleanText: typed
        ? assumeClean
          ? new Set(textColumns)
          : await cleanTextColumns(
              engine,
              routed,
              sourceColumns.filter((c) => !typed[c]),
              cfg.missing_values,
            )
        : undefined,
      checkClean: assumeClean,
      format: prepared.format,
      // A sheet's number cells show in the workspace's language, whatever its copy writes.
      ...(prepared.hasLineColumn ? { shownNumber: spreadsheetNumberExample(lang) } : {}),
      ...(prepared.shownDates ? { shownDates: prepared.shownDates } : {}),
      dateFormats,
      lineSql,
      ragged: ragged
        ? { expected: fileColumns.length, elsewhere: (raggedOwner.get(shown) ?? key) !== key }
        : undefined,
      exclude: excludeOf(ws, key, src),
      ...(lookup ? { lookup: { file: lookup.file, column: lookup.linesOn } } : {}),
    };
    if (ragged && !raggedOwner.has(shown)) raggedOwner.set(shown, key);
    const out: Route[] = src.split
      ? [
          {
            ...base,
            id: firstId,
            table: key,
            mapping: src.columns,
            split: { when: src.split.when, matches: false },
            configPath: `sources.${key}.columns`,
          },
          {
            ...base,
            id: firstId + 1,
            table: src.split.to,
            mapping: src.split.columns,
            split: { when: src.split.when, matches: true },
            configPath: `sources.${key}.split.columns`,
          },
        ]
      : [{ ...base, id: firstId, table: key, mapping: src.columns, configPath: `sources.${key}.columns` }];
    for (const r of out) {
      textStages.set(r.id, lookup ? async () => joinLookup(engine, lookup, await textStage()) : textStage);
      if (staged.onePass) onePasses.set(r.id, { ...staged.onePass, table: key, src, read: readIndex });
      else onePasses.delete(r.id);
    }
    return out;
  };

  // Stage every source file (typed where it can be: fastPath.ts), and route its rows to canonical tables.
  const routes: Route[] = [];
  const reads: SourceRead[] = [];
  const footers: Exclusion[] = [];
  /** A route's source staged as text (for the raw values of rejects), by route id. */
  const textStages = new Map<number, () => Promise<string>>();
  /** A source's orders file, read and checked once its first file of lines is staged. */
  const lookups = new Map<TableName, Lookup>();
  const lookupReports: LookupReport[] = [];
  for (const [key, src] of sources) {
    const configured = strptimeFormats(src.format.date_format, `sources.${key}.format.date_format`);
    const plan = (prepared: PreparedFile, columns: string[]): ReadPlan =>
      readPath === 'text'
        ? { path: 'text', reason: { code: 'asked_for' } }
        : planRead({
            table: key,
            source: src,
            prepared,
            columns,
            dateFormats: [...configured, ...prepared.extraDateFormats],
            missingValues: cfg.missing_values,
            // Filled columns and the order number are compared as text (fillDown.ts).
            textColumns: [
              ...Object.values(carry),
              ...(src.fill_down?.length ? [...src.fill_down, src.columns.order_id ?? 'order_id'] : []),
              ...(src.group_heading ? [src.group_heading] : []),
              // Joined on as text (lookupJoin.ts).
              ...(src.lookup ? [src.lookup.on] : []),
            ],
            dialect: d,
          });
    // One export per month: every file of the source is staged and routed on its own, so
    // rejects, line keys and drill-to-source name the file and the line within it.
    const files = sourceFiles(ws.dir, src.file, `sources.${key}.file`);
    let first: { file: string; columns: string[] } | undefined;
    /** The source's staged files, for the orders no line names. */
    const linesStages: string[] = [];
    for (const [i, file] of files.entries()) {
      logger.info(cliWord(lang, 'reading', { file }));
      const stageName = files.length > 1 ? `stg_${key}_${i + 1}` : `stg_${key}`;
      const staged = await stageSource(
        engine,
        ws,
        file,
        src.format,
        stageName,
        tmpDir,
        plan,
        onePassSource(key, src),
      );
      if (first) sameColumns(first, { file: staged.shown, columns: staged.columns });
      else first = { file: staged.shown, columns: staged.columns };
      if (src.lookup && !lookups.has(key)) {
        logger.info(cliWord(lang, 'reading', { file: src.lookup.file }));
        const lookup = await stageLookup(
          engine,
          ws,
          key,
          { ...src, lookup: src.lookup },
          staged.columns,
          tmpDir,
          (stage, columns, prepared) => lineExpression(engine, stage, columns, prepared),
        );
        lookups.set(key, lookup);
      }
      linesStages.push(staged.stage);
      reads.push(readOf(staged));
      // A file's footer is counted once, with the source that rejects its broken lines.
      if (staged.footer && !footers.some((f) => f.file === staged.shown))
        footers.push(footerExclusion(key, staged.shown, staged.footer.lines, staged.footer));
      routes.push(...(await routesOf(staged, key, src, routes.length + 1, reads.length - 1)));
    }
    const lookup = lookups.get(key);
    if (lookup) lookupReports.push(await lookupReport(engine, lookup, linesStages));
    progress.update(++step);
  }

  let productCosts: { read: number; loaded: number; rejected: number } | undefined;
  if (cfg.cogs?.product_costs) {
    logger.info(cliWord(lang, 'reading', { file: cfg.cogs.product_costs.file }));
    productCosts = await loadProductCosts(engine, ws, cfg.cogs, tmpDir);
  }

  const tables: Record<string, TableReconciliation> = {};
  const budgets: Awaited<ReturnType<typeof tableRejects>>[] = [];
  const limits = { share: cfg.max_rejected_share, floor: cfg.reject_floor };
  let seq = 0;
  if (carried.length) await createAttributeLines(engine, carried);
  for (const table of TABLE_NAMES) {
    const mine = routes.filter((r) => r.table === table);
    // One file read typed (a clean file, most likely): its route table is built in the database
    // itself in the canonical table's column order, so a load without rejects becomes the
    // canonical table by a rename instead of a copy (the copy was a third of the order lines' work).
    const direct = mine.length === 1 && mine[0]!.typed !== undefined;
    const spec = TABLES[table];
    const checkCustomers = table !== 'customers' && !derived;
    const planOf = (route: Route, onePass: boolean) =>
      routeSql(route, {
        dialect: d,
        unattributed: cfg.unattributed,
        missingValues: cfg.missing_values,
        period: cfg.period,
        carry: table === 'order_lines' && carried.length ? carry : undefined,
        cogs: cfg.cogs,
        // In one pass the customers are checked by a query of their own (a join could reorder the rows).
        customersTable: checkCustomers && !onePass ? 'customers' : undefined,
        productCostsTable: productCosts ? PRODUCT_COSTS_TABLE : undefined,
        onePass,
      });
    const plans: { route: Route; plan: RouteSql; typed: string }[] = [];
    /** Whether every route maps the table's key (else its duplicates are not looked for). */
    const keyMappedIn = (rs: Route[]) =>
      rs.length > 0 &&
      spec.key.every(
        (k) =>
          rs.every(
            (r) => r.mapping[k] !== undefined || r.sourceColumns.some((c) => c.trim().toLowerCase() === k),
          ) ||
          spec.columns.find((c) => c.name === k)?.default !== undefined ||
          spec.columns.find((c) => c.name === k)?.fromLine,
      );
    /** Set when the table's one file loaded in one pass: every row good, no key twice (checked). */
    let clean = false;
    /** What the one pass of the table's one file counted: the reconciliation and the budget read it. */
    let totals: LoadTotals | undefined;
    for (const listed of mine) {
      let route = listed;
      const typed = `t_${table}_${route.id}`;
      const one = onePasses.get(route.id);
      if (one) {
        // One of several files (one export per month): the checks across the files run after
        // the loads as on the numbered path, over the row ids and lines the pass sets.
        const file = {
          ...one,
          customers: checkCustomers && spec.referencesCustomer,
          key: keyMappedIn(mine) ? spec.key : [],
          ...(mine.length > 1 ? { numbered: { routeId: route.id } } : { totals: true }),
        };
        let plan = planOf(route, true);
        let pass = await loadInOnePass(engine, route, plan, typed, file);
        if (!pass.loaded && pass.unclean.length) {
          // Texts that need cleaning after all (an empty value, a "missing" word): one more read, cleaning those.
          const unclean = new Set(pass.unclean);
          const cleanText = new Set([...(route.cleanText ?? [])].filter((c) => !unclean.has(c)));
          route = { ...route, cleanText, checkClean: false };
          plan = planOf(route, true);
          pass = await loadInOnePass(engine, route, plan, typed, file);
        }
        if (pass.loaded) {
          const read = reads[one.read]!;
          if (read.path === 'typed') reads[one.read] = { ...read, onePass: true };
          routes[routes.indexOf(listed)] = route;
          plans.push({ route, plan, typed });
          clean = mine.length === 1;
          totals = clean ? pass.totals : undefined;
          continue;
        }
        // Something to reject (or lines that are not records): the file is staged, numbered, as before.
        const staged = await one.staged();
        reads[one.read] = readOf(staged);
        route = (await routesOf(staged, one.table, one.src, route.id, one.read))[0]!;
        routes[routes.indexOf(listed)] = route;
      }
      const plan = planOf(route, false);
      if (direct) {
        const built = canonicalFirst(route, plan, d);
        await engine.run(`CREATE TABLE ${q(typed)} AS ${built.sql}`, built.params);
      } else await engine.run(`${d.createTempTable(q(typed))} AS ${plan.sql}`, plan.params);
      plans.push({ route, plan, typed });
    }
    // Duplicate keys: the first row loads, later rows with the same key are rejected.
    const keyMapped = keyMappedIn(plans.map((p) => p.route));
    const dupTable = `dup_${table}`;
    // Hashes first: grouping 10 million integers is several times cheaper than grouping the
    // text keys. Only rows whose hash occurs twice are compared on the key itself.
    const hashOf = d.hashOf(spec.key.map(q));
    const candidates = `dupc_${table}`;
    let duplicates = 0;
    if (keyMapped && !clean) {
      await engine.run(
        `${d.createTempTable(q(candidates))} AS SELECT _h FROM (${plans.map((p) => `SELECT ${hashOf} AS _h FROM ${q(p.typed)} WHERE _flags = 0`).join(' UNION ALL ')}) x GROUP BY _h HAVING count(*) > 1`,
      );
      duplicates = Number((await engine.query(`SELECT count(*) AS n FROM ${q(candidates)}`))[0]!.n);
    }
    if (duplicates > 0) {
      const all = plans
        .map(
          (p) =>
            `SELECT _rid, _line, ${spec.key.map(q).join(', ')} FROM ${q(p.typed)} WHERE _flags = 0 AND ${hashOf} IN (SELECT _h FROM ${q(candidates)})`,
        )
        .join(' UNION ALL ');
      const on = spec.key.map((k) => `a.${q(k)} = f.${q(k)}`).join(' AND ');
      await engine.run(
        `${d.createTempTable(q(dupTable))} AS SELECT a._rid, f.first_line, f.first_rid, FALSE AS cross_order FROM (${all}) a JOIN (SELECT ${spec.key.map(q).join(', ')}, min(_rid) AS first_rid, ${d.argMin('_line', '_rid')} AS first_line FROM (${all}) x GROUP BY ${spec.key.map(q).join(', ')} HAVING count(*) > 1) f ON ${on} WHERE a._rid > f.first_rid`,
      );
    } else {
      await engine.run(
        `${d.createTempTable(q(dupTable))} (_rid BIGINT, first_line BIGINT, first_rid BIGINT, cross_order BOOLEAN)`,
      );
    }
    // Without line numbers the key's line differs from file to file: an order met again in a
    // later file is found by its number (ordersInTwoFiles.ts).
    const fromLine = spec.key.filter((k) =>
      plans.every(
        (p) =>
          p.route.mapping[k] === undefined &&
          !p.route.sourceColumns.some((c) => c.trim().toLowerCase() === k) &&
          TABLES[table].columns.find((c) => c.name === k)?.fromLine,
      ),
    );
    const orderKey = spec.key.filter((k) => !fromLine.includes(k));
    const crossOrders =
      keyMapped && fromLine.length > 0 && orderKey.length === 1
        ? await ordersInTwoFiles(
            engine,
            plans.map((p) => ({ typed: p.typed, file: p.route.file })),
            orderKey[0]!,
            dupTable,
          )
        : 0;
    const cols = spec.columns.map((c) => q(c.name));
    if (table === 'order_lines') cols.push('cogs_estimated');
    /** The route table that became the canonical table: its work columns go when the table is done. */
    let renamed: { typed: string; work: string[] } | undefined;
    for (const { route, plan, typed } of plans) {
      // Rejects: the problem rows with their raw values, one reject per problem.
      const problems = clean
        ? 0
        : Number(
            (
              await engine.query(
                `SELECT count(*) AS n FROM ${q(typed)} WHERE _flags <> 0 OR _rid IN (SELECT _rid FROM ${q(dupTable)})`,
              )
            )[0]!.n,
          );
      if (direct && problems === 0) {
        // Every row loads: the route table is the canonical table (its work columns are read
        // until the table is reconciled, through a view under the old name).
        await engine.run(`DROP TABLE ${q(table)}`);
        await engine.run(d.renameTable(q(typed), q(table)));
        // A one pass's table has no row ids (nothing in it is rejected): the checks read none.
        const ids = ['_rn', '_rid']
          .filter((c) => !plan.work.includes(c))
          .map((c) => `, CAST(NULL AS BIGINT) AS ${c}`);
        await engine.run(`${d.createTempView(q(typed), false)} AS SELECT *${ids.join('')} FROM ${q(table)}`);
        renamed = { typed, work: plan.work };
      } else {
        await engine.run(
          `INSERT INTO ${q(table)} (${cols.join(', ')}, _line, _source) SELECT ${cols.join(', ')}, _line, $1 FROM ${q(typed)} WHERE _flags = 0 AND _rid NOT IN (SELECT _rid FROM ${q(dupTable)})`,
          [route.file],
        );
      }
      if (table === 'order_lines' && carried.length)
        await collectAttributeLines(engine, carried, typed, dupTable);
      if (problems === 0) continue;
      const bad = `bad_${table}_${route.id}`;
      const raw = route.sourceColumns.map((c) => `s.${q(c)} AS ${q(`src:${c}`)}`).join(', ');
      // Rejects show the text in the file: a source read typed is read as text now, for these rows.
      const textStage = await textStages.get(route.id)!();
      await engine.run(
        `${d.createTempTable(q(bad))} AS SELECT t.*, dp.first_line AS _dup_first_line, dp.first_rid AS _dup_first_rid, coalesce(dp.cross_order, FALSE) AS _dup_cross, ${raw} FROM (SELECT * FROM ${q(typed)} WHERE _flags <> 0 OR _rid IN (SELECT _rid FROM ${q(dupTable)})) t JOIN ${q(textStage)} s ON s._rn = t._rn LEFT JOIN ${q(dupTable)} dp ON dp._rid = t._rid`,
      );
      for (const check of plan.checks) {
        const value =
          'raw' in check.value
            ? q(`src:${check.value.raw}`)
            : 'typed' in check.value
              ? `CAST(${q(check.value.typed)} AS VARCHAR)`
              : "''";
        // The summary groups by `said`; a reason that names the row's own count (a broken record's fields) is built per row.
        const perRow = check.perRow;
        const said = perRow
          ? recordWord(lang, perRow.group, check.reason.vars)
          : rejectReason(lang, check.reason);
        const [before, after] = perRow
          ? (rejectReason(lang, { ...check.reason, vars: { ...check.reason.vars, found: '\u0000' } }).split(
              '\u0000',
            ) as [string, string])
          : ['', ''];
        const reasonSql = perRow ? `$6 || CAST(${q(perRow.count)} AS VARCHAR) || $7` : '$5';
        const perRowParams = perRow ? [before, after] : [];
        await engine.run(
          `INSERT INTO rejects SELECT ${TABLE_NAMES.indexOf(table)}, ${route.id}, ${seq}, $1, $2, _line, $3, coalesce(${value}, ''), $4, ${reasonSql}, $5 FROM ${q(bad)} WHERE ${d.hasBit('_flags', check.bit!)}`,
          [table, route.file, rejectColumnText(lang, check.column), check.reason.code, said, ...perRowParams],
        );
        seq++;
      }
      if (keyMapped) {
        const keyText = spec.key.map((k) => `coalesce(CAST(${q(k)} AS VARCHAR), '')`).join(` || ' / ' || `);
        const key = spec.key.join(', ');
        // The first row with the key sits in this file or in another file of the table (one
        // export per month): row ids are the route's id * 10^12 + the record, so its range tells.
        for (const firstIn of plans) {
          const here = firstIn.route.file === route.file;
          // The sentence around the first line's number, which only the engine knows.
          const [before, after] = (
            here
              ? rejectReason(lang, { code: 'duplicate_key', vars: { key, line: '\u0000' } })
              : duplicateKeyElsewhere(lang, key, firstIn.route.file, '\u0000')
          ).split('\u0000');
          const from = BigInt(firstIn.route.id) * ROUTE_ROWS;
          await engine.run(
            `INSERT INTO rejects SELECT ${TABLE_NAMES.indexOf(table)}, ${route.id}, ${seq}, $1, $2, _line, $3, ${keyText}, 'duplicate_key', $4 || CAST(_dup_first_line AS VARCHAR) || $5, $6 FROM ${q(bad)} WHERE _flags = 0 AND NOT _dup_cross AND _dup_first_line IS NOT NULL AND _dup_first_rid >= ${from} AND _dup_first_rid < ${from + ROUTE_ROWS}`,
            [
              table,
              route.file,
              key,
              before!,
              after!,
              here ? duplicateKeyKind(lang, key) : duplicateKeyElsewhereKind(lang, key, firstIn.route.file),
            ],
          );
          seq++;
        }
      }
      if (crossOrders > 0) {
        const order = orderKey[0]!;
        for (const firstIn of plans.filter((p) => p.route.file !== route.file)) {
          const [before, after] = rejectReason(lang, {
            code: 'order_in_two_files',
            vars: { file: firstIn.route.file, line: '\u0000' },
          }).split('\u0000');
          const from = BigInt(firstIn.route.id) * ROUTE_ROWS;
          await engine.run(
            `INSERT INTO rejects SELECT ${TABLE_NAMES.indexOf(table)}, ${route.id}, ${seq}, $1, $2, _line, $3, coalesce(CAST(${q(order)} AS VARCHAR), ''), 'order_in_two_files', $4 || CAST(_dup_first_line AS VARCHAR) || $5, $6 FROM ${q(bad)} WHERE _flags = 0 AND _dup_cross AND _dup_first_rid >= ${from} AND _dup_first_rid < ${from + ROUTE_ROWS}`,
            [table, route.file, order, before!, after!, orderInTwoFilesKind(lang, firstIn.route.file)],
          );
          seq++;
        }
      }
    }
    // A table loaded whole in one pass is the table that was read: its check statement counted
    // what the reconciliation and the budget would otherwise read from it again.
    tables[table] = totals
      ? reconciledInOnePass(table, plans[0]!.route.file, totals)
      : await reconcile(
          engine,
          table,
          plans.map((p) => ({ typed: p.typed, file: p.route.file })),
          dupTable,
        );
    budgets.push(
      totals
        ? budgetInOnePass(table, totals, limits)
        : await tableRejects(
            engine,
            table,
            plans.map((p) => ({ typed: p.typed, routeId: p.route.id })),
            dupTable,
            tables[table],
            limits,
          ),
    );
    if (renamed) {
      await engine.run(`DROP VIEW ${q(renamed.typed)}`);
      for (const c of renamed.work) await engine.run(`ALTER TABLE ${q(table)} DROP COLUMN ${q(c)}`);
      // As created above: a return's estimate of cost of goods recovered is set after the load.
      if (table === 'returns')
        await engine.run(`ALTER TABLE ${q(table)} ALTER COLUMN cogs_estimated SET DEFAULT FALSE`);
    } else if (direct) await engine.run(`DROP TABLE ${q(plans[0]!.typed)}`);
    progress.update(++step);
  }
  // An orders file joined to its lines is a file of the load: its rejects weigh on the budget too.
  for (const lookup of lookups.values()) budgets.push(await lookupBudget(engine, lookup, limits));
  // Lines a source's exclude_when rule left out: counted with their money, not rejects.
  const excluded = await countExclusions(
    engine,
    routes,
    {
      dialect: d,
      unattributed: cfg.unattributed,
      missingValues: cfg.missing_values,
      period: cfg.period,
      cogs: cfg.cogs,
      productCostsTable: productCosts ? PRODUCT_COSTS_TABLE : undefined,
    },
    routes.length + 1,
  );
  excluded.push(...footers);
  await storeExclusions(engine, excluded);
  if (derived) {
    const n = await deriveCustomers(engine, carried);
    const from = [...new Set(Object.values(tables).flatMap((t) => t.sources))];
    tables.customers = {
      sources: from,
      rowsRead: n,
      rowsLoaded: n,
      rowsRejected: 0,
      rowsUnattributed: 0,
      amounts: {},
    };
  }
  if (cfg.cogs) {
    // Cost of goods is estimated: returns without their own cost of goods recovered take it back at the sale's rate.
    const files = routes
      .filter(
        (r) =>
          r.table === 'returns' &&
          r.mapping.cogs_recovered === undefined &&
          !r.sourceColumns.some((c) => c.trim().toLowerCase() === 'cogs_recovered'),
      )
      .map((r) => r.file);
    const estimated = await estimateReturnCogs(engine, [...new Set(files)]);
    if (tables.returns) tables.returns.rowsEstimated = estimated;
  }
  // The working tables are temporary: they vanish with the connection, the database keeps
  // the canonical tables, the rejects and the reconciliation.
  await storeReconciliation(engine, tables);
  const summary = rejectSummary(limits, budgets);
  await storeIngestQuality(engine, tables, summary);
  progress.stop();
  const rejects = Number((await engine.query('SELECT count(*) AS n FROM rejects'))[0]!.n);
  return {
    tables,
    sources: reads,
    rejects,
    rejectSummary: summary,
    excluded,
    ...(lookupReports.length ? { lookups: lookupReports } : {}),
    ...(productCosts
      ? {
          productCosts: {
            rowsRead: productCosts.read,
            rowsLoaded: productCosts.loaded,
            rowsRejected: productCosts.rejected,
          },
        }
      : {}),
  };
}

/**
 * The physical line of each staged row. Without quoted line breaks it is the record number
 * plus the header and skipped lines; with them, the line breaks inside earlier records are added.
 * `columns` are the text columns (a typed one holds no line break).
 */
async function lineExpression(
  engine: Engine,
  stage: string,
  columns: string[],
  prepared: PreparedFile,
): Promise<string> {
  const q = engine.dialect.quoteIdent;
  if (prepared.hasLineColumn) return `CAST(s.${q('__line')} AS BIGINT)`;
  if (prepared.kind === 'parquet') return 's._rn';
  const offset = prepared.format.skip_lines + (prepared.format.header ? 1 : 0);
  if (prepared.lines !== undefined) {
    // As many lines as records (+ header and skipped lines): no record spans two, nothing to search.
    const records = Number((await engine.query(`SELECT count(*) AS n FROM ${q(stage)}`))[0]!.n);
    if (prepared.lines === records + offset) return `s._rn + ${offset}`;
  }
  if (!columns.length) return `s._rn + ${offset}`;
  const any = columns.map((c) => engine.dialect.contains(q(c), 'chr(10)')).join(' OR ');
  const n = Number((await engine.query(`SELECT count(*) AS n FROM ${q(stage)} WHERE ${any}`))[0]!.n);
  if (n === 0) return `s._rn + ${offset}`;
  if (!engine.dialect.supportsWindowFunctions)
    throw new Error(`${stage}: quoted line breaks need window functions`);
  const breaks = columns
    .map((c) => `coalesce(length(${q(c)}) - length(replace(${q(c)}, chr(10), '')), 0)`)
    .join(' + ');
  const lines = `${stage}__lines`;
  const rn = engine.dialect.insertedRowNumber('r');
  await engine.run(
    `${engine.dialect.createTempTable(q(lines))} AS SELECT _rn, _rn + ${offset} + coalesce(sum(${breaks}) OVER (ORDER BY _rn ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS _line FROM ${q(stage)}`,
  );
  await engine.run(
    `${engine.dialect.createTempView(q(stage), true)} AS SELECT ${rn} AS _rn, l._line AS __physical_line, r.* FROM ${q(`${stage}__raw`)} r JOIN ${q(lines)} l ON l._rn = ${rn}`,
  );
  return 's.__physical_line';
}

async function reconcile(
  engine: Engine,
  table: TableName,
  parts: { typed: string; file: string }[],
  dupTable: string,
): Promise<TableReconciliation> {
  const q = engine.dialect.quoteIdent;
  const money = moneyColumns(table);
  const cents2 = engine.dialect.decimalType(38, 2);
  const out: TableReconciliation = {
    sources: [...new Set(parts.map((p) => p.file))],
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
    rowsUnattributed: 0,
    amounts: {},
  };
  const sums = money
    .map(
      (m) =>
        `CAST(coalesce(sum(${q(m)}), 0) AS ${cents2}) AS ${q(`sum_${m}`)}, CAST(sum(CASE WHEN ${q(m)} IS NULL THEN 1 ELSE 0 END) AS BIGINT) AS ${q(`null_${m}`)}`,
    )
    .join(', ');
  const rejectedSql = `_flags <> 0 OR _rid IN (SELECT _rid FROM ${q(dupTable)})`;
  const read = new Map<string, bigint>();
  const rejected = new Map<string, bigint>();
  const unreadable = new Map<string, number>();
  for (const p of parts) {
    const r = (await engine.query(`SELECT count(*) AS n${sums ? `, ${sums}` : ''} FROM ${q(p.typed)}`))[0]!;
    const x = (
      await engine.query(
        `SELECT count(*) AS n${sums ? `, ${sums}` : ''} FROM ${q(p.typed)} WHERE ${rejectedSql}`,
      )
    )[0]!;
    out.rowsRead += Number(r.n);
    out.rowsRejected += Number(x.n);
    for (const m of money) {
      read.set(m, (read.get(m) ?? 0n) + cents(r[`sum_${m}`]));
      rejected.set(m, (rejected.get(m) ?? 0n) + cents(x[`sum_${m}`]));
      unreadable.set(m, (unreadable.get(m) ?? 0) + Number(r[`null_${m}`]));
    }
  }
  const loadedSums = money
    .map((m) => `CAST(coalesce(sum(${q(m)}), 0) AS ${cents2}) AS ${q(`sum_${m}`)}`)
    .join(', ');
  const extra = table === 'order_lines' ? ', sum(CASE WHEN cogs_estimated THEN 1 ELSE 0 END) AS est' : '';
  const unattributed = TABLES[table].referencesCustomer
    ? 'sum(CASE WHEN customer_id IS NULL THEN 1 ELSE 0 END)'
    : '0';
  const l = (
    await engine.query(
      `SELECT count(*) AS n, ${unattributed} AS u${extra}${loadedSums ? `, ${loadedSums}` : ''} FROM ${q(table)}`,
    )
  )[0]!;
  out.rowsLoaded = Number(l.n);
  out.rowsUnattributed = Number(l.u);
  if (table === 'order_lines') out.rowsEstimated = Number(l.est);
  if (out.rowsRead !== out.rowsLoaded + out.rowsRejected) {
    throw new Error(
      `${table}: rows read ${out.rowsRead} != loaded ${out.rowsLoaded} + rejected ${out.rowsRejected}`,
    );
  }
  for (const m of money) {
    const loaded = cents(l[`sum_${m}`]);
    const r = read.get(m) ?? 0n;
    const x = rejected.get(m) ?? 0n;
    if (r !== loaded + x)
      throw new Error(`${table}.${m}: read ${r} != loaded ${loaded} + rejected ${x} (cents)`);
    // Values that were not amounts cannot be summed: they are counted as unreadable (their rows are rejected).
    out.amounts[m] = {
      read: fmt(r),
      loaded: fmt(loaded),
      rejected: fmt(x),
      unreadable: unreadable.get(m) ?? 0,
    };
  }
  return out;
}

function cents(v: unknown): bigint {
  const s = String(v ?? '0');
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw new Error(`not a money value: ${s}`);
  const units = BigInt(m[2]! + (m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -units : units;
}

function fmt(c: bigint): string {
  const neg = c < 0n;
  const a = (neg ? -c : c).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${a.slice(0, -2)}.${a.slice(-2)}`;
}

async function storeReconciliation(
  engine: Engine,
  tables: Record<string, TableReconciliation>,
): Promise<void> {
  await engine.run(
    'CREATE TABLE reconciliation (table_name VARCHAR, rows_read BIGINT, rows_loaded BIGINT, rows_rejected BIGINT, rows_unattributed BIGINT, rows_estimated BIGINT)',
  );
  const amount = engine.dialect.decimalType(38, 2);
  await engine.run(
    `CREATE TABLE reconciliation_amounts (table_name VARCHAR, column_name VARCHAR, read ${amount}, loaded ${amount}, rejected ${amount})`,
  );
  for (const [t, r] of Object.entries(tables)) {
    await engine.run('INSERT INTO reconciliation VALUES ($1, $2, $3, $4, $5, $6)', [
      t,
      r.rowsRead,
      r.rowsLoaded,
      r.rowsRejected,
      r.rowsUnattributed,
      r.rowsEstimated ?? 0,
    ]);
    for (const [c, a] of Object.entries(r.amounts)) {
      await engine.run(
        `INSERT INTO reconciliation_amounts VALUES ($1, $2, CAST($3 AS ${amount}), CAST($4 AS ${amount}), CAST($5 AS ${amount}))`,
        [t, c, a.read, a.loaded, a.rejected],
      );
    }
  }
}

/** Whether a workspace has a loaded database. */
export function hasDatabase(dir: string): boolean {
  return hasWorkspaceDatabase(dir);
}
