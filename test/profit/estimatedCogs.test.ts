/**
 * Cost of goods from an assumed margin: returns take it back at the rate of their sale, and
 * every figure built on it says so. The hand-built company of fixture.ts, with cost of goods
 * left out of the exports (except C2's order) and margins assumed per product group.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportTable } from '../../src/export/index.ts';
import { DATABASE_FILE } from '../../src/ingest/index.ts';
import { analysisTable, formatAnalysis, type AnalysisResult } from '../../src/profit/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { createApp, WorkspaceReader, type WorthApp } from '../../src/server/index.ts';
import { DuckDBEngine } from '../../src/warehouse/index.ts';
import { ESTIMATED_COGS, ESTIMATED_FILES, ingested, query, runAnalyze, yaml } from './fixture.ts';

// The hand-worked figures are in fixture.ts beside ESTIMATED_FILES.

describe('estimated cost of goods', () => {
  let dir: string;
  let r: AnalysisResult;
  beforeAll(async () => {
    dir = await ingested({ 'worth.yaml': yaml(undefined, ESTIMATED_COGS), ...ESTIMATED_FILES });
    r = await runAnalyze(dir);
  });

  it('returns take back the cost of goods at the rate of their sale', async () => {
    expect(
      await query(
        dir,
        'SELECT return_id, CAST(cogs_recovered AS VARCHAR) AS c, cogs_estimated AS e FROM returns ORDER BY 1',
      ),
    ).toEqual([
      { return_id: 'R1', c: '19.82', e: true },
      { return_id: 'R2', c: '62.50', e: true },
    ]);
  });

  it('the P&L nets the recovered cost of goods and flags the customers whose cost of goods is estimated', async () => {
    // C1: net 150 - 10 - 30 = 110.00; cogs 92.50 - 19.82 = 72.68; gross margin 37.32
    //     (without the recovery it would be 17.50: the return would cost its goods twice).
    // C2: net 40.00; cogs 30.00 (its own); gross margin 10.00; not estimated.
    // C3: net 2,000 - 200 - 100 - rebate 100 = 1,600.00; cogs 1,125.00 - 62.50 = 1,062.50; gross margin 537.50.
    const rows = await query(
      dir,
      'SELECT customer_id, CAST(net_sales AS VARCHAR) n, CAST(cogs AS VARCHAR) c, CAST(gross_margin AS VARCHAR) m, cogs_estimated e FROM customer_pnl ORDER BY 1',
    );
    expect(rows).toEqual([
      { customer_id: 'C1', n: '110.00', c: '72.68', m: '37.32', e: true },
      { customer_id: 'C2', n: '40.00', c: '30.00', m: '10.00', e: false },
      { customer_id: 'C3', n: '1600.00', c: '1062.50', m: '537.50', e: true },
    ]);
  });

  it('the analysis result (worth analyze --json, /api/summary) carries the estimated share', () => {
    // Estimated: 67.50 + 25.00 + 675.00 + 225.00 + 225.00 = 1,217.50 sold - 82.32 recovered = 1,135.18
    // of the P&L's 1,247.50 - 82.32 = 1,165.18: 0.974252...
    expect(r.totals.cogs).toBe('1165.18');
    expect(r.cogsEstimate).toEqual({
      amount: '1135.18',
      share: 0.974252,
      customers: 2,
      orderLines: 5,
      returns: 2,
    });
    // worth analyze for people: cost of goods and gross margin marked, and the footnote.
    const text = formatAnalysis(r, 'EUR');
    expect(text).toMatch(/^- cogs \(estimated\)\*\s+1,165\.18$/m);
    expect(text).toMatch(/^= gross margin\*\s+/m);
    expect(text).toContain(
      "* estimated: 1,135.18 (97.4%) of the cost of goods above (customers' lines, net of what returns take back) rests on an assumed margin or product cost (5 order lines, 2 returns taken back at the rate of the sale returned); the gross margin and contribution of 2 customers are marked cogs_estimated",
    );
  });

  it('a count of one takes the singular in the footnote (Dutch and English)', () => {
    // The same result with every count at one, as a 16-line export gives.
    const one = { ...r, cogsEstimate: { ...r.cogsEstimate!, customers: 1, orderLines: 1, returns: 1 } };
    expect(formatAnalysis(one, 'EUR', 'nl')).toContain(
      '(1 orderregel, 1 retour teruggenomen tegen het tarief van de teruggenomen verkoop); de brutomarge en winstbijdrage van 1 klant zijn',
    );
    expect(formatAnalysis(one, 'EUR')).toContain(
      '(1 order line, 1 return taken back at the rate of the sale returned); the gross margin and contribution of 1 customer are',
    );
    expect(formatAnalysis({ ...r, customers: 1 }, 'EUR', 'nl')).toMatch(/^1 klant, /);
    expect(formatAnalysis(r, 'EUR', 'nl')).toMatch(/^3 klanten, /);
  });

  it('the flag reaches the exports: a cogs_estimated column in customer_pnl (CSV and XLSX)', async () => {
    const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE), { readOnly: true });
    try {
      await exportTable(engine, analysisTable('customer_pnl')!, 'csv', path.join(dir, 'pnl.csv'));
      await exportTable(engine, analysisTable('customer_pnl')!, 'xlsx', path.join(dir, 'pnl.xlsx'));
    } finally {
      await engine.close();
    }
    const [head, ...rows] = readFileSync(path.join(dir, 'pnl.csv'), 'utf8').trim().split('\n');
    expect(head!.split(',').at(-1)).toBe('cogs_estimated');
    expect(rows.map((l) => [l.split(',')[0], l.split(',').at(-1)])).toEqual([
      ['C1', 'true'],
      ['C2', 'false'],
      ['C3', 'true'],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'pnl.xlsx'));
    const sheet = wb.worksheets[0]!;
    const col = (sheet.getRow(1).values as unknown[]).indexOf('cogs_estimated');
    expect([2, 3, 4].map((r) => sheet.getRow(r).getCell(col).value)).toEqual([true, false, true]);
  });

  describe('the API', () => {
    let app: WorthApp;
    beforeAll(async () => {
      app = await createApp(dir);
    });
    afterAll(async () => {
      await app?.close();
    });
    it('/api/summary carries the estimated share and /api/customers/:id the flag', async () => {
      const summary = (await (await app.app.request('/api/summary')).json()) as AnalysisResult;
      expect(summary.cogsEstimate).toEqual({
        amount: '1135.18',
        share: 0.974252,
        customers: 2,
        orderLines: 5,
        returns: 2,
      });
      const c1 = (await (await app.app.request('/api/customers/C1')).json()) as {
        pnl: Record<string, unknown>;
      };
      expect([c1.pnl.cogs, c1.pnl.cogs_estimated]).toEqual(['72.68', true]);
      const c2 = (await (await app.app.request('/api/customers/C2')).json()) as {
        pnl: Record<string, unknown>;
      };
      expect(c2.pnl.cogs_estimated).toBe(false);
    });
  });

  it('the report says so, in English and Dutch', async () => {
    const reader = await WorkspaceReader.open(dir);
    try {
      const en = await buildReport(reader, {
        lang: 'en',
        currency: 'EUR',
        date: '2025-01-15',
        workspace: 'estimated',
        scenarioDraws: 10,
      });
      // 1,135.18 / 1,165.18 = 97.4%, of 2 customers (C1, C3).
      expect(en).toContain('Estimated: 97.4% of the cost of goods');
      expect(en).toContain(
        'so the gross margin and contribution of 2 customers are estimates; returns take it back at the rate of their sale.',
      );
      const nl = await buildReport(reader, {
        lang: 'nl',
        currency: 'EUR',
        date: '2025-01-15',
        workspace: 'estimated',
        scenarioDraws: 10,
      });
      expect(nl).toContain('Geschat: 97,4% van de inkoopwaarde');
    } finally {
      await reader.close();
    }
  });
});
