/**
 * The plain `worth init` template runs as written on files shaped like its comments
 * (Klantnummer;Naam;Segment and Factuurnummer;Klantnummer;Datum;Aantal;Prijs, Dutch
 * format), through ingest and analyze with its starter cost model. Figures by hand.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestWorkspace } from '../../src/ingest/index.ts';
import { loadWorkspace, writeTemplate } from '../../src/workspace/index.ts';
import { query, runAnalyze } from '../profit/fixture.ts';

describe('the worth init template', () => {
  it('loads and analyses files shaped like its comments, with no edit', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'worth-template-')), 'company');
    writeTemplate(dir);
    const yaml = readFileSync(path.join(dir, 'worth.yaml'), 'utf8');
    for (const id of ['order_handling', 'picking', 'returns_handling', 'delivery', 'service'])
      expect(yaml).toContain(`id: ${id}`);
    mkdirSync(path.join(dir, 'data'));
    writeFileSync(
      path.join(dir, 'data/customers.csv'),
      'Klantnummer;Naam;Segment\nK001;Bakkerij de Roos;Retail\nK002;Hotel Zon;Horeca\n',
    );
    // Two lines on F1001: no line numbers in the file, each line is its own key.
    writeFileSync(
      path.join(dir, 'data/order_lines.csv'),
      'Factuurnummer;Klantnummer;Datum;Aantal;Prijs\nF1001;K001;15-01-2025;3;12,00\nF1001;K001;15-01-2025;2;4,00\nF1002;K002;03-02-2025;10;2,00\nF1003;K001;20-03-2025;1;150,00\n',
    );
    const report = await ingestWorkspace(loadWorkspace(dir));
    expect(report.rejects).toBe(0);
    expect(report.tables.order_lines!.rowsLoaded).toBe(4);
    const r = await runAnalyze(dir);
    // K001: 36.00 + 8.00 + 150.00 = 194.00 gross; cogs at the template's 25% margin 145.50; margin 48.50.
    // K002: 20.00 gross; cogs 15.00; margin 5.00.
    expect(r.totals.grossSales).toBe('214.00');
    expect(r.totals.grossMargin).toBe('53.50');
    expect(r.costToServe).toBe(true);
    // Order handling: 3 + 0.5 x lines minutes at 60,000 / 100,000 = 0.60 a minute:
    // K001 F1001 4 min + F1003 3.5 min = 7.5 min = 4.50; K002 3.5 min = 2.10.
    // Delivery: 6.50 a parcel per order: K001 two orders 13.00, K002 6.50.
    const pnl = await query(
      dir,
      'SELECT customer_id, CAST(cost_order_handling AS VARCHAR) AS oh, CAST(cost_delivery AS VARCHAR) AS d, CAST(gross_margin AS VARCHAR) AS m FROM customer_pnl ORDER BY 1',
    );
    expect(pnl).toEqual([
      { customer_id: 'K001', oh: '4.50', d: '13.00', m: '48.50' },
      { customer_id: 'K002', oh: '2.10', d: '6.50', m: '5.00' },
    ]);
    expect(r.reconciliation.difference).toBe('0.00');
  });
});
