import type { AnalysisTable } from '../profit/index.ts';
import { CLV_SEGMENTS_TABLE } from './segmentTotals.ts';

/**
 * The tables `worth clv` writes that `worth export` offers beside the analysis tables (after
 * them, in this order): the lifetime value per segment with its 90% intervals. The per-customer
 * figures (CLV, P(alive), expected purchases, each with its interval) travel on `customer_pnl`.
 */
export const CLV_EXPORT_TABLES: readonly AnalysisTable[] = [
  {
    name: CLV_SEGMENTS_TABLE,
    description:
      'lifetime value per segment (after `worth clv`): customers, profit CLV and expected purchases over the horizon, each total with its 90% interval',
    orderBy: 'segment',
  },
];
