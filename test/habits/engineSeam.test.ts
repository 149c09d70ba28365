// The engine seam: outside src/warehouse nothing names a database client or opens one itself
// (every engine comes from openEngine or openWorkspaceDatabase), and engine-specific SQL
// (DuckDB's type spellings, casts, row identity, ordered aggregates, readers) is written only
// by the dialect. Folders not yet moved behind the dialect have a ceiling that only goes down.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINES, engineSqlTokens, type SqlToken } from '../../src/warehouse/index.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('the engine seam', () => {
  const outside = sources('src').filter((f) => !f.startsWith(path.join('src', 'warehouse') + path.sep));
  it('has files to check', () => expect(outside.length).toBeGreaterThan(100));
  for (const token of ['DuckDBEngine', '@duckdb/', 'ClickHouseEngine', '@clickhouse/']) {
    it(`no file outside src/warehouse names ${token}`, () => {
      const hits = outside.filter((f) => readFileSync(f, 'utf8').includes(token));
      expect(hits).toEqual([]);
    });
  }
});

/**
 * Every engine's own SQL spellings (each engine folder's descriptor lists them: DuckDB's
 * `TRY_CAST`, `DECIMAL(p,s)`, ..., ClickHouse's `toDecimal64(`, `uniqExact(`, ...): a stage asks
 * the dialect instead. Derived from `ENGINES`, so a new engine's tokens are checked here as
 * soon as it is listed.
 */
const ENGINE_TOKENS: SqlToken[] = engineSqlTokens(ENGINES);

/**
 * Standard forms an engine may lack (ClickHouse 18.16 has no window functions, no CTEs, no
 * aggregate FILTER, no IS DISTINCT FROM): the dialect declares the capability, and a stage that
 * uses the form needs a path without it (or a dialect method that spells it).
 */
const CAPABILITY_FORMS: SqlToken[] = [
  ['window function OVER (', /\bOVER \(/i],
  ['CTE WITH x AS (', /\bWITH (RECURSIVE )?\w+ AS \(/i],
  ['aggregate FILTER (WHERE', /\bFILTER \(WHERE\b/i],
  ['IS DISTINCT FROM', /\bIS (NOT )?DISTINCT FROM\b/i],
];

/**
 * Lines still to move behind the dialect, per src folder and token: none left (issue 15; the
 * last, fillDown.ts's two `* REPLACE (`, became `Dialect.starReplacing`). Keep it empty.
 */
const NOT_YET: Record<string, Record<string, number>> = {};

/** Lines that use a form some engine lacks, per src folder and form: lower these as stages gain a path without it. */
const CAPABILITY_NOT_YET: Record<string, Record<string, number>> = {
  export: { 'window function OVER (': 1 },
  ingest: { 'window function OVER (': 4, 'IS DISTINCT FROM': 2 },
  onboard: {
    // walkIns.ts: a value's share of the lines (sum() OVER ())
    'window function OVER (': 9,
    'CTE WITH x AS (': 1,
    'aggregate FILTER (WHERE': 36,
    'IS DISTINCT FROM': 3,
  },
  profit: { 'window function OVER (': 4 },
  // heldFigures.ts numbers customers and months (row_number) to hold them by position
  readmodel: { 'window function OVER (': 11 },
};

/** The token names a line holds; none on a comment line (doc comments and // comments may name them). */
function lineTokens(line: string, tokens: readonly SqlToken[]): string[] {
  const t = line.trim();
  if (t.startsWith('*') || t.startsWith('//') || t.startsWith('/*')) return [];
  return tokens.filter(([, re]) => re.test(line)).map(([name]) => name);
}

/** Tokens on a file's code lines, each with where it is (`file:line name`). */
function tokensIn(file: string, tokens: readonly SqlToken[]): { name: string; at: string }[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => lineTokens(line, tokens).map((name) => ({ name, at: `${file}:${i + 1} ${name}` })));
}

const folders = readdirSync('src', { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'warehouse')
  .map((e) => e.name);

function checkCeilings(
  what: string,
  tokens: readonly SqlToken[],
  ceilings: Record<string, Record<string, number>>,
): void {
  describe(what, () => {
    it('checks every folder, and the ceilings name only folders and tokens that exist', () => {
      expect(folders.length).toBeGreaterThan(15);
      for (const [f, byToken] of Object.entries(ceilings)) {
        expect(folders).toContain(f);
        for (const [t, n] of Object.entries(byToken)) {
          expect(tokens.map(([name]) => name)).toContain(t);
          expect(n).toBeGreaterThan(0);
        }
      }
    });
    for (const folder of folders) {
      const allowed = ceilings[folder] ?? {};
      const named = Object.entries(allowed)
        .map(([t, n]) => `${n} ${t}`)
        .join(', ');
      it(`src/${folder} has ${named ? `at most ${named}` : 'none'} outside the dialect`, () => {
        const hits = sources(path.join('src', folder)).flatMap((f) => tokensIn(f, tokens));
        const over = tokens
          .map(([name]) => ({ name, hits: hits.filter((h) => h.name === name).map((h) => h.at) }))
          .filter((t) => t.hits.length > (allowed[t.name] ?? 0));
        expect(over).toEqual([]);
      });
    }
  });
}

checkCeilings('engine-specific SQL stays in the dialect', ENGINE_TOKENS, NOT_YET);
checkCeilings('forms some engine lacks are counted', CAPABILITY_FORMS, CAPABILITY_NOT_YET);

describe('the token list', () => {
  it("is every engine's own list, each engine with some", () => {
    for (const e of ENGINES) {
      expect(e.sqlTokens.length, e.kind).toBeGreaterThan(0);
      for (const t of e.sqlTokens) expect(ENGINE_TOKENS).toContain(t);
    }
    expect(ENGINE_TOKENS.length).toBe(ENGINES.reduce((n, e) => n + e.sqlTokens.length, 0));
  });
});

describe('the token check itself', () => {
  const code = (line: string) => lineTokens(line, [...ENGINE_TOKENS, ...CAPABILITY_FORMS]);
  it('sees a token on a code line and not in a comment', () => {
    expect(code('/** DECIMAL(18,2) in a doc line */')).toEqual([]);
    expect(code('// TRY_CAST in a comment')).toEqual([]);
    expect(code("  const t = 'CAST(x AS DECIMAL(18,2))';")).toEqual(['DECIMAL(p,s)']);
  });
  it('sees lower case spellings and casts after a bracket', () => {
    expect(code('`try_cast(x AS DOUBLE)`')).toEqual(['TRY_CAST']);
    expect(code('list(${q(name)} ORDER BY _rn)[1:3]::VARCHAR[]')).toEqual(['x::type', 'list(']);
    expect(code('`SELECT mode(price) FROM t`')).toEqual(['mode(']);
    expect(code('`SELECT x.* REPLACE (trim(a) AS a) FROM t x`')).toEqual(['SELECT * REPLACE']);
    expect(code("'SELECT data_type FROM information_schema.columns'")).toEqual(['information_schema']);
    expect(code('`SELECT x FROM t QUALIFY row_number() OVER (ORDER BY y) = 1`')).toEqual([
      'QUALIFY',
      'window function OVER (',
    ]);
  });
  it('leaves TypeScript calls, IPv6 and the dialect method of the same name alone', () => {
    expect(code("return h === '::1';")).toEqual([]);
    expect(code('`${d.mode(x)} AS m, ${d.median(y)}, ${list(cents)}`')).toEqual([]);
    expect(code('const list = service.list();')).toEqual([]);
  });
});
