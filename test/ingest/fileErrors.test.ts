import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WorthError, WorthErrors } from '../../src/core/index.ts';
import { ingestWorkspace, LoadRefused } from '../../src/ingest/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { CUSTOMERS, makeWorkspace, queryDb, yamlFor } from './helpers.ts';

const ORDERS =
  'order_id,customer_id,order_date,quantity,gross_amount,cogs_amount\nO1,C1,2024-01-05,1,10.00,5.00\n';

async function ingestError(files: Record<string, string | Buffer>): Promise<Error> {
  const dir = makeWorkspace(files);
  try {
    await ingestWorkspace(loadWorkspace(dir));
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the load to fail');
}

describe('ingest: a file that is not what it claims gets one clear error', () => {
  it('names the delimiter it looks like when the configured one does not split the header', async () => {
    const e = await ingestError({
      'worth.yaml': yamlFor(['customers', 'order_lines']),
      'data/customers.csv': 'customer_id;name;segment\nC1;A;Retail\n',
      'data/order_lines.csv': ORDERS,
    });
    expect(e).toBeInstanceOf(WorthError);
    expect(e.message).toBe(
      'data/customers.csv line 1: header "customer_id;name;segment" has a single column when split on ","; it looks ";"-separated: set format.delimiter',
    );
  });

  it('names a missing required column and lists what was found', async () => {
    const e = await ingestError({
      'worth.yaml': yamlFor(['customers', 'order_lines']),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv':
        'order_id,customer_id,order_date,qty,gross_amount,cogs_amount\nO1,C1,2024-01-05,1,10.00,5.00\n',
    });
    expect(e.message).toContain(
      'data/order_lines.csv, column quantity: has no column "quantity" for the required field order_lines.quantity',
    );
    expect(e.message).toContain(
      'found columns: order_id, customer_id, order_date, qty, gross_amount, cogs_amount',
    );
    expect(e.message).toContain('sources.order_lines.columns.quantity');
  });

  it('refuses binary junk, an XLSX named .csv, an empty file and a missing file', async () => {
    const junk = Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x41]);
    let e = await ingestError({
      'worth.yaml': yamlFor(['customers', 'order_lines']),
      'data/customers.csv': junk,
      'data/order_lines.csv': ORDERS,
    });
    expect(e.message).toMatch(
      /^data\/customers\.csv: contains binary data \(a NUL byte at byte 1; .*expected a text CSV file$/,
    );
    e = await ingestError({
      'worth.yaml': yamlFor(['customers', 'order_lines']),
      'data/customers.csv': Buffer.from('PK\u0003\u0004\u0000\u0000junk'),
      'data/order_lines.csv': ORDERS,
    });
    expect(e.message).toContain('a ZIP signature (an XLSX workbook?)');
    e = await ingestError({
      'worth.yaml': yamlFor(['customers', 'order_lines']),
      'data/customers.csv': '',
      'data/order_lines.csv': ORDERS,
    });
    expect(e.message).toBe('data/customers.csv: is empty (expected at least a header line)');
    e = await ingestError({
      'worth.yaml': yamlFor(['customers', 'order_lines']),
      'data/customers.csv': CUSTOMERS,
    });
    expect(e.message).toMatch(/^data\/order_lines\.csv: not found/);
  });

  it('says when a UTF-8 file is really Windows-1252', async () => {
    const e = await ingestError({
      'worth.yaml': yamlFor(['customers', 'order_lines']),
      'data/customers.csv': Buffer.from('customer_id,name\nC1,Caf\xe9\n', 'latin1'),
      'data/order_lines.csv': ORDERS,
    });
    expect(e.message).toBe(
      'data/customers.csv line 2, column name: "Café" (as windows-1252 reads it) is not valid UTF-8 (byte 0xe9 at byte 24); set format.encoding: windows-1252 if the file was saved that way (Excel on Windows), or correct that line',
    );
  });

  // A line with another number of fields than the header is that line's reject (raggedRows.test.ts):
  // here it is half of the customers file, so over the reject budget the load is refused, naming it.
  it('reads a file in 1 MiB chunks of one buffer: a character across chunks loads, a bad byte later is named by line', async () => {
    // Names padded so that the 3-byte "€" of line 2 + k straddles the first 1 MiB boundary.
    const header = 'customer_id,name\n';
    const orders = ORDERS.replace(',C1,', ',C000001,');
    const pad = 'x'.repeat(60);
    const line = (i: number, name: string) => `C${String(i).padStart(6, '0')},${name}\n`;
    let text = header;
    let i = 1;
    // Every line so far is ASCII: its length is its bytes.
    while (text.length + line(i, pad).length < (1 << 20) - 20) text += line(i++, pad);
    // The "€" (E2 82 AC) starts 1 byte before the boundary: its last two bytes come with the next read.
    const before = (1 << 20) - text.length - 'C000000,'.length - 1;
    text += line(i++, `${'y'.repeat(before)}€z`);
    expect(Buffer.from(text).subarray((1 << 20) - 1, (1 << 20) + 2)).toEqual(Buffer.from('€'));
    for (let k = 0; k < 20_000; k++) text += line(i++, pad);
    const good = Buffer.from(text);
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines']),
      'data/customers.csv': good,
      'data/order_lines.csv': orders,
    });
    await ingestWorkspace(loadWorkspace(dir));
    expect(await queryDb(dir, "SELECT count(*) AS n FROM customers WHERE name LIKE '%€z'")).toEqual([
      { n: 1 },
    ]);
    // The same file with one Latin-1 byte on a line in the third chunk: the header is line 1.
    const badLine = 2 + (i - 1) - 5;
    const lines = text.split('\n');
    const bad = Buffer.concat([
      Buffer.from(`${lines.slice(0, badLine - 1).join('\n')}\n`),
      Buffer.from(`C${String(badLine - 1).padStart(6, '0')},Caf\xe9`, 'latin1'),
      Buffer.from(`\n${lines.slice(badLine).join('\n')}`),
    ]);
    expect(bad.length).toBeGreaterThan(2 << 20);
    const e = await ingestError({
      'worth.yaml': yamlFor(['customers', 'order_lines']),
      'data/customers.csv': bad,
      'data/order_lines.csv': orders,
    });
    expect(e).toBeInstanceOf(WorthError);
    expect(e.message).toMatch(new RegExp(`^data/customers\\.csv line ${badLine}, column name: "Café"`));
  });

  it('rejects a row with too many fields with its line, count and raw text', async () => {
    const e = await ingestError({
      // No floor: 1 broken line of 2 is within the default floor of 5 lines.
      'worth.yaml': yamlFor(['customers', 'order_lines'], 'reject_floor: 0\n'),
      'data/customers.csv': 'customer_id,name\nC1,A\nC2,B,extra,fields\n',
      'data/order_lines.csv': ORDERS,
    });
    expect(e).toBeInstanceOf(LoadRefused);
    const [r] = (e as LoadRefused).report.rejectSummary.reasons;
    expect([r?.example.file, r?.example.line, r?.example.value, r?.reason]).toEqual([
      'data/customers.csv',
      3,
      'C2,B,extra,fields',
      'wrong number of fields (2 expected: one per column of the header; quote a value that holds the delimiter)',
    ]);
  });

  it('rejects a line cut short with its field count', async () => {
    const e = await ingestError({
      // No floor: 1 broken line of 2 is within the default floor of 5 lines.
      'worth.yaml': yamlFor(['customers', 'order_lines'], 'reject_floor: 0\n'),
      'data/customers.csv': 'customer_id,name\nC1,A\nC2\n',
      'data/order_lines.csv': ORDERS,
    });
    expect(e).toBeInstanceOf(LoadRefused);
    const [r] = (e as LoadRefused).report.rejectSummary.reasons;
    expect([r?.example.line, r?.example.value, r?.reason]).toEqual([
      3,
      'C2',
      'wrong number of fields (2 expected: one per column of the header; quote a value that holds the delimiter)',
    ]);
  });

  it('reads gzip-compressed CSV', async () => {
    const dir = makeWorkspace({
      'worth.yaml':
        yamlFor(['customers']).replace('data/customers.csv', 'data/customers.csv.gz') +
        '  order_lines:\n    file: data/order_lines.csv\n',
      'data/customers.csv.gz': gzipSync(CUSTOMERS),
      'data/order_lines.csv': ORDERS,
    });
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(report.tables.customers!.rowsLoaded).toBe(3);
  });
});

