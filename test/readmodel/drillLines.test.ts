/**
 * The drill from a customer's gross-sales, discounts and cost-of-goods bars to its order lines,
 * read from analyze's copy sorted by the customer id's hash (`drill_order_lines`): every
 * customer's rows carry the file and physical line they came from, and their total is the sum of
 * that customer's lines in the source file, worked out here in BigInt cents from the CSV text
 * (not from Worth). Without the copy (a workspace analysed before it) the drill reads the order
 * lines as loaded and gives the same answer.
 */
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCostModel } from '../../src/costing/index.ts';
import { writeDemoWorkspace } from '../../src/demo/index.ts';
import { DATABASE_FILE, ingestWorkspace } from '../../src/ingest/index.ts';
import { analyze, DRILL_LINES_TABLE } from '../../src/profit/index.ts';
import { readDrill, DRILL_PAGE_SIZE, type Drill, type DrillLine } from '../../src/readmodel/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';

/** Exact cents of a plain decimal text (`-12.5`, `3.07`). */
function cents(text: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new Error(`not an amount: ${JSON.stringify(text)}`);
  const c = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -c : c;
}

const money = (c: bigint) => {
  const a = c < 0n ? -c : c;
  return `${c < 0n ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
};

/** Every page of a drill, one after the other. */
async function allRows(engine: DuckDBEngine, id: string, line: DrillLine): Promise<Drill['items']> {
  const items: Drill['items'] = [];
  for (let page = 1; ; page++) {
    const d = await readDrill(engine, id, line, page);
    if (!d) throw new Error(`${id}: not in the customer P&L`);
    items.push(...d.items);
    if (d.items.length < DRILL_PAGE_SIZE) return items;
  }
}

describe('drill to the order lines from the sorted copy', () => {
  let dir: string;
  /** Per customer, from the CSV: gross and discount cents, and its lines by physical line number. */
  const byCustomer = new Map<string, { gross: bigint; discount: bigint; lines: Map<number, string[]> }>();
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'worth-drill-lines-'));
    await writeDemoWorkspace(dir, { customers: 400, seed: 11 });
    const ws = loadWorkspace(dir);
    await ingestWorkspace(ws);
    const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
    try {
      await analyze(engine, loadCostModel(ws, engine.dialect));
    } finally {
      await engine.close();
    }
    file = path.join('data', 'order_lines.csv');
    const text = readFileSync(path.join(dir, file), 'utf8');
    expect(text).not.toContain('"'); // plain fields: a split on commas reads them
    const [header, ...rows] = text.split('\n');
    const col = header!.split(',');
    const [cust, gross, disc] = ['customer_id', 'gross_amount', 'discount_amount'].map((c) => col.indexOf(c));
    rows.forEach((row, i) => {
      if (!row) return;
      const f = row.split(',');
      const id = f[cust!]!;
      const c = byCustomer.get(id) ?? { gross: 0n, discount: 0n, lines: new Map() };
      c.gross += cents(f[gross!]!);
      c.discount += cents(f[disc!] || '0');
      c.lines.set(i + 2, f); // the header is line 1
      byCustomer.set(id, c);
    });
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives every customer its own lines, with file and line, summing to the source file to the cent', async () => {
    const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE), { readOnly: true });
    try {
      expect(await engine.tableExists(DRILL_LINES_TABLE)).toBe(true);
      const pnl = await engine.query(
        'SELECT customer_id, CAST(gross_sales AS VARCHAR) AS g, CAST(discounts AS VARCHAR) AS d FROM customer_pnl ORDER BY 1',
      );
      expect(pnl.length).toBe(400);
      let checked = 0;
      for (const r of pnl) {
        const id = String(r.customer_id);
        const src = byCustomer.get(id);
        const gross = await allRows(engine, id, 'gross_sales');
        const d = await readDrill(engine, id, 'gross_sales', 1);
        expect(d!.total, id).toBe(money(src?.gross ?? 0n));
        expect(d!.total, id).toBe(String(r.g)); // the bar
        expect(gross.length, id).toBe(src?.lines.size ?? 0);
        expect(money(gross.reduce((s, x) => s + cents(x.amount), 0n)), id).toBe(d!.total);
        for (const x of gross) {
          expect(x.file).toBe(file);
          const f = src!.lines.get(x.line);
          expect(f, `${id} line ${x.line}`).toBeDefined();
          expect([f![0], Number(f![1]), money(cents(f![7]!))]).toEqual([x.ref, x.refLine, x.amount]);
        }
        const disc = await readDrill(engine, id, 'discounts', 1);
        expect(disc!.total, id).toBe(money(src?.discount ?? 0n));
        expect(disc!.total, id).toBe(String(r.d));
        checked++;
      }
      expect(checked).toBe(400);
    } finally {
      await engine.close();
    }
  }, 300_000);

  it('answers the same, page by page, where the engine has no window aggregates (the page joined to a second read of the rows)', async () => {
    const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE), { readOnly: true });
    try {
      // The same engine seen through a dialect without window functions (as ClickHouse's says).
      const windowless = Object.create(engine, {
        dialect: { value: { ...engine.dialect, supportsWindowFunctions: false } },
      }) as DuckDBEngine;
      const ids = [...byCustomer.keys()].filter((_, i) => i % 25 === 0);
      let rows = 0;
      for (const id of ids)
        for (const l of ['gross_sales', 'discounts', 'returns', 'rebates', 'cogs'] as DrillLine[])
          for (const page of [1, 2]) {
            const a = await readDrill(engine, id, l, page);
            expect(await readDrill(windowless, id, l, page), `${id} ${l} page ${page}`).toEqual(a);
            rows += a!.items.length;
          }
      expect(rows).toBeGreaterThan(ids.length * 5);
    } finally {
      await engine.close();
    }
  }, 300_000);

  it('answers the same from the order lines as loaded when the workspace has no sorted copy', async () => {
    const ids = [...byCustomer.keys()].filter((_, i) => i % 40 === 0);
    const lines: DrillLine[] = ['gross_sales', 'discounts', 'cogs'];
    const read = async (engine: DuckDBEngine) => {
      const out: unknown[] = [];
      for (const id of ids) for (const l of lines) out.push(await readDrill(engine, id, l, 1));
      return out;
    };
    const sorted = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
    let fromCopy: unknown[];
    try {
      fromCopy = await read(sorted);
      await sorted.run(`DROP TABLE ${DRILL_LINES_TABLE}`);
    } finally {
      await sorted.close();
    }
    const loaded = await DuckDBEngine.open(path.join(dir, DATABASE_FILE), { readOnly: true });
    try {
      expect(await loaded.tableExists(DRILL_LINES_TABLE)).toBe(false);
      expect(await read(loaded)).toEqual(fromCopy);
    } finally {
      await loaded.close();
    }
  }, 300_000);
});
