import type { Dialect, Engine } from '../warehouse/index.ts';

/**
 * The text columns of a staged file that need no cleaning: no value starts or ends with a
 * space, none is empty and none is one of the words that mean "missing" (compared as the
 * route compares them: trimmed, lower-case, only texts no longer than the longest word). For
 * such a column the route's trimming and "missing" handling give every value back unchanged,
 * so the route reads it as it is (route.ts). One aggregate pass over the stage, without copying
 * a string: on the 200,000-customer demo's order lines it costs about a quarter of the work the
 * cleaning itself took (BENCHMARKS.md, ingestion).
 */
export async function cleanTextColumns(
  engine: Engine,
  stage: string,
  columns: string[],
  missingValues: string[],
): Promise<Set<string>> {
  if (!columns.length) return new Set();
  const q = engine.dialect.quoteIdent;
  const params: string[] = [];
  const bind = (v: string) => {
    params.push(v);
    return `$${params.length}`;
  };
  const unclean = uncleanTextSql(missingValues, bind, engine.dialect);
  const sums = columns.map((c) => `sum(CASE WHEN ${unclean(q(c))} THEN 1 ELSE 0 END) AS ${q(`u_${c}`)}`);
  const row = (await engine.query(`SELECT ${sums.join(', ')} FROM ${q(stage)}`, params))[0]!;
  return new Set(columns.filter((c) => Number(row[`u_${c}`] ?? 1) === 0));
}

/**
 * The condition (SQL, over a text expression) under which a text needs cleaning: it is empty,
 * starts or ends with a space, or is a word that means "missing" (compared as the route
 * compares them). The words are bound through `bind`, once per call of the returned function.
 */
export function uncleanTextSql(
  missingValues: string[],
  bind: (v: string) => string,
  d: Dialect,
): (col: string) => string {
  const missing = [...new Set(missingValues.map((v) => v.trim().toLowerCase()))];
  const longest = Math.max(
    0,
    ...missing.map((v) => Math.max(Buffer.byteLength(v), Buffer.byteLength(v.toUpperCase()))),
  );
  const words = missing.filter((w) => w !== '');
  // Lower-casing every short text cost more than the cleaning it saves (line numbers are all
  // short), so only a text that starts like a missing word is lower-cased: with an ASCII letter
  // of either case that begins one, or with any non-ASCII character (whose lower case the
  // engine decides). Texts compare byte by byte, so [c, c+1) is every text starting with c.
  const starts = new Set<string>();
  let nonAscii = false;
  for (const w of words) {
    const first = w[0]!;
    if (first.charCodeAt(0) >= 0x80) nonAscii = true;
    else for (const c of new Set([first, first.toUpperCase(), first.toLowerCase()])) starts.add(c);
  }
  const startSql = (col: string) =>
    [
      ...[...starts].map(
        (c) => `(${col} >= ${bind(c)} AND ${col} < ${bind(String.fromCharCode(c.charCodeAt(0) + 1))})`,
      ),
      ...(nonAscii ? [`${col} >= ${bind('\u0080')}`] : []),
    ].join(' OR ');
  return (col) => {
    const conds = [`${col} = ''`, `${col} LIKE ' %'`, `${col} LIKE '% '`];
    if (words.length)
      conds.push(
        `(${d.byteLength(col)} <= ${Math.trunc(longest)} AND (${startSql(col)}) AND (${words.map((w) => `lower(${col}) = ${bind(w)}`).join(' OR ')}))`,
      );
    return `(${conds.join(' OR ')})`;
  };
}
