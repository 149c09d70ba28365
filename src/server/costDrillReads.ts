/**
 * The cost drill's read: the events behind one cost bar of a customer's waterfall, under the
 * cost model of the served workspace's worth.yaml (loaded once per reader), with the HTTP
 * answers the read model leaves to its callers (404 for an unknown customer, 409 when the cost
 * model has changed since the run or the workspace folder is unknown).
 */
import { isUserError, WorthError } from '../core/index.ts';
import { loadCostModel, type CostModel } from '../costing/index.ts';
import { readCostDrill, type CostDrill } from '../readmodel/index.ts';
import { loadWorkspace } from '../workspace/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { HttpError } from './httpError.ts';
import type { WorkspaceReader } from './workspaceReader.ts';

const models = new WeakMap<WorkspaceReader, CostModel>();

function modelOf(reader: WorkspaceReader, engine: Engine): CostModel {
  const kept = models.get(reader);
  if (kept) return kept;
  if (!reader.workspaceDir)
    throw new HttpError(
      409,
      'this server does not know the workspace folder, so it cannot read its cost model',
    );
  let model: CostModel;
  try {
    model = loadCostModel(loadWorkspace(reader.workspaceDir), engine.dialect);
  } catch (e) {
    // worth.yaml broken since the run: said as it is, with what to do.
    if (isUserError(e))
      throw new HttpError(409, `worth.yaml cannot be read for the cost drill: ${e.message}`);
    throw e;
  }
  models.set(reader, model);
  return model;
}

/** Parses the page of a cost drill (absent: 1). */
function pageOf(raw: string | undefined): number {
  const page = raw === undefined || raw === '' ? 1 : Number(raw);
  if (!Number.isInteger(page) || page < 1 || page > 1_000_000)
    throw new WorthError(
      'input',
      { path: 'page' },
      (raw ?? '').slice(0, 40),
      'a whole number from 1 to 1000000',
    );
  return page;
}

/** `GET /api/customers/:id/drill?line=cost_<activity>&page`. */
export function costDrillOf(
  reader: WorkspaceReader,
  customerId: string,
  query: Record<string, string | undefined>,
): Promise<CostDrill> {
  const page = pageOf(query.page);
  return reader.read(async (engine) => {
    let drill: CostDrill | null;
    try {
      drill = await readCostDrill(engine, modelOf(reader, engine), customerId, query.line ?? '', page);
    } catch (e) {
      if (e instanceof WorthError && e.code === 'workspace') throw new HttpError(409, e.message);
      throw e;
    }
    if (!drill) throw new HttpError(404, `customer ${JSON.stringify(customerId)} is not in the customer P&L`);
    return drill;
  });
}
