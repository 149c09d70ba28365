/**
 * Old Mac line ends (a lone CR) at ingest: `worth init` profiles such a file (src/onboard/
 * lineEnds.ts); ingest reads it too, with every line on its own number, in UTF-8, in
 * Windows-1252 and gzip-compressed, and beside CRLF. Totals are worked out here from the
 * generated lines (each 10.00 gross, 5.00 cost of goods).
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ingestWorkspace } from '../../src/ingest/index.ts';
import { scanText } from '../../src/ingest/scanText.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import { makeWorkspace, queryDb, readRejects } from './helpers.ts';

const HEADER = 'order_id,customer_id,order_date,quantity,gross_amount,cogs_amount,product_id';
const YAML = (file: string, encoding = 'utf-8') =>
  `company: X\nlanguage: en\nperiod: { start: 2024-01-01, end: 2024-12-31 }\nmax_rejected_share: 0.5\nsources:\n  order_lines:\n    file: ${file}\n    format: { encoding: ${encoding} }\n`;

/** `n` order lines of 10.00 gross and 5.00 cost; the line at index `bad` (physical line bad + 2) has gross "abc". */
function lines(n: number, bad: number, product = 'P1'): string[] {
  return [
    HEADER,
    ...Array.from(
      { length: n },
      (_, i) => `O${i},C${(i % 3) + 1},2024-01-05,1,${i === bad ? 'abc' : '10.00'},5.00,${product}`,
    ),
  ];
}

async function loadsEveryLine(dir: string, n: number, badLine: number, product = 'P1'): Promise<void> {
  const report = await ingestWorkspace(loadWorkspace(dir));
  expect(report.tables.order_lines!.rowsRead).toBe(n);
  expect(report.tables.order_lines!.rowsLoaded).toBe(n - 1);
  expect(readRejects(report.rejectsFile).map((r) => [r.line, r.column, r.value])).toEqual([
    [String(badLine), 'gross_amount', 'abc'],
  ]);
  // (n - 1) x 10.00 gross and x 5.00 cost; no carriage return left in any value.
  const [sums] = await queryDb(
    dir,
    `SELECT CAST(sum(gross_amount) AS VARCHAR) AS g, CAST(sum(cogs_amount) AS VARCHAR) AS c, count(*) FILTER (WHERE contains(product_id, chr(13)) OR contains(order_id, chr(13))) AS cr, min(product_id) AS p, max(_line) AS last FROM order_lines`,
  );
  expect(sums).toEqual({
    g: `${(n - 1) * 10}.00`,
    c: `${(n - 1) * 5}.00`,
    cr: 0,
    p: product,
    last: n + 1 === badLine ? n : n + 1,
  });
}

describe('line ends at ingest', () => {
  it('a file with lone CR line ends (old Mac) loads line by line, the reject on its own line', async () => {
    const dir = makeWorkspace({
      'worth.yaml': YAML('data/orders.csv'),
      'data/orders.csv': `${lines(3, 1).join('\r')}\r`,
    });
    await loadsEveryLine(dir, 3, 3);
  });

  it('a big CR-only file (line ends across read chunks), without a last line end', async () => {
    // 40,000 lines of ~45 bytes: about 1.8 MB, read in 1 MiB chunks.
    const dir = makeWorkspace({
      'worth.yaml': YAML('data/orders.csv'),
      'data/orders.csv': lines(40_000, 29_999).join('\r'),
    });
    await loadsEveryLine(dir, 40_000, 30_001);
  }, 60_000);

  it('a CR-only file in Windows-1252, and one gzip-compressed', async () => {
    const text = `${lines(5, 3, 'Caf\u00e9').join('\r')}\r`;
    const dir = makeWorkspace({
      'worth.yaml': YAML('data/orders.csv', 'windows-1252'),
      'data/orders.csv': iconv.encode(text, 'win1252'),
    });
    await loadsEveryLine(dir, 5, 5, 'Caf\u00e9');
    const gz = makeWorkspace({
      'worth.yaml': YAML('data/orders.csv.gz'),
      'data/orders.csv.gz': gzipSync(Buffer.from(text, 'utf8')),
    });
    await loadsEveryLine(gz, 5, 5, 'Caf\u00e9');
  });

  it('lone CR and CRLF line ends in one file (a hand edit of an old Mac export) load line by line', async () => {
    const all = lines(6, 4);
    const text = all.map((l, i) => `${l}${i % 2 ? '\r\n' : '\r'}`).join('');
    const dir = makeWorkspace({ 'worth.yaml': YAML('data/orders.csv'), 'data/orders.csv': text });
    await loadsEveryLine(dir, 6, 6);
  });

  it('a CRLF whose CR ends a read chunk is one line end, not a lone CR', async () => {
    const file = path.join(os.tmpdir(), `worth-crlf-${process.pid}.csv`);
    // The CR of the first CRLF is the last byte of the first 1 MiB chunk.
    const first = `${'x'.repeat((1 << 20) - 1)}\r\n`;
    writeFileSync(file, `${first}a\r\nb\r\n`);
    const format = {
      delimiter: ',',
      decimal: '.',
      date_format: 'yyyy-mm-dd',
      encoding: 'utf-8',
      header: true,
      quote: '"',
      skip_lines: 0,
    } as const;
    const scan = await scanText(file, false, 'x.csv', format, ['x']);
    expect(scan).toEqual({ mixedLineEndings: false, crLineEnds: false, lines: 3 });
  });
});
