/**
 * Column names made unique as DuckDB's CSV reader makes them: a name seen before takes `_1`,
 * `_2`, ... (an invoice register with `AMOUNT` excl. and incl. VAT: `AMOUNT`, `AMOUNT_1`). The
 * engine refuses a read with one name twice, and init's sniffer names them so: worth.yaml's
 * `col("AMOUNT_1")` is the same column for init, the typed read and the text read (CSV and XLSX).
 */
export function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let out = name;
    for (let n = 1; seen.has(out.toLowerCase()); n++) out = `${name}_${n}`;
    seen.add(out.toLowerCase());
    return out;
  });
}
