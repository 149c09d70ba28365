/** A headless Chromium through playwright-core, with a fresh profile and no network use of its own. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CliError } from '../core/index.ts';
import type { ErrorWord } from '../words/index.ts';
import { findChromium, type ChromiumChoice, type ChromiumPreference } from './findChromium.ts';

/**
 * Flags for a headless run on a closed network: without the background-networking ones,
 * Chromium keeps trying to reach Google's hosts.
 */
export const HEADLESS_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** A running headless browser context; `close` ends it and removes its profile. */
export interface HeadlessBrowser {
  context: BrowserContext;
  chromium: ChromiumChoice;
  close(): Promise<void>;
}

/** Options for `launchHeadless`. */
export interface LaunchOptions {
  /** `auto` (WORTH_CHROMIUM, system, npm) or `npm` only; default `auto`. */
  prefer?: ChromiumPreference;
  /** Pixels of the page; default Playwright's 1280 x 720. */
  viewport?: { width: number; height: number };
  /** Block network access from pages (the report needs none); default false. */
  offline?: boolean;
}

/** Starts headless Chromium (see `findChromium` for which one) with a fresh profile. */
export async function launchHeadless(options: LaunchOptions = {}): Promise<HeadlessBrowser> {
  const choice = await findChromium(options.prefer ?? 'auto');
  const profile = mkdtempSync(path.join(tmpdir(), 'worth-profile-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: choice.executablePath,
      offline: options.offline ?? false,
      ...(options.viewport ? { viewport: options.viewport } : {}),
      args: [...HEADLESS_ARGS],
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    const first = (e as Error).message.split('\n')[0] ?? '';
    throw new CliError({
      key: 'chromiumStart',
      vars: { file: choice.executablePath, which: { key: describe(choice) }, message: first },
    });
  }
  return {
    context,
    chromium: choice,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function describe(choice: ChromiumChoice): ErrorWord {
  switch (choice.source) {
    case 'WORTH_CHROMIUM':
      return 'chromiumFromEnv';
    case 'system':
      return 'chromiumSystem';
    case 'npm':
      return 'chromiumNpm';
    default: {
      const never: never = choice.source;
      return never;
    }
  }
}
