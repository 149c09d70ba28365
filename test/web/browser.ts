/** Test helper: headless Chromium as Worth finds it (system browser, else the one from npm; never a download). */
import type { BrowserContext, Page } from 'playwright-core';
import { launchHeadless } from '../../src/browser/index.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { DASHBOARD_DIR, ensureDashboardBuilt } from '../../src/dashboard/index.ts';

/** A headless Chromium with a fresh profile; `close` removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  return launchHeadless({ viewport: { width: 1400, height: 1000 } });
}

/** A workspace's dashboard served and open in a fresh headless Chromium. */
export interface OpenDashboard {
  server: RunningServer;
  page: Page;
  /** The page's console errors and uncaught exceptions, as they come. */
  consoleErrors: string[];
  close(): Promise<void>;
}

/** Builds the dashboard if needed, serves `dir` on a free port and opens a page in a fresh Chromium. */
export async function openDashboard(dir: string): Promise<OpenDashboard> {
  await ensureDashboardBuilt();
  const server = await startServer(dir, { port: 0, webDir: DASHBOARD_DIR });
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  return {
    server,
    page,
    consoleErrors,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Sets the page's language with the header switch. */
export async function useLanguage(page: Page, lang: 'nl' | 'en'): Promise<void> {
  if ((await page.locator('html').getAttribute('lang')) !== lang)
    await page.getByTestId('lang-switch').click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}
