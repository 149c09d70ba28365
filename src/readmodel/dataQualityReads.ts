/** `GET /api/data-quality`: the read model's load and estimate figures plus the warnings of the CLV fits (as /api/lifetime-value has them). */
import { readDataQuality, type DataQuality } from './dataQuality.ts';
import type { StoredClvWarning } from '../words/index.ts';
import { lifetimeValueOf } from './clvReads.ts';
import type { WorkspaceReader } from './workspaceReader.ts';
import { keptAnswers } from './keptAnswers.ts';

/** The data-quality page's data. */
export interface DataQualityAnswer extends DataQuality {
  /** Each fitted CLV model with its warnings (English, and as data for the page's language: null for runs stored before); null before `worth clv`. */
  clvFits:
    | {
        model: string;
        degenerate: boolean;
        converged: boolean;
        warnings: string[];
        warningData: StoredClvWarning[] | null;
      }[]
    | null;
}

/** One answer per generation: the page reads the load's figures, which a generation never changes. */
const keep = keptAnswers(1);

/** Reads the data-quality page's data (once per generation). */
export function dataQualityOf(reader: WorkspaceReader): Promise<DataQualityAnswer> {
  return keep(reader, 'dataQuality', () => readDataQualityAnswer(reader));
}

async function readDataQualityAnswer(reader: WorkspaceReader): Promise<DataQualityAnswer> {
  const quality = await reader.read((engine) => readDataQuality(engine));
  const value = await lifetimeValueOf(reader);
  const clvFits = value.available
    ? [value.purchaseModel, ...(value.spendModel ? [value.spendModel] : [])].map((m) => ({
        model: m.model,
        degenerate: m.degenerate,
        converged: m.converged,
        warnings: m.warnings,
        warningData: m.warningData,
      }))
    : null;
  return { ...quality, clvFits };
}
