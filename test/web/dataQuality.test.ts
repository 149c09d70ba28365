/**
 * The data-quality page shows what `worth ingest` reconciled: the API's figures equal the
 * ingest report's (tables, money, reasons with examples), and a real headless Chromium shows
 * them. The hand-built company of test/profit gets three bad lines:
 *   order_lines line 8: quantity "x" (gross 70.00); line 9: customer C9 does not exist (gross 55.50);
 *   returns line 3: return date 2024-13-45 (credited 10.00, cost of goods recovered 5.00).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatCount } from '../../src/charts/index.ts';
import { ingestWorkspace, type IngestReport } from '../../src/ingest/index.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../../src/dashboard/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';
import {
  ESTIMATED_COGS,
  ESTIMATED_FILES,
  FILES,
  ingested,
  runAnalyze,
  writeWorkspace,
  yaml,
} from '../profit/fixture.ts';
import { launchChromium } from './browser.ts';

let report: IngestReport;
let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
/** The same company with its cost of goods estimated, ingested and not analysed. */
let unanalysed: RunningServer;

beforeAll(async () => {
  const dir = writeWorkspace({
    'worth.yaml': yaml(undefined, 'max_rejected_share: 0.5\n'),
    ...FILES,
    'data/order_lines.csv': `${FILES['data/order_lines.csv']}\nO4,1,C1,2024-04-01,A,x,70.00,0.00,35.00,web shop\nO5,1,C9,2024-04-02,A,1,55.50,0.00,20.00,phone\n`,
    'data/returns.csv': `${FILES['data/returns.csv']}R2,O1,C1,2024-13-45,10.00,5.00,1,damaged\n`,
  });
  report = await ingestWorkspace(loadWorkspace(dir));
  await runAnalyze(dir);
  await ensureDashboardBuilt();
  server = await startServer(dir, { port: 0, webDir: DASHBOARD_DIR });
  unanalysed = await startServer(
    await ingested({ 'worth.yaml': yaml(undefined, ESTIMATED_COGS), ...ESTIMATED_FILES }),
    {
      port: 0,
      webDir: DASHBOARD_DIR,
    },
  );
  browser = await launchChromium();
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await unanalysed?.close();
});

async function api(): Promise<
  Record<string, unknown> & {
    sources: {
      table: string;
      files: string[];
      rowsRead: number;
      rowsLoaded: number;
      rowsRejected: number;
      amounts: { column: string; read: string; loaded: string; rejected: string }[];
    }[];
    reasons: {
      table: string;
      column: string;
      reason: string;
      rows: number;
      amount: string | null;
      example: { file: string; line: number; column: string; value: string };
    }[];
  }
> {
  const res = await fetch(new URL('/api/data-quality', server.url));
  expect(res.status).toBe(200);
  return (await res.json()) as never;
}

describe('the data-quality figures', () => {
  it('equal the hand count of the bad lines', async () => {
    const q = await api();
    const lines = q.sources.find((s) => s.table === 'order_lines')!;
    // 8 lines read (6 good + 2 bad); gross 2190.00 + 70.00 + 55.50 read, 125.50 rejected.
    expect([lines.rowsRead, lines.rowsLoaded, lines.rowsRejected]).toEqual([8, 6, 2]);
    expect(lines.files).toEqual(['data/order_lines.csv']);
    expect(lines.amounts.find((a) => a.column === 'gross_amount')).toEqual({
      column: 'gross_amount',
      read: '2315.50',
      loaded: '2190.00',
      rejected: '125.50',
    });
    const returns = q.sources.find((s) => s.table === 'returns')!;
    expect([returns.rowsRead, returns.rowsLoaded, returns.rowsRejected]).toEqual([2, 1, 1]);
    expect(returns.amounts.find((a) => a.column === 'credited_amount')).toEqual({
      column: 'credited_amount',
      read: '40.00',
      loaded: '30.00',
      rejected: '10.00',
    });
    const at = (file: string, line: number) =>
      q.reasons.find((r) => r.example.file.endsWith(file) && r.example.line === line);
    expect(at('order_lines.csv', 8)).toMatchObject({
      table: 'order_lines',
      column: 'quantity',
      rows: 1,
      amount: '70.00',
      example: { value: 'x' },
    });
    expect(at('order_lines.csv', 9)).toMatchObject({
      table: 'order_lines',
      column: 'customer_id',
      rows: 1,
      amount: '55.50',
      example: { value: 'C9' },
    });
    expect(at('returns.csv', 3)).toMatchObject({
      table: 'returns',
      column: 'return_date',
      rows: 1,
      amount: '10.00',
      example: { value: '2024-13-45' },
    });
    expect(q.rejects).toBe(3);
  });

  it("equal ingest's own reconciliation and reject summary", async () => {
    const q = await api();
    for (const [table, r] of Object.entries(report.tables)) {
      const s = q.sources.find((x) => x.table === table)!;
      expect(
        { rowsRead: s.rowsRead, rowsLoaded: s.rowsLoaded, rowsRejected: s.rowsRejected, files: s.files },
        table,
      ).toEqual({
        rowsRead: r.rowsRead,
        rowsLoaded: r.rowsLoaded,
        rowsRejected: r.rowsRejected,
        files: r.sources,
      });
      for (const [column, a] of Object.entries(r.amounts)) {
        expect(
          s.amounts.find((x) => x.column === column),
          `${table}.${column}`,
        ).toEqual({ column, read: a.read, loaded: a.loaded, rejected: a.rejected });
      }
    }
    expect(q.reasons.map((r) => [r.table, r.column, r.reason, r.rows, r.amount, r.example])).toEqual(
      report.rejectSummary.reasons.map((r) => [
        r.table,
        r.column,
        r.reason,
        r.rows,
        r.amount ?? null,
        r.example,
      ]),
    );
    expect(q.rejects).toBe(report.rejects);
  });
});

