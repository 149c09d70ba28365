/**
 * One order in two files of a source. When an export has no line numbers, an order line's
 * key is (order number, physical line), and the line differs from file to file: a download
 * that overlaps the previous month's repeats an order at other lines, so the key alone would
 * load it twice. An order number met in an earlier file of the table is the same order
 * again: its lines in the later file are rejected as such, naming the first file.
 */
import type { Engine } from '../warehouse/index.ts';

/** A typed route table of the table and the file it was read from. */
export interface FilePart {
  typed: string;
  file: string;
}

/**
 * Adds to `dupTable` (`_rid`, `first_line`, `first_rid`, `cross_order`) the clean rows whose
 * `orderColumn` value was first met in another file, with that file's first line of the
 * order; rows already there (duplicate keys) stay as they are. Returns how many were added.
 */
export async function ordersInTwoFiles(
  engine: Engine,
  parts: FilePart[],
  orderColumn: string,
  dupTable: string,
): Promise<number> {
  const d = engine.dialect;
  const q = d.quoteIdent;
  const files = [...new Set(parts.map((p) => p.file))];
  if (files.length < 2) return 0;
  const order = q(orderColumn);
  const all = parts
    .map(
      (p) =>
        `SELECT _rid, _line, ${order} AS _order, CAST(${files.indexOf(p.file)} AS INTEGER) AS _file FROM ${q(p.typed)} WHERE _flags = 0 AND ${order} IS NOT NULL`,
    )
    .join(' UNION ALL ');
  const before = Number((await engine.query(`SELECT count(*) AS n FROM ${q(dupTable)}`))[0]!.n);
  // The first file of an order is that of its first row (files are staged in order).
  await engine.run(
    `INSERT INTO ${q(dupTable)} SELECT a._rid, f.first_line, f.first_rid, TRUE FROM (${all}) a JOIN (SELECT _order, min(_rid) AS first_rid, ${d.argMin('_line', '_rid')} AS first_line, ${d.argMin('_file', '_rid')} AS first_file FROM (${all}) x GROUP BY _order HAVING min(_file) < max(_file)) f ON a._order = f._order WHERE a._file <> f.first_file AND a._rid NOT IN (SELECT _rid FROM ${q(dupTable)})`,
  );
  const after = Number((await engine.query(`SELECT count(*) AS n FROM ${q(dupTable)}`))[0]!.n);
  return after - before;
}
