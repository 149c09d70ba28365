/**
 * Reads a delimited text file into a ClickHouse temporary table of text columns plus `_rn`
 * (the record's number, 1-based). ClickHouse 18.16's CSV reader has no "skip broken records",
 * no record numbers and no gzip for a local file, so the file is parsed here (csv-parse,
 * streaming) and sent as TSV in batches; declared types are then applied in one strict
 * statement: a value that does not convert fails the whole read, as on DuckDB.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { WorthError } from '../../core/index.ts';
import type { Engine, StageCsvOptions } from '../engine.ts';

/** Records sent to the server in one insert. */
const BATCH = 50_000;

/** Whether the file starts with gzip's magic bytes. */
async function isGzip(path: string): Promise<boolean> {
  const f = await open(path, 'r');
  try {
    const b = Buffer.alloc(2);
    await f.read(b, 0, 2, 0);
    return b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await f.close();
  }
}

/** TSV-escapes a field (backslash, tab, newline, carriage return); an empty field is NULL. */
function tsvField(s: string): string {
  if (s === '') return '\\N';
  return s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/**
 * Stages `o.path` into `table` on `engine`; `insertTsv` sends TSV rows into a table. A file that
 * cannot be read as `o` says is a WorthError naming the file and line.
 */
export async function stageCsvClickHouse(
  engine: Engine,
  insertTsv: (table: string, body: string) => Promise<void>,
  table: string,
  o: StageCsvOptions,
): Promise<void> {
  const q = engine.dialect.quoteIdent;
  const shown = o.displayName ?? o.path;
  const typed = o.types !== undefined && Object.keys(o.types).length > 0;
  if (typed && !o.columnNames?.length) throw new Error('stageCsv: declared types need the column names');
  const raw = typed ? `${table}__raw` : table;
  const refuse = (line: number | undefined, detail: string) =>
    new WorthError('file_format', { file: shown, line }, undefined, 'a readable delimited text file', detail);
  let names: string[] | undefined = o.columnNames?.length ? [...o.columnNames] : undefined;
  let headerSeen = !o.header;
  let rn = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const body = batch.join('\n') + '\n';
    batch = [];
    await insertTsv(raw, body);
  };
  const create = async (cols: string[]) => {
    await engine.run(`DROP TEMPORARY TABLE IF EXISTS ${q(raw)}`);
    await engine.run(
      `CREATE TEMPORARY TABLE ${q(raw)} (_rn BIGINT NOT NULL, ${cols.map((c) => `${q(c)} VARCHAR`).join(', ')})`,
    );
  };
  if (names) await create(names);
  const source = createReadStream(o.path);
  const parser = parse({
    delimiter: o.delimiter,
    quote: o.quote,
    escape: o.quote,
    from_line: Math.trunc(o.skipLines) + 1,
    relax_column_count: true,
    bom: true,
    info: true,
  });
  const input = (await isGzip(o.path)) ? source.pipe(createGunzip()) : source;
  input.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!headerSeen) {
        headerSeen = true;
        if (!names) {
          names = record;
          await create(names);
        }
        continue;
      }
      if (!names) {
        names = record.map((_, i) => `column${i}`);
        await create(names);
      }
      if (record.length !== names.length) {
        if (o.skipBrokenRecords === true) continue;
        throw refuse(
          info.lines,
          `has ${record.length} fields on line ${info.lines} where the header has ${names.length} (expected the same number on every line)`,
        );
      }
      batch.push(`${++rn}\t${record.map(tsvField).join('\t')}`);
      if (batch.length >= BATCH) await flush();
    }
  } catch (e) {
    if (e instanceof WorthError) throw e;
    const err = e as Error & { lines?: number };
    throw refuse(
      err.lines,
      `is not readable as delimited text (${(err.message.split('\n')[0] ?? '').slice(0, 200)})`,
    );
  } finally {
    source.destroy();
  }
  if (!names) {
    names = o.columnNames ?? [];
    await create(names);
  }
  await flush();
  if (!typed) return;
  const types = o.types!;
  const d = engine.dialect;
  // Every conversion is a lenient one (NULL where a value does not read), checked below: 18.16's
  // CAST of text to Decimal gives 0.00 for text that is not a number, never an error.
  const cols = names.map((n) => {
    const t = types[n];
    if (t === undefined) return q(n);
    const decimal = /^decimal\((\d+),\s*(\d+)\)$/i.exec(t);
    if (decimal) return `${d.tryDecimal(q(n), Number(decimal[1]), Number(decimal[2]))} AS ${q(n)}`;
    if (/^DATE$/i.test(t)) return `${d.tryDate(q(n), [o.dateFormat ?? '%Y-%m-%d'])} AS ${q(n)}`;
    if (/^(INTEGER|INT|BIGINT)$/i.test(t)) return `${d.tryInteger(q(n))} AS ${q(n)}`;
    if (/^(DOUBLE|FLOAT)$/i.test(t)) return `${d.tryDouble(q(n))} AS ${q(n)}`;
    if (/^(BOOLEAN|BOOL)$/i.test(t)) return `${d.tryBoolean(q(n))} AS ${q(n)}`;
    if (/^(VARCHAR|TEXT|String)$/i.test(t)) return q(n);
    throw new Error(`stageCsv on ClickHouse: no lenient conversion for type ${t}`);
  });
  await engine.run(`DROP TEMPORARY TABLE IF EXISTS ${q(table)}`);
  try {
    await engine.run(`CREATE TEMPORARY TABLE ${q(table)} AS SELECT _rn, ${cols.join(', ')} FROM ${q(raw)}`);
  } catch {
    throw refuse(
      undefined,
      'has a value that does not convert to its declared type (expected every value to convert)',
    );
  }
  // A conversion to a Nullable type gives NULL where 18.16 cannot read a value: a value that
  // was there and is NULL now did not convert, and fails the read.
  const declared = names.filter((n) => types[n] !== undefined);
  const [bad] = await engine.query(
    `SELECT toInt64(count()) AS n, min(r._rn) AS rn FROM ${q(table)} t JOIN ${q(raw)} r ON r._rn = t._rn WHERE ${declared.map((n) => `(t.${q(n)} IS NULL AND r.${q(n)} IS NOT NULL)`).join(' OR ')}`,
  );
  if (bad && Number(bad.n) > 0)
    throw refuse(
      undefined,
      `has a value that does not convert to its declared type in record ${String(bad.rn)} (expected every value to convert)`,
    );
}
