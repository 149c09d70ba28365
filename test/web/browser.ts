/** Test helper: headless Chromium as Worth finds it (system browser, else the one from npm; never a download). */
import type { BrowserContext } from 'playwright-core';
import { launchHeadless } from '../../src/browser/index.ts';

/** A headless Chromium with a fresh profile; `close` removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  return launchHeadless({ viewport: { width: 1400, height: 1000 } });
}
