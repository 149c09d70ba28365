/** The report as PDF: the HTML file printed by headless Chromium (system or npm, see src/browser). */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchHeadless, type ChromiumChoice, type ChromiumPreference } from '../browser/index.ts';

/** Prints the HTML file `htmlFile` to `pdfFile` (A4, backgrounds on); returns the browser used. */
export async function writePdf(
  htmlFile: string,
  pdfFile: string,
  prefer: ChromiumPreference = 'auto',
): Promise<ChromiumChoice> {
  const browser = await launchHeadless({ prefer, offline: true });
  try {
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(path.resolve(htmlFile)).href, { waitUntil: 'load' });
    await page.pdf({
      path: pdfFile,
      format: 'A4',
      printBackground: true,
      margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
    });
    return browser.chromium;
  } finally {
    await browser.close();
  }
}
