/**
 * Test helper: a demo workspace whose lifetime value is undetermined by a real `worth clv` run.
 * Its order lines are cut to `repeatBuyers` repeat buyers (every other customer keeps only the
 * lines of its first order day), fewer than the 30 a purchase model needs, so the pooled
 * purchase fit comes back degenerate and every customer is stored undetermined.
 */
import type { ClvRunResult } from '../../src/value/index.ts';
import { analysedWorkspace, type AnalysedWorkspace } from '../server/analysedWorkspace.ts';
import { valueWorkspace, withEngine } from '../server/valuedWorkspace.ts';

/** The workspace, the run's result, and how many customers it valued. */
export interface UndeterminedWorkspace {
  ws: AnalysedWorkspace;
  run: ClvRunResult;
  valued: number;
}

/** Writes, analyses, cuts and values the demo (300 customers, seed 7 by default). */
export async function undeterminedWorkspace(
  repeatBuyers = 12,
  customers = 300,
): Promise<UndeterminedWorkspace> {
  const ws = await analysedWorkspace(customers, 7);
  await withEngine(ws.dir, async (engine) => {
    await engine.run(
      'CREATE TEMP TABLE first_day AS SELECT customer_id, min(order_date) AS d FROM order_lines GROUP BY 1',
    );
    await engine.run(
      'CREATE TEMP TABLE keep_repeat AS SELECT customer_id FROM order_lines GROUP BY 1 HAVING count(DISTINCT order_date) > 1 ORDER BY customer_id LIMIT $1',
      [repeatBuyers],
    );
    await engine.run(
      'DELETE FROM order_lines o WHERE o.customer_id NOT IN (SELECT customer_id FROM keep_repeat) AND o.order_date > (SELECT d FROM first_day f WHERE f.customer_id = o.customer_id)',
    );
  });
  const run = await valueWorkspace(ws.dir);
  const valued = await withEngine(ws.dir, async (engine) =>
    Number((await engine.query('SELECT count(*) AS n FROM customer_clv'))[0]!.n),
  );
  return { ws, run, valued };
}
