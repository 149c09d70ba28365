/** The story in a few figures: quadrant counts, the most over-served segment, what drives the losses. */
import { normaliseMoney, type MoneyString } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { round6 } from './whale.ts';

/** Headline figures read back from the analysis tables. */
export interface Headlines {
  matrixQuadrants: Record<string, number>;
  voiceOfCustomer: {
    quadrants: Record<string, number>;
    /** The segment with the largest share of its customers over-served (null when none is). */
    mostOverServedSegment: { segment: string; customers: number; share: number } | null;
  };
  lossMakers: {
    customers: number;
    /** The P&L lines that explain most of the loss-makers' gap to their segment medians, largest first. */
    topLines: { line: string; customers: number; gap: MoneyString }[];
  };
}

/** Reads the headline figures. */
export async function headlines(engine: Engine): Promise<Headlines> {
  const count = async (table: string) =>
    Object.fromEntries(
      (
        await engine.query(`SELECT quadrant, count(*) AS n FROM ${table} GROUP BY quadrant ORDER BY quadrant`)
      ).map((r) => [String(r.quadrant), Number(r.n)]),
    );
  const segs = await engine.query(
    "SELECT segment, sum(CASE WHEN quadrant = 'over-served' THEN customers ELSE 0 END) AS over, sum(customers) AS n FROM voice_of_customer_summary GROUP BY segment",
  );
  const best = segs
    .map((r) => ({
      segment: String(r.segment),
      customers: Number(r.over),
      share: Number(r.n) ? Number(r.over) / Number(r.n) : 0,
    }))
    .filter((s) => s.customers > 0)
    .sort((a, b) => b.share - a.share || a.segment.localeCompare(b.segment))[0];
  const [loss] = await engine.query('SELECT count(*) AS n FROM customer_pnl WHERE contribution < 0');
  const lines = await engine.query(
    engine.dialect.aliasesShadowColumns
      ? // the alias gap would stand for the text in ORDER BY (ClickHouse): sorted on the sum, named over it
        'SELECT line, n, CAST(total AS VARCHAR) AS gap FROM (SELECT line, count(*) AS n, sum(gap) AS total FROM loss_explanations GROUP BY line) g ORDER BY total DESC, line LIMIT 3'
      : 'SELECT line, count(*) AS n, CAST(sum(gap) AS VARCHAR) AS gap FROM loss_explanations GROUP BY line ORDER BY sum(gap) DESC, line LIMIT 3',
  );
  return {
    matrixQuadrants: await count('profitability_matrix'),
    voiceOfCustomer: {
      quadrants: await count('voice_of_customer'),
      mostOverServedSegment: best ? { ...best, share: round6(best.share) } : null,
    },
    lossMakers: {
      customers: Number(loss?.n ?? 0),
      topLines: lines.map((r) => ({
        line: String(r.line),
        customers: Number(r.n),
        gap: normaliseMoney(String(r.gap)),
      })),
    },
  };
}
