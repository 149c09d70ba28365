/**
 * A source's `exclude_when` rule (cancelled orders, voided invoices): the lines where it holds
 * are left out of the load, never silently. The routes take only the other lines (route.ts);
 * here a twin of each route takes exactly the excluded ones, through the same mapping, so they
 * are counted with their money and a first example line, stored for the data-quality page and
 * the report, and printed by ingest. They are not rejects: the reject budget never sees them.
 */
import { fromScaled, moneyColumns, toScaled, type MoneyString, type TableName } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import type { SourceConfig, Workspace } from '../workspace/index.ts';
import { routeSql } from './renderRoute.ts';
import type { Route, RouteOptions } from './route.ts';

/** The lines one source's rule left out of one canonical table. */
export interface Exclusion {
  table: TableName;
  /** The source file as worth.yaml names it. */
  file: string;
  /** The rule as written in worth.yaml. */
  rule: string;
  lines: number;
  /** What the money is: `net` (gross - discount) for order lines, else the table's first money column. */
  amountColumn?: string;
  /** Sum of that money over the excluded lines (an unreadable amount counts 0). */
  amount?: MoneyString;
  /** The first excluded line in the file. */
  example?: { file: string; line: number };
  /**
   * Set on a table other than order_lines whose file an order lines source reads too (a refunds
   * source over the order export): the rule then picks this table's lines, and every line passes
   * through the order lines' source (loaded, rejected or left out and counted there), so none is
   * lost and this count is not stored as left out.
   */
  alsoReadBy?: TableName[];
}

/** The table this step writes into the workspace database. */
export const EXCLUSIONS_TABLE = 'ingest_exclusions';

/** The exclusion of a source's routes, or undefined when it has no rule; `subject` names it in messages. */
export function excludeOf(
  ws: Workspace,
  key: string,
  src: SourceConfig,
): { when: string; matches: boolean; subject: string } | undefined {
  const when = src.exclude_when;
  if (when === undefined) return undefined;
  const at = ['sources', key, 'exclude_when'];
  const line = ws.lineOf(at);
  // A formula error names worth.yaml and the rule's line, as a mistake in worth.yaml is named.
  const file = ws.configFile.split(/[\\/]/).pop() ?? 'worth.yaml';
  return { when, matches: false, subject: `${file}${line ? ` line ${line}` : ''}, ${at.join('.')}` };
}

/** Counts the lines each route's rule excluded (a twin route over the same stage, planned alike). */
export async function countExclusions(
  engine: Engine,
  routes: Route[],
  options: RouteOptions,
  firstId: number,
): Promise<Exclusion[]> {
  const q = engine.dialect.quoteIdent;
  const out: Exclusion[] = [];
  let id = firstId;
  // The source a route belongs to (its mapping's path is `sources.<key>...`): a split's two routes are one source.
  const sourceOf = (r: Route) => r.configPath.split('.')[1];
  for (const route of routes) {
    if (!route.exclude) continue;
    // Only beside the order lines' own source: every line of the file passes through it (loaded, rejected or left out and counted there).
    const others =
      route.table === 'order_lines'
        ? []
        : routes.filter(
            (o) => o.file === route.file && o.table === 'order_lines' && sourceOf(o) !== sourceOf(route),
          );
    const alsoReadBy = [...new Set(others.map((o) => o.table))];
    const twin: Route = { ...route, id: id++, exclude: { ...route.exclude, matches: true } };
    // Only what the money and the line need: no reference or attribute checks against other tables.
    const plan = routeSql(twin, { ...options, carry: undefined, customersTable: undefined });
    const money = moneyOf(route.table);
    const sum = money
      ? `, CAST(coalesce(sum(${money.sql(q)}), 0) AS ${engine.dialect.decimalType(38, 2)}) AS amount`
      : '';
    const row = (
      await engine.query(`SELECT count(*) AS n, min(_line) AS first${sum} FROM (${plan.sql}) x`, plan.params)
    )[0]!;
    const lines = Number(row.n);
    out.push({
      table: route.table,
      file: route.file,
      rule: route.exclude.when,
      lines,
      ...(money ? { amountColumn: money.name, amount: fromScaled(toScaled(String(row.amount))) } : {}),
      ...(lines ? { example: { file: route.file, line: Number(row.first) } } : {}),
      ...(alsoReadBy.length ? { alsoReadBy } : {}),
    });
  }
  return out;
}

/**
 * The footer a source's `format.footer_lines` left out of a file (eBay's Seller Summary, a
 * record count): counted as a rule's lines are, with no money (a footer holds no line's values).
 */
export function footerExclusion(
  table: TableName,
  file: string,
  footerLines: number,
  footer: { lines: number; first: number },
): Exclusion {
  const money = moneyOf(table);
  return {
    table,
    file,
    rule: `footer_lines: ${footerLines}`,
    lines: footer.lines,
    ...(money ? { amountColumn: money.name, amount: fromScaled(0n) } : {}),
    example: { file, line: footer.first },
  };
}

/** The money an excluded line takes out of its table: net sales for order lines. */
function moneyOf(table: TableName): { name: string; sql: (q: (s: string) => string) => string } | undefined {
  if (table === 'order_lines')
    return {
      name: 'net',
      sql: (q) => `coalesce(${q('gross_amount')}, 0) - coalesce(${q('discount_amount')}, 0)`,
    };
  const first = moneyColumns(table)[0];
  return first ? { name: first, sql: (q) => q(first) } : undefined;
}

/** Writes `ingest_exclusions`: one row per source and table with a rule, in worth.yaml's order (not a rule picking lines from a shared file). */
export async function storeExclusions(engine: Engine, exclusions: Exclusion[]): Promise<void> {
  const money = engine.dialect.decimalType(38, 2);
  await engine.run(
    `CREATE TABLE ${EXCLUSIONS_TABLE} (position INTEGER, table_name VARCHAR, file VARCHAR, rule VARCHAR, lines BIGINT, amount_column VARCHAR, amount ${money}, example_file VARCHAR, example_line BIGINT)`,
  );
  // A rule that picks a table's lines from a file another source reads leaves nothing out of the run.
  for (const [i, x] of exclusions.filter((e) => !e.alsoReadBy).entries()) {
    await engine.run(
      `INSERT INTO ${EXCLUSIONS_TABLE} VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS ${money}), $8, $9)`,
      [
        i + 1,
        x.table,
        x.file,
        x.rule,
        x.lines,
        x.amountColumn ?? null,
        x.amount ?? null,
        x.example?.file ?? null,
        x.example?.line ?? null,
      ],
    );
  }
}
