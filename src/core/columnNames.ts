/**
 * A header's column names made unique as DuckDB's CSV reader makes them, so a spreadsheet's
 * columns are named as a CSV's would be: a name seen before gets `_1`, `_2`, ... (the first
 * suffix not taken), compared without case (`Omschrijving`, `Omschrijving` -> `Omschrijving`,
 * `Omschrijving_1`).
 */
export function uniqueColumnNames(names: readonly string[]): string[] {
  const taken = new Set(names.map((n) => n.toLowerCase()));
  const seen = new Set<string>();
  return names.map((name) => {
    const key = name.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      return name;
    }
    let i = 1;
    while (taken.has(`${key}_${i}`)) i++;
    const unique = `${name}_${i}`;
    taken.add(`${key}_${i}`);
    return unique;
  });
}
