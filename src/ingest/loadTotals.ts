import { TABLES, fromScaled, moneyColumns, toScaled, type TableName } from '../core/index.ts';
import type { Dialect, Row } from '../warehouse/index.ts';
import { floorFor, type BudgetLimits, type TableBudget } from './budget.ts';
import type { TableReconciliation } from './report.ts';

/**
 * What the check statement of a clean one pass also counts (onePass.ts), so that the
 * reconciliation and the reject budget of a table whose one file went in whole read it instead
 * of scanning the table three more times: nothing in it is rejected, so what was read is what
 * was loaded.
 */
export interface LoadTotals {
  /** Rows in the table (the file's records: the pass checked that). */
  rows: number;
  /** Rows without a customer (0 for a table that names none). */
  unattributed: number;
  /** Order lines whose cost of goods was estimated (0 elsewhere). */
  estimated: number;
  /** Per money column: the exact sum (cents) and how many values are NULL. */
  money: Record<string, { sum: bigint; nulls: number }>;
  /** Sum of the absolute values of the table's first money column (cents; 0 without one). */
  absFirst: bigint;
}

const sumName = (i: number) => `tot_sum_${i}`;
const nullName = (i: number) => `tot_null_${i}`;

/**
 * The aggregates of {@link LoadTotals} as items of a SELECT list over the loaded table
 * (`tot_*` names, read back by {@link readTotals}).
 */
export function totalsSql(table: TableName, d: Dialect): string[] {
  const q = d.quoteIdent;
  const cents = d.decimalType(38, 2);
  const money = moneyColumns(table);
  return [
    `sum(CASE WHEN ${TABLES[table].referencesCustomer ? 'customer_id IS NULL' : 'FALSE'} THEN 1 ELSE 0 END) AS tot_unattributed`,
    `sum(CASE WHEN ${table === 'order_lines' ? 'cogs_estimated' : 'FALSE'} THEN 1 ELSE 0 END) AS tot_estimated`,
    ...money.flatMap((m, i) => [
      `CAST(coalesce(sum(${q(m)}), 0) AS ${cents}) AS ${sumName(i)}`,
      `CAST(sum(CASE WHEN ${q(m)} IS NULL THEN 1 ELSE 0 END) AS BIGINT) AS ${nullName(i)}`,
    ]),
    `CAST(coalesce(sum(abs(${money.length ? q(money[0]!) : 'NULL'})), 0) AS ${cents}) AS tot_abs`,
  ];
}

/** The {@link LoadTotals} in a row of the statement that {@link totalsSql} is part of. */
export function readTotals(table: TableName, row: Row, rows: number): LoadTotals {
  const money = Object.fromEntries(
    moneyColumns(table).map((m, i) => [
      m,
      { sum: toScaled(String(row[sumName(i)] ?? '0')), nulls: Number(row[nullName(i)] ?? 0) },
    ]),
  );
  return {
    rows,
    unattributed: Number(row.tot_unattributed ?? 0),
    estimated: Number(row.tot_estimated ?? 0),
    money,
    absFirst: toScaled(String(row.tot_abs ?? '0')),
  };
}

/** The reconciliation of a table loaded whole in one pass: read = loaded, nothing rejected. */
export function reconciledInOnePass(table: TableName, file: string, totals: LoadTotals): TableReconciliation {
  return {
    sources: [file],
    rowsRead: totals.rows,
    rowsLoaded: totals.rows,
    rowsRejected: 0,
    rowsUnattributed: totals.unattributed,
    ...(table === 'order_lines' ? { rowsEstimated: totals.estimated } : {}),
    amounts: Object.fromEntries(
      Object.entries(totals.money).map(([m, t]) => [
        m,
        { read: fromScaled(t.sum), loaded: fromScaled(t.sum), rejected: '0.00', unreadable: t.nulls },
      ]),
    ),
  };
}

/** The reject budget of a table loaded whole in one pass: no reasons, nothing over the budget. */
export function budgetInOnePass(
  table: TableName,
  totals: LoadTotals,
  limits: BudgetLimits,
): { budget: TableBudget; reasons: [] } {
  const amountColumn = moneyColumns(table)[0];
  return {
    budget: {
      table,
      rowsRead: totals.rows,
      rowsRejected: 0,
      totalsLines: 0,
      lineShare: 0,
      ...(amountColumn
        ? {
            amountColumn,
            amountRead: fromScaled(totals.absFirst),
            amountRejected: fromScaled(0n),
            amountShare: 0,
          }
        : {}),
      floorLines: floorFor(totals.rows, limits),
      exceeded: false,
    },
    reasons: [],
  };
}
