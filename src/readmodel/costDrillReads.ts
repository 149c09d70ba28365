/**
 * The cost drill's read: the events behind one cost bar of a customer's waterfall, under the
 * cost model of the served workspace's worth.yaml (loaded once per reader): an unknown customer
 * is a `not_found` WorthError; a cost model changed since the run, or a reader that does not
 * know its workspace folder, a `workspace` one.
 */
import { isUserError } from '../core/index.ts';
import { loadCostModel, type CostModel } from '../costing/index.ts';
import { loadWorkspace } from '../workspace/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { readCostDrill, type CostDrill, type HeldCostFigures } from './costDrill.ts';
import { loadHeldUsage, usageAt, type HeldUsage } from './heldUsage.ts';
import { parseDrillPage } from './drill.ts';
import { notInPnl, workspaceLacks } from './readErrors.ts';
import { readOneCustomer } from './serverReader.ts';
import type { WorkspaceReader } from './workspaceReader.ts';

const models = new WeakMap<WorkspaceReader, CostModel>();

function modelOf(reader: WorkspaceReader, engine: Engine): CostModel {
  const kept = models.get(reader);
  if (kept) return kept;
  if (!reader.workspaceDir)
    throw workspaceLacks('this server does not know the workspace folder, so it cannot read its cost model');
  let model: CostModel;
  try {
    model = loadCostModel(loadWorkspace(reader.workspaceDir, 'serve'), engine.dialect);
  } catch (e) {
    // worth.yaml broken since the run: said as it is, with what to do.
    if (isUserError(e)) throw workspaceLacks(`worth.yaml cannot be read for the cost drill: ${e.message}`);
    throw e;
  }
  models.set(reader, model);
  return model;
}

/** Each activity's held usage, per reader (one generation): read on the first drill of the activity. */
const usages = new WeakMap<WorkspaceReader, Map<string, Promise<HeldUsage | null>>>();

/**
 * The activity's held usage, read on `engine`: the connection of the drill that asks first, inside
 * its own read (a read of its own would wait for a free connection while every connection's drill
 * waits for it). Drills on other connections wait for the same promise.
 */
function heldUsageOf(reader: WorkspaceReader, engine: Engine, activityId: string): Promise<HeldUsage | null> {
  let kept = usages.get(reader);
  if (!kept) usages.set(reader, (kept = new Map()));
  let usage = kept.get(activityId);
  if (!usage) {
    usage = (async () =>
      (await engine.tableExists('activity_usage'))
        ? loadHeldUsage(engine, activityId, reader.customerCount)
        : null)();
    // A failed read is not kept: the next drill asks the database again.
    usage.catch(() => kept.delete(activityId));
    kept.set(activityId, usage);
  }
  return usage;
}

/** `GET /api/customers/:id/drill?line=cost_<activity>&page`. */
export function costDrillOf(
  reader: WorkspaceReader,
  customerId: string,
  query: Record<string, string | undefined>,
): Promise<CostDrill> {
  const page = parseDrillPage(query.page);
  // The bar from the held customer pages (null: not in the P&L) where they are held: no lookup in
  // `customer_pnl`; the customer's measured usage from the held usage of the activity.
  // On a server engine's results the drill reads one customer's rows apart (readOneCustomer), its bar and usage among them.
  const row = reader.serverEngine ? undefined : reader.heldPnl(customerId);
  const position = reader.customerPosition(customerId);
  const held: HeldCostFigures | undefined =
    row === undefined
      ? undefined
      : {
          total: row === null ? null : String(row[query.line ?? ''] ?? '0.00'),
          usage:
            position === undefined || position < 0
              ? undefined
              : async (engine, activityId) => {
                  const usage = await heldUsageOf(reader, engine, activityId);
                  return usage ? usageAt(usage, position) : undefined;
                },
        };
  return readOneCustomer(reader, customerId, async (engine) => {
    // A cost model changed since the run is the read model's `workspace` WorthError (the server's 409).
    const drill = await readCostDrill(
      engine,
      modelOf(reader, engine),
      customerId,
      query.line ?? '',
      page,
      held,
    );
    if (!drill) throw notInPnl(customerId);
    return drill;
  });
}
