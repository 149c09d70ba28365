/**
 * A page of a result with, beside each of its rows, the count and the total of one column over
 * every row of the result, in one query (a drill's page and its bar's sum in one round trip).
 */
import type { Dialect } from './dialect.ts';

/**
 * `SELECT r.*, rows_all, total_all FROM (sql) r <tail>`: `rows_all` the number of rows of `sql`,
 * `total_all` the sum of its column `amount` as exact text. Where the dialect has window
 * aggregates the rows are read once (`count(*) OVER ()`); without (ClickHouse 18.16), a second
 * read of them, aggregated, is joined to the page by the one JOIN such an engine allows. `tail`
 * is the page's `ORDER BY ... LIMIT ... OFFSET ...`.
 */
export function pageWithTotals(d: Dialect, sql: string, amount: string, tail: string): string {
  return d.supportsWindowFunctions
    ? `SELECT r.*, count(*) OVER () AS rows_all, CAST(sum(r.${amount}) OVER () AS VARCHAR) AS total_all FROM (${sql}) r ${tail}`
    : `SELECT r.*, t.rows_all, t.total_all FROM (${sql}) r CROSS JOIN ` +
        `(SELECT count(*) AS rows_all, CAST(coalesce(sum(${amount}), 0) AS VARCHAR) AS total_all FROM (${sql}) a) t ${tail}`;
}