describe('worth.yaml: every mistake reported with its path and line', () => {
  it('lists all problems at once', () => {
    const yaml = `company: X
period: { start: 2024-01-01, end: 2023-12-31 }
cost_of_capital: 1.5
sources:
  customers:
    file: data/c.csv
    format: { delimiter: ";;", decimal: "," }
  order_lines:
    file: data/o.csv
    colums: {}
`;
    const dir = makeWorkspace({ 'worth.yaml': yaml });
    let err: unknown;
    try {
      loadWorkspace(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WorthErrors);
    const msgs = (err as WorthErrors).errors.map((e) => e.message);
    expect(msgs).toEqual([
      'worth.yaml line 2 at period.end: "2023-12-31": expected start on or before end',
      'worth.yaml line 3 at cost_of_capital: 1.5: expected a number < 1',
      'worth.yaml line 7 at sources.customers.format.delimiter: ";;": expected one character, e.g. "," or ";" (use "\\t" for tab)',
      'worth.yaml line 10 at sources.order_lines.colums: unknown setting "colums" (did you mean "columns"?) (known here: file, format, columns, split, exclude_when, group_heading, lookup, fill_down)',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const dir = makeWorkspace({ 'worth.yaml': 'company: X\nsources:\n  customers: [\n' });
    expect(() => loadWorkspace(dir)).toThrow(/worth\.yaml line \d/);
  });

  it('rejects an unknown date layout and an unknown canonical column in a mapping', async () => {
    const dir = makeWorkspace({
      'worth.yaml': `${yamlFor(['customers', 'order_lines'])}`.replace(
        'file: data/customers.csv',
        'file: data/customers.csv\n    format: { date_format: "dd-mmm-yyyy" }\n    columns: { klant: customer_id }',
      ),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': ORDERS,
    });
    await expect(ingestWorkspace(loadWorkspace(dir))).rejects.toThrow(
      'sources.customers.columns.klant: "klant" is not a column of customers (expected one of: customer_id, name, segment, channel, region, acquired_on)',
    );
  });

  it('names the formula, the position and the known columns for an unknown column', async () => {
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines']).replace(
        'file: data/order_lines.csv',
        'file: data/order_lines.csv\n    columns: { gross_amount: quantity * UnitPrice }',
      ),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': ORDERS.replace('gross_amount', 'Amount'),
    });
    await expect(ingestWorkspace(loadWorkspace(dir))).rejects.toThrow(
      'sources.order_lines.columns.gross_amount, formula "quantity * UnitPrice", position 12: unknown name "UnitPrice" (expected one of: order_id, customer_id, order_date, quantity, Amount, cogs_amount)',
    );
  });
});

