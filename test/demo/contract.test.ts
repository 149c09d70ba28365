import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COLUMNS, DEMO_MONEY_COLUMNS, DEMO_TABLES, type DemoSummary } from '../../src/demo/index.ts';
import { designColumns } from './designContract.ts';
import { cents, readCsv, type CsvTable } from './readCsv.ts';
import { demoWorkspace, removeWorkspaces } from './workspace.ts';

let demo: DemoSummary;
const tables = {} as Record<(typeof DEMO_TABLES)[number], CsvTable>;

beforeAll(async () => {
  demo = await demoWorkspace({ customers: 300, seed: 11 });
  for (const t of DEMO_TABLES) tables[t] = readCsv(demo.files[t]);
});
afterAll(removeWorkspaces);

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const MONEY = /^-?\d+\.\d{2}$/;

describe('worth demo writes the data contract', () => {
  it('writes every canonical column of DESIGN.md, in contract order', () => {
    for (const t of DEMO_TABLES) {
      expect(DEMO_COLUMNS[t], t).toEqual(designColumns(t).map((c) => c.name));
      expect(tables[t].header, t).toEqual([...DEMO_COLUMNS[t]]);
      const money = designColumns(t)
        .filter((c) => c.kind === 'money')
        .map((c) => c.name);
      expect([...DEMO_MONEY_COLUMNS[t]], t).toEqual(money);
    }
  });

  it('writes rows in every table, each with every field and its required fields filled', () => {
    for (const t of DEMO_TABLES) {
      const tab = tables[t];
      expect(tab.rows.length, t).toBeGreaterThan(0);
      const required = designColumns(t).flatMap((c, i) => (c.required ? [i] : []));
      for (const r of tab.rows) {
        expect(r.length, `${t}: ${r.join(',')}`).toBe(tab.header.length);
        for (const i of required) expect(r[i], `${t}.${tab.header[i]}`).not.toBe('');
      }
    }
  });

  it('writes money with exactly two decimals, ISO dates, booleans as true/false', () => {
    for (const t of DEMO_TABLES) {
      for (const col of designColumns(t)) {
        const i = tables[t].col(col.name);
        for (const r of tables[t].rows) {
          const v = r[i]!;
          if (v === '') continue;
          if (col.kind === 'money') expect(v, `${t}.${col.name}`).toMatch(MONEY);
          if (col.kind === 'date') expect(v, `${t}.${col.name}`).toMatch(ISO);
          if (col.kind === 'boolean') expect(['true', 'false']).toContain(v);
          if (col.kind === 'integer') expect(v, `${t}.${col.name}`).toMatch(/^\d+$/);
          if (col.kind === 'decimal') expect(v, `${t}.${col.name}`).toMatch(/^\d+\.\d$/);
        }
      }
    }
  });

  it('keeps event dates inside the period', () => {
    const inPeriod: [string, string][] = [
      ['order_lines', 'order_date'],
      ['returns', 'return_date'],
      ['shipments', 'ship_date'],
      ['service_contacts', 'contact_date'],
      ['invoices', 'invoice_date'],
      ['invoices', 'paid_date'],
      ['rebates', 'period_end'],
      ['feedback', 'feedback_date'],
    ];
    for (const [t, c] of inPeriod) {
      const tab = tables[t as (typeof DEMO_TABLES)[number]];
      const i = tab.col(c);
      for (const r of tab.rows) {
        if (r[i] === '') continue;
        expect(r[i]! >= demo.period.start && r[i]! <= demo.period.end, `${t}.${c} ${r[i]}`).toBe(true);
      }
    }
  });

  it('references only existing customers and orders, and credits at most what was ordered', () => {
    const customers = new Set(tables.customers.rows.map((r) => r[0]!));
    for (const t of DEMO_TABLES) {
      if (t === 'customers') continue;
      const i = tables[t].col('customer_id');
      for (const r of tables[t].rows) expect(customers.has(r[i]!), `${t}: ${r[i]}`).toBe(true);
    }
    const orders = new Map<string, { customer: string; net: bigint; cogs: bigint; lines: number }>();
    for (const r of tables.order_lines.rows) {
      const o = orders.get(r[0]!) ?? { customer: r[2]!, net: 0n, cogs: 0n, lines: 0 };
      expect(o.customer).toBe(r[2]);
      o.net += cents(r[7]!) - cents(r[8]!);
      o.cogs += cents(r[9]!);
      o.lines++;
      orders.set(r[0]!, o);
    }
    for (const r of tables.shipments.rows) {
      expect(orders.get(r[1]!)?.customer, `shipment ${r[0]}`).toBe(r[2]);
    }
    for (const r of tables.returns.rows) {
      const o = orders.get(r[1]!);
      expect(o?.customer, `return ${r[0]}`).toBe(r[2]);
      expect(cents(r[4]!) <= o!.net, `return ${r[0]} credits more than order ${r[1]}`).toBe(true);
      expect(cents(r[5]!) <= o!.cogs, `return ${r[0]} recovers more cost than order ${r[1]}`).toBe(true);
      expect(Number(r[6])).toBeLessThanOrEqual(o!.lines);
    }
    // One invoice per order, for the order's net amount.
    expect(tables.invoices.rows.length).toBe(orders.size);
    const invoiced = tables.invoices.rows.reduce((s, r) => s + cents(r[5]!), 0n);
    expect(invoiced).toBe([...orders.values()].reduce((s, o) => s + o.net, 0n));
  });

  it('returns totals that match the files to the cent', () => {
    for (const t of DEMO_TABLES) {
      expect(demo.totals[t].rows, t).toBe(tables[t].rows.length);
      for (const c of DEMO_MONEY_COLUMNS[t]) {
        const i = tables[t].col(c);
        const sum = tables[t].rows.reduce((s, r) => s + cents(r[i]!), 0n);
        expect(demo.totals[t].amounts[c], `${t}.${c}`).toBe(formatCents(sum));
      }
    }
  });

  it('writes a worth.yaml naming every table file and its format', () => {
    const yaml = readFileSync(`${demo.dir}/worth.yaml`, 'utf8');
    expect(yaml.split('\n')[0]).toBe('# Worth workspace: Van Dijk Groothandel B.V.');
    expect(yaml).toContain('period: { start: 2023-01-01, end: 2025-12-31 }');
    expect(yaml).toContain('cost_of_capital: 0.08');
    for (const t of DEMO_TABLES) expect(yaml).toContain(`  ${t}:\n    file: data/${t}.csv\n`);
    expect(yaml).toContain(
      'format: { delimiter: ",", decimal: ".", date_format: "yyyy-mm-dd", encoding: utf-8, header: true }',
    );
  });
});

function formatCents(v: bigint): string {
  const neg = v < 0n;
  const s = (neg ? -v : v).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
}
