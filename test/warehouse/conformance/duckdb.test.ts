// The DuckDB engine against the conformance suite every engine passes (engineConformance.ts).
import { openEngine } from '../../../src/warehouse/index.ts';
import { describeEngineConformance } from './engineConformance.ts';

describeEngineConformance('duckdb', () => openEngine({ kind: 'duckdb' }));