describe('a failed load leaves the previous state intact', () => {
  it('keeps the old database when a later source is broken', async () => {
    const dir = makeWorkspace({
      'worth.yaml': yamlFor(['customers', 'order_lines']),
      'data/customers.csv': CUSTOMERS,
      'data/order_lines.csv': ORDERS,
    });
    await ingestWorkspace(loadWorkspace(dir));
    const before = await queryDb(
      dir,
      'SELECT count(*) AS n, sum(gross_amount)::VARCHAR AS g FROM order_lines',
    );
    // New data for customers, but order_lines is now junk: nothing of this run may land.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/data/customers.csv`, 'customer_id\nC1\n'); // valid, one column
    writeFileSync(`${dir}/data/order_lines.csv`, Buffer.from([0, 1, 2, 3]));
    await expect(ingestWorkspace(loadWorkspace(dir))).rejects.toThrow(/binary data/);
    expect(
      await queryDb(dir, 'SELECT count(*) AS n, sum(gross_amount)::VARCHAR AS g FROM order_lines'),
    ).toEqual(before);
    expect(await queryDb(dir, 'SELECT count(*) AS n FROM customers')).toEqual([{ n: 3 }]);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir).filter((f) => f.startsWith('.worth-tmp'))).toEqual([]);
  });
});
