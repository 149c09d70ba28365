/**
 * Why a customer loses money: for every loss-making customer, the P&L lines on which it is
 * worse than the median customer of its segment (a cost above the median, or a gross margin
 * below it), with the gap in money. The largest gaps explain the loss.
 */
import { createTableAs, createWorkTable } from '../costing/index.ts';
import type { Engine } from '../warehouse/index.ts';

/** Writes `loss_explanations` (customer, line, customer value, segment median, gap > 0). */
export async function buildLossExplanations(
  engine: Engine,
  costColumns: string[],
  hasSegment: boolean,
): Promise<void> {
  const q = engine.dialect.quoteIdent;
  const d = engine.dialect;
  const money = d.decimalType(18, 2);
  const lines = ['gross_margin', ...costColumns];
  const seg = hasSegment ? "coalesce(segment, '(none)')" : "'(none)'";
  await createTableAs(
    engine,
    'segment_medians',
    `SELECT ${seg} AS segment, ${lines.map((l) => `CAST(${d.decimalMedian(q(l), 2)} AS ${money}) AS ${q(`m_${l}`)}`).join(', ')} FROM pnl_attributes GROUP BY ${d.groupKey(seg, 'segment')}`,
  );
  await createWorkTable(
    engine,
    'loss_wide',
    `SELECT p.*, ${lines.map((l) => `m.${q(`m_${l}`)}`).join(', ')} FROM (SELECT customer_id, contribution, ${seg} AS segment, ${lines.map(q).join(', ')} FROM pnl_attributes WHERE contribution < 0) p ` +
      'JOIN segment_medians m ON m.segment = p.segment',
  );
  // One statement: a UNION ALL of one SELECT per line ($n is the line's name).
  const select = (line: string, n: number) => {
    const gap = line === 'gross_margin' ? `${q(`m_${line}`)} - ${q(line)}` : `${q(line)} - ${q(`m_${line}`)}`;
    return (
      `SELECT customer_id, segment, CAST($${n} AS VARCHAR) AS line, CAST(${q(line)} AS ${money}) AS customer_value, ` +
      `CAST(${q(`m_${line}`)} AS ${money}) AS segment_median, CAST(${gap} AS ${money}) AS gap FROM loss_wide WHERE ${gap} > 0`
    );
  };
  await createTableAs(
    engine,
    'loss_explanations',
    lines.map((l, i) => select(l, i + 1)).join(' UNION ALL '),
    lines,
  );
  await engine.run('DROP TABLE loss_wide');
}