describe('the Data quality page in headless Chromium', () => {
  it('shows the same rows and money as ingest reported', async () => {
    await page.goto(`${server.url}/#/data-quality`);
    const row = page.getByTestId('dq-source-order_lines');
    await row.waitFor();
    const r = report.tables.order_lines!;
    expect(await row.getAttribute('data-read')).toBe(String(r.rowsRead));
    expect(await row.getAttribute('data-rejected')).toBe(String(r.rowsRejected));
    await expect(row.textContent()).resolves.toContain(formatCount(r.rowsLoaded, 'nl'));
    const gross = page.getByTestId('dq-amount-order_lines-gross_amount');
    expect(await gross.getAttribute('data-rejected')).toBe(r.amounts.gross_amount!.rejected);
    const reasons = page.getByTestId('dq-reason');
    expect(await reasons.count()).toBe(report.rejectSummary.reasons.length);
    const texts = await reasons.allTextContents();
    expect(texts.some((t) => t.includes('regel 8') && t.includes('“x”'))).toBe(true);
    await expect(page.getByTestId('dq-clv-missing').textContent()).resolves.toContain('worth clv');
    await expect(page.getByTestId('nav-data-quality').textContent()).resolves.toBe('Datakwaliteit');
  });
});

describe('a workspace ingested but not analysed, in headless Chromium', () => {
  it('the data-quality page says what ingest estimated (5 order lines, 2 returns), not that nothing is', async () => {
    await page.goto(`${unanalysed.url}/#/data-quality`);
    const estimated = page.getByTestId('dq-estimated');
    await estimated.waitFor();
    expect(await estimated.textContent()).toBe(
      'Inkoopwaarde geschat uit een aangenomen marge of kostprijs op 5 orderregels en 2 retouren (zoals ingest ze laadde); het bedrag en het aandeel in alle inkoopwaarde volgen uit worth analyze.',
    );
  });

  it('every page says "not analysed yet" as the overview does: no table name, no pager, no "undefined"', async () => {
    const notYet = 'de werkmap is nog niet geanalyseerd (draai eerst `worth analyze`)';
    for (const hash of ['', 'customers', 'segments', 'trends', 'costs']) {
      await page.goto(`${unanalysed.url}/#/${hash}`);
      const alert = page.getByRole('alert').first();
      await alert.waitFor();
      expect({ hash, alert: await alert.textContent() }).toEqual({ hash, alert: notYet });
    }
    // Lifetime value and scenarios say what to run for them (worth clv after worth analyze).
    for (const hash of ['', 'customers', 'segments', 'trends', 'costs', 'lifetime-value', 'scenarios']) {
      await page.goto(`${unanalysed.url}/#/${hash}`);
      await page.locator('main .page, main [role=alert]').first().waitFor();
      await page.waitForLoadState('networkidle');
      const body = (await page.locator('main').textContent()) ?? '';
      for (const raw of ['customer_pnl', 'pnl_monthly', 'undefined', 'NaN', 'geen tabel', '(0 klanten)'])
        expect({ hash, raw, found: body.includes(raw) }).toEqual({ hash, raw, found: false });
    }
    await page.goto(`${unanalysed.url}/#/customers`);
    await page.getByRole('alert').first().waitFor();
    expect(await page.getByTestId('page-info').count()).toBe(0);
  });
});
