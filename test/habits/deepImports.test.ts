// The lint rule that keeps each folder's index.ts its public surface: an import into another
// folder's internals is an error at any depth, through index.ts it is not.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

async function errorsOf(code: string, filePath: string): Promise<string[]> {
  const [result] = await new ESLint().lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('no deep imports into another folder', () => {
  const cases: [string, string, boolean][] = [
    ["import { WorthError } from '../core/errors.ts';", 'src/ingest/probe.ts', true],
    ["import { WorthError } from '../../core/errors.ts';", 'src/warehouse/duckdb/probe.ts', true],
    ["import { formatMoney } from '../../charts/format.ts';", 'src/web/pages/Probe.tsx', true],
    ["import { WorthError } from '../core/index.ts';", 'src/ingest/probe.ts', false],
    ["import { WorthError } from '../../core/index.ts';", 'src/warehouse/duckdb/probe.ts', false],
    ["import { x } from './sibling.ts';", 'src/ingest/probe.ts', false],
  ];
  for (const [code, file, refused] of cases) {
    it(`${refused ? 'refuses' : 'allows'} ${code} in ${file}`, async () => {
      const errors = await errorsOf(`${code}\nexport const probe = 1;\n`, file);
      expect(errors.length > 0, errors.join('; ')).toBe(refused);
    });
  }
});
