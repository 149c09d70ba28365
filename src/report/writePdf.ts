/** The report as PDF: the HTML file printed by headless Chromium (Debian's, through playwright-core). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CliError } from '../core/index.ts';

/** Chromium used for PDFs (WORTH_CHROMIUM overrides; default Debian's /usr/bin/chromium). */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.WORTH_CHROMIUM ?? '/usr/bin/chromium';
}

/** Prints the HTML file `htmlFile` to `pdfFile` (A4, backgrounds on). */
export async function writePdf(htmlFile: string, pdfFile: string, executablePath = chromiumPath()): Promise<void> {
  const profile = mkdtempSync(path.join(tmpdir(), 'worth-pdf-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      offline: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw new CliError(`cannot start Chromium at ${executablePath} for the PDF (install Debian's chromium, or set WORTH_CHROMIUM): ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.resolve(htmlFile)).href, { waitUntil: 'load' });
    await page.pdf({ path: pdfFile, format: 'A4', printBackground: true, margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' } });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
