/**
 * Sales without a customer beside the customers' on the Overview (API, a real headless Chromium)
 * and in the report: customers + without a customer = the net sales in the data, to the cent.
 *
 * The hand-built company of test/profit/fixture.ts plus one order without a customer (loaded:
 * `unattributed: load`). By hand:
 * customers' net sales C1 150 - 10 - 30 (return) = 110.00, C2 40.00, C3 2,000 - 200 - 100 (rebate)
 * = 1,700.00: 1,850.00. Without a customer: O4/1 1,234.56 - 34.56 = 1,200.00 and O4/2 99.99:
 * 1,299.99. In the data: 1,850.00 + 1,299.99 = 3,149.99.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatMoney } from '../../src/charts/index.ts';
import { buildReport } from '../../src/report/index.ts';
import { startServer, WorkspaceReader, type RunningServer } from '../../src/server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../../src/dashboard/index.ts';
import { FILES, ingested, runAnalyze, yaml } from '../profit/fixture.ts';
import { launchChromium } from './browser.ts';

const WITHOUT_CUSTOMER = [
  'O4,1,,2024-04-02,A,3,1234.56,34.56,600.00,phone',
  'O4,2,,2024-04-02,B,1,99.99,0.00,40.00,phone',
];

let dir: string;
let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;

beforeAll(async () => {
  dir = await ingested({
    'worth.yaml': yaml(undefined, 'unattributed: load\n'),
    'data/order_lines.csv': `${FILES['data/order_lines.csv']!}\n${WITHOUT_CUSTOMER.join('\n')}\n`,
  });
  await runAnalyze(dir);
  await ensureDashboardBuilt();
  server = await startServer(dir, { port: 0, webDir: DASHBOARD_DIR });
  browser = await launchChromium();
  page = await browser.context.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const euros = (lang: 'nl' | 'en', v: string) => formatMoney(v, lang, 'EUR', 2);

describe('sales without a customer', () => {
  it('the API gives customers, without a customer and the data total', async () => {
    const res = await fetch(new URL('/api/overview', server.url));
    const body = (await res.json()) as {
      summary: { totals: { netSales: string }; reconciliation: { netSales: Record<string, string> } };
    };
    expect(body.summary.totals.netSales).toBe('1850.00');
    expect(body.summary.reconciliation.netSales).toMatchObject({
      customers: '1850.00',
      unattributed: '1299.99',
      company: '3149.99',
      difference: '0.00',
    });
  });

  it('the Overview says them beside net sales, in Dutch and in English', async () => {
    await page.goto(server.url);
    const note = page.getByTestId('figure-net-sales-note');
    await note.waitFor();
    expect((await note.textContent())?.trim()).toBe(
      `klanten ${euros('nl', '1850.00')} + zonder klant ${euros('nl', '1299.99')} = ${euros('nl', '3149.99')} netto-omzet in de gegevens`,
    );
    await page.getByTestId('lang-switch').click();
    await page.getByText('Whale curve: who earns the profit').waitFor();
    expect((await note.textContent())?.trim()).toBe(
      `customers ${euros('en', '1850.00')} + without a customer ${euros('en', '1299.99')} = ${euros('en', '3149.99')} net sales in the data`,
    );
  });

  it('the report says them in its findings, in Dutch and in English', async () => {
    const reader = await WorkspaceReader.open(dir);
    try {
      const nl = await buildReport(reader, {
        currency: 'EUR',
        lang: 'nl',
        date: '2026-01-15',
        workspace: 'test',
      });
      expect(nl).toContain(
        `Omzet zonder klant zit niet in de klantcijfers: klanten ${euros('nl', '1850.00')} + zonder klant ${euros('nl', '1299.99')} = ${euros('nl', '3149.99')} netto-omzet in de gegevens.`,
      );
      const en = await buildReport(reader, {
        currency: 'EUR',
        lang: 'en',
        date: '2026-01-15',
        workspace: 'test',
      });
      expect(en).toContain(
        `Sales without a customer are not in the customer figures: customers ${euros('en', '1850.00')} + without a customer ${euros('en', '1299.99')} = ${euros('en', '3149.99')} net sales in the data.`,
      );
    } finally {
      await reader.close();
    }
  });
});

describe('every sale with a customer', () => {
  it('no note on the Overview and none in the report', async () => {
    const plain = await ingested();
    await runAnalyze(plain);
    const reader = await WorkspaceReader.open(plain);
    try {
      const en = await buildReport(reader, {
        currency: 'EUR',
        lang: 'en',
        date: '2026-01-15',
        workspace: 'test',
      });
      expect(en).not.toContain('without a customer');
      const s = await reader.summary();
      expect(s.reconciliation.netSales.unattributed).toBe('0.00');
    } finally {
      await reader.close();
    }
  }, 120_000);
});
