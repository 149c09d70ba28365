// An engine is a registration: one descriptor, and every list of engines derives from ENGINES.
// A third engine, written here only (kind `memo`: DuckDB under another name, with a setting of
// its own and a token of its own), is handed to the derivations beside ENGINES and is opened,
// configured in worth.yaml's engine section, token-checked and conformance-tested with nothing
// else changed.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SETTING_WORDS } from '../../src/words/index.ts';
import {
  defineEngine,
  engineSqlTokens,
  ENGINES,
  openEngine,
  openEngineFrom,
  type EngineDescriptor,
} from '../../src/warehouse/index.ts';
import { engineSchemaOf, ENGINE_KINDS, parseWorkspace } from '../../src/workspace/index.ts';
import { describeEngineConformance } from './conformance/engineConformance.ts';

const duckdb = ENGINES[0];

/** The test-only engine: a flavour setting it requires, and one spelling of its own. */
const memo = defineEngine<'memo', undefined>({
  kind: 'memo',
  summary: 'a test engine',
  settings: {
    flavour: z
      .string()
      .regex(/^plain$/, SETTING_WORDS.settingEnvName.en)
      .optional(),
  },
  requiredSettings: ['flavour'],
  runsCommands: true,
  dialect: { ...duckdb.dialect, name: 'memo' },
  open: async (options) => {
    const engine = await duckdb.open(options, undefined);
    return Object.assign(engine, { dialect: { ...engine.dialect, name: 'memo' } });
  },
  sqlTokens: [['memo_only(', /\bmemo_only\(/]],
  conformanceNotYet: [],
});

const withMemo: readonly EngineDescriptor[] = [...ENGINES, memo];

describe('engines are derived from ENGINES', () => {
  it("worth.yaml's engine kinds are the descriptors' kinds, the first the default", () => {
    expect(ENGINE_KINDS).toEqual(ENGINES.map((e) => e.kind));
    expect(engineSchemaOf(ENGINES).parse({})).toMatchObject({ kind: 'duckdb' });
  });

  it("a third engine's kind and settings are accepted once it is listed, its required setting checked", () => {
    const schema = engineSchemaOf(withMemo);
    expect(schema.parse({ kind: 'memo', flavour: 'plain' })).toMatchObject({
      kind: 'memo',
      flavour: 'plain',
    });
    const missing = schema.safeParse({ kind: 'memo' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['flavour', 'expected flavour for engine kind memo'],
    ]);
    // without it in the list, neither the kind nor its setting exist
    expect(engineSchemaOf(ENGINES).safeParse({ kind: 'memo' }).success).toBe(false);
    expect(engineSchemaOf(ENGINES).safeParse({ flavour: 'plain' }).success).toBe(false);
  });

  it("worth.yaml's own engine section is the one derived from ENGINES", () => {
    const base =
      'company: X\nperiod: { start: 2025-01-01, end: 2025-12-31 }\nsources:\n  order_lines: { file: o.csv }\n';
    expect(parseWorkspace(`${base}engine: { kind: duckdb }\n`, '/tmp/ws').config.engine?.kind).toBe('duckdb');
    expect(() => parseWorkspace(`${base}engine: { kind: memo, flavour: plain }\n`, '/tmp/ws')).toThrow(
      /"duckdb", "clickhouse"/,
    );
  });

  it('openEngine opens the kind asked for from the list, and a kind not listed is a bug', async () => {
    const engine = await openEngineFrom(withMemo, { kind: 'memo' });
    try {
      expect(engine.dialect.name).toBe('memo');
      expect(await engine.query('SELECT 1 + 1 AS v')).toEqual([{ v: 2 }]);
    } finally {
      await engine.close();
    }
    expect(() => openEngineFrom(ENGINES, { kind: 'memo' })).toThrow(/no engine of kind "memo"/);
    const plain = await openEngine();
    expect(plain.dialect.name).toBe('duckdb');
    await plain.close();
  });

  it("the engine-seam test's tokens include a listed engine's own", () => {
    const names = engineSqlTokens(withMemo).map(([n]) => n);
    expect(names).toContain('memo_only(');
    expect(engineSqlTokens(ENGINES).map(([n]) => n)).not.toContain('memo_only(');
  });
});

// The conformance suite runs on the third engine from its descriptor alone.
describeEngineConformance(
  memo.kind,
  () => openEngineFrom(withMemo, { kind: 'memo' }),
  memo.conformanceNotYet,
);
