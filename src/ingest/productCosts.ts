import { WorthError } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { rejectReason, type RejectText } from '../words/index.ts';
import type { CogsConfig, Workspace } from '../workspace/index.ts';
import { numberSql, textSql } from './parseSql.ts';
import { stageSource } from './stageSource.ts';

/** Name of the product cost table in the workspace database. */
export const PRODUCT_COSTS_TABLE = 'product_costs';

/**
 * Loads the product cost table used to estimate missing cost of goods: one unit cost per
 * product. Unreadable costs, missing products and repeated products are rejected (the
 * first row of a product wins) into `rejects` under the table name `product_costs`.
 * Returns rows read, loaded and rejected.
 */
export async function loadProductCosts(
  engine: Engine,
  ws: Workspace,
  cogs: CogsConfig,
  tmpDir: string,
): Promise<{ read: number; loaded: number; rejected: number }> {
  const pcCfg = cogs.product_costs!;
  const lang = ws.config.language;
  const d = engine.dialect;
  const q = d.quoteIdent;
  const {
    shown,
    stage,
    prepared,
    columns: cols,
  } = await stageSource(engine, ws, pcCfg.file, pcCfg.format, 'stg_product_costs', tmpDir, () => ({
    path: 'text',
    reason: { code: 'small_table' },
  }));
  const find = (name: string) => cols.find((c) => c.trim().toLowerCase() === name.trim().toLowerCase());
  const product = find(pcCfg.product_id);
  const cost = find(pcCfg.unit_cost);
  for (const [setting, col, want] of [
    ['product_id', product, pcCfg.product_id],
    ['unit_cost', cost, pcCfg.unit_cost],
  ] as const) {
    if (!col) {
      throw new WorthError(
        'file_format',
        { file: shown, column: want },
        undefined,
        `a column ${want}`,
        `has no column ${JSON.stringify(want)} (cogs.product_costs.${setting}); found columns: ${cols.join(', ')}`,
      );
    }
  }
  const line = prepared.hasLineColumn
    ? `CAST(s.${q('__line')} AS BIGINT)`
    : prepared.kind === 'parquet'
      ? 's._rn'
      : `s._rn + ${prepared.format.skip_lines + (prepared.format.header ? 1 : 0)}`;
  const unit = numberSql(`s.${q(cost!)}`, prepared.format, d, 18, 4);
  await engine.run(
    `${d.createTempTable('pc_typed')} AS SELECT s._rn AS _rn, ${line} AS _line, ${textSql(`s.${q(product!)}`)} AS product_id, s.${q(cost!)} AS raw_cost, ${unit} AS unit_cost FROM ${q(stage)} s`,
  );
  await engine.run(
    `${d.createTempTable('pc_first')} AS SELECT product_id, min(_rn) AS first_rn FROM pc_typed WHERE product_id IS NOT NULL AND unit_cost IS NOT NULL AND unit_cost >= 0 GROUP BY product_id`,
  );
  await engine.run(
    `CREATE TABLE ${q(PRODUCT_COSTS_TABLE)} AS SELECT t.product_id, t.unit_cost FROM pc_typed t JOIN pc_first f ON f.product_id = t.product_id AND f.first_rn = t._rn`,
  );
  const problems: [string, string, RejectText][] = [
    ['product_id IS NULL', pcCfg.product_id, { code: 'missing_product_code' }],
    ['product_id IS NOT NULL AND unit_cost IS NULL', pcCfg.unit_cost, { code: 'not_a_unit_cost' }],
    ['unit_cost < 0', pcCfg.unit_cost, { code: 'negative_amount', vars: { min: '0' } }],
  ];
  for (const [i, [cond, column, reason]] of problems.entries()) {
    const value = column === pcCfg.product_id ? "coalesce(product_id, '')" : "coalesce(raw_cost, '')";
    await engine.run(
      `INSERT INTO rejects SELECT -1, 0, ${i}, 'product_costs', $1, _line, $2, ${value}, $3, $4, $4 FROM pc_typed WHERE ${cond}`,
      [shown, column, reason.code, rejectReason(lang, reason)],
    );
  }
  await engine.run(
    `INSERT INTO rejects SELECT -1, 0, 9, 'product_costs', $1, t._line, $2, t.product_id, 'duplicate_product', $3, $3 FROM pc_typed t JOIN pc_first f ON f.product_id = t.product_id WHERE t._rn > f.first_rn AND t.unit_cost IS NOT NULL AND t.unit_cost >= 0`,
    [shown, pcCfg.product_id, rejectReason(lang, { code: 'duplicate_product' })],
  );
  const n = await engine.query(
    `SELECT (SELECT count(*) FROM pc_typed) AS r, (SELECT count(*) FROM ${q(PRODUCT_COSTS_TABLE)}) AS l`,
  );
  const read = Number(n[0]!.r);
  const loaded = Number(n[0]!.l);
  return { read, loaded, rejected: read - loaded };
}
