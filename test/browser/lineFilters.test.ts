/**
 * The product group and order channel margins under the global filters, in a real headless
 * Chromium, on the hand-built company of test/profit/fixture.ts (Dutch: worth.yaml names no
 * language). Figures by hand from its order lines:
 *   unfiltered  A: O1/1 100 - 10 - 50 = 40, O2/1 40 - 30 = 10, O3/1 1000 - 100 - 500 = 400: 450.00
 *               B: O1/2 50 - 20 = 30, O3/2 and O3/3 2 x (500 - 50 - 250) = 400: 430.00
 *   Zuid (C2, C3), February to March (O2 2024-02-01, O3 2024-03-01):
 *               A: 10 + 400 = 410.00 (940.00 invoiced), B: 400.00 (900.00 invoiced);
 *               order channels: EDI 400 + 200 + 200 = 800.00, phone 10.00.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingested, runAnalyze } from '../profit/fixture.ts';
import { openDashboard, type OpenDashboard } from '../web/browser.ts';

let open: OpenDashboard;
beforeAll(async () => {
  const dir = await ingested();
  await runAnalyze(dir);
  open = await openDashboard(dir);
});
afterAll(async () => {
  await open?.close();
});

/** The margins of the lines table, once it shows `n` rows whose margins are `expected`. */
async function marginsShown(expected: string[]): Promise<string[]> {
  const { page } = open;
  await page.waitForFunction(
    (want) =>
      JSON.stringify(
        [...document.querySelectorAll('[data-testid=lines-row]')].map((e) => e.getAttribute('data-margin')),
      ) === want,
    JSON.stringify(expected),
  );
  return page
    .getByTestId('lines-row')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-margin') ?? ''));
}

describe('product group and order channel margins under the global filters', () => {
  it('change as the hand calculation says, keep through a reload, and export as shown', async () => {
    const { page, server } = open;
    await page.goto(`${server.url}/#/segments`);
    expect(await marginsShown(['450.00', '430.00'])).toEqual(['450.00', '430.00']);

    // Filter in the filter bar, then to the product group page by the menu and back.
    await page.getByTestId('filter-region').selectOption('Zuid');
    await page.getByTestId('filter-from').fill('2024-02');
    await page.getByTestId('filter-to').fill('2024-03');
    expect(await marginsShown(['410.00', '400.00'])).toEqual(['410.00', '400.00']);
    expect(new URL(page.url()).search).toBe('?from=2024-02&to=2024-03&region=Zuid');
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('nav-segments').click();
    expect(await marginsShown(['410.00', '400.00'])).toEqual(['410.00', '400.00']);
    // The table no longer says the filters pass it by.
    await expect(page.getByTestId('not-filtered-part').count()).resolves.toBe(2);

    // A group's customers: A in Zuid, February to March is C3 400.00 and C2 10.00.
    await page.getByTestId('lines-table').getByRole('button', { name: 'A', exact: true }).click();
    await page.locator('[data-testid=product-customers][data-group=A][data-total="410.00"]').waitFor();

    // Export this table: the rows shown, Dutch CSV (";" and a decimal comma).
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv-lines-table').click(),
    ]);
    const rows = readFileSync((await csv.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(';'));
    expect(rows.map((r) => [r[0], r.at(-1)])).toEqual([
      ['A', '410,00'],
      ['B', '400,00'],
    ]);

    // The address alone brings the same figures.
    await page.reload();
    expect(await marginsShown(['410.00', '400.00'])).toEqual(['410.00', '400.00']);
    await page.getByTestId('lines-by').selectOption('channels');
    expect(await marginsShown(['800.00', '10.00'])).toEqual(['800.00', '10.00']);

    // Cleared, the whole year again.
    await page.getByTestId('filter-clear').click();
    expect(await marginsShown(['800.00', '70.00', '10.00'])).toEqual(['800.00', '70.00', '10.00']);
    expect(open.consoleErrors).toEqual([]);
  });
});
