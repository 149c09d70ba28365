// The engine seam: outside src/warehouse nothing names a database client or opens one itself
// (every engine comes from openEngine or openWorkspaceDatabase). Issue 15 extends this to
// the engine-specific SQL tokens as they move behind the dialect.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

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
  for (const token of ['DuckDBEngine', '@duckdb/']) {
    it(`no file outside src/warehouse names ${token}`, () => {
      const hits = outside.filter((f) => readFileSync(f, 'utf8').includes(token));
      expect(hits).toEqual([]);
    });
  }
});
