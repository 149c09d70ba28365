/**
 * The cost drill's read: the events behind one cost bar of a customer's waterfall, under the
 * cost model of the served workspace's worth.yaml (loaded once per reader): an unknown customer
 * is a `not_found` WorthError; a cost model changed since the run, or a reader that does not
 * know its workspace folder, a `workspace` one.
 */
import { isUserError, WorthError } from '../core/index.ts';
import { notValidText } from '../words/index.ts';
import { loadCostModel, type CostModel } from '../costing/index.ts';
import { loadWorkspace } from '../workspace/index.ts';
import type { Engine } from '../warehouse/index.ts';
import { readCostDrill, type CostDrill } from './costDrill.ts';
import { notInPnl, workspaceLacks } from './readErrors.ts';
import type { WorkspaceReader } from './workspaceReader.ts';

const models = new WeakMap<WorkspaceReader, CostModel>();

function modelOf(reader: WorkspaceReader, engine: Engine): CostModel {
  const kept = models.get(reader);
  if (kept) return kept;
  if (!reader.workspaceDir)
    throw workspaceLacks('this server does not know the workspace folder, so it cannot read its cost model');
  let model: CostModel;
  try {
    model = loadCostModel(loadWorkspace(reader.workspaceDir), engine.dialect);
  } catch (e) {
    // worth.yaml broken since the run: said as it is, with what to do.
    if (isUserError(e)) throw workspaceLacks(`worth.yaml cannot be read for the cost drill: ${e.message}`);
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
      undefined,
      notValidText((raw ?? '').slice(0, 40), { key: 'expectedPage', vars: { max: '1000000' } }),
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
    // A cost model changed since the run is the read model's `workspace` WorthError (the server's 409).
    const drill = await readCostDrill(engine, modelOf(reader, engine), customerId, query.line ?? '', page);
    if (!drill) throw notInPnl(customerId);
    return drill;
  });
}
