/**
 * What `worth report` does (and `worth start` before it serves), loaded on demand by
 * `serveCommands.ts`: the chart renderer behind the report takes seconds to load.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliWord, LANGS, type Lang } from '../words/index.ts';
import { CliError, isUserError, systemClock, WorthError } from '../core/index.ts';
import { DATABASE_FILE, hasDatabase } from '../ingest/index.ts';
import { buildReport, withPdfNote, writePdf } from '../report/index.ts';
import type { ChromiumChoice } from '../browser/index.ts';
import { WorkspaceReader } from '../readmodel/index.ts';
import { parseFilterOption } from './filterOption.ts';
import { sayUserError } from './failure.ts';
import { writeWhole } from './wholeFile.ts';
import { loadWorkspace } from '../workspace/index.ts';

/**
 * Writes the report's HTML (and PDF when asked); prints where. Without `out` the report goes
 * to DIR/report.html, and to DIR/report.pdf as well when a browser is available. The
 * language defaults to worth.yaml's; the company is worth.yaml's.
 */
export async function writeReport(
  dir: string,
  opts: {
    out?: string | undefined;
    pdf?: string | undefined;
    lang?: string | undefined;
    filter?: string | undefined;
  },
): Promise<void> {
  const filters = parseFilterOption(opts.filter);
  if (opts.lang !== undefined && !(LANGS as readonly string[]).includes(opts.lang))
    throw new CliError({
      key: 'optionNotSupported',
      vars: { option: '--lang', value: JSON.stringify(opts.lang), expected: LANGS.join(', ') },
    });
  const abs = path.resolve(dir);
  if (!hasDatabase(abs)) {
    // A folder without worth.yaml either is no workspace: said so, with the `worth init` to run.
    loadWorkspace(abs);
    throw new CliError({
      key: 'noDatabase',
      vars: { dir: abs, file: DATABASE_FILE, missing: { key: 'runAnalyzeFirst' } },
    });
  }
  const ws = loadWorkspace(abs);
  const lang = (opts.lang ?? ws.config.language) as Lang;
  const out = opts.out ?? path.join(abs, 'report.html');
  // Without --out the PDF comes too: a browser is always at hand (system, else the npm one).
  const pdf = opts.pdf ?? (opts.out === undefined ? path.join(abs, 'report.pdf') : undefined);
  const reader = await WorkspaceReader.open(abs);
  let html: string;
  try {
    html = await buildReport(reader, {
      lang,
      currency: ws.config.currency,
      company: ws.config.company,
      date: systemClock.now().toISOString().slice(0, 10),
      workspace: path.basename(abs),
      filters,
    });
  } catch (e) {
    // A workspace the read model cannot read yet (not analysed) is a usage error: exit 2, as before `worth analyze` elsewhere.
    if (e instanceof WorthError && (e.code === 'workspace' || e.code === 'not_found'))
      throw new CliError(e.said ?? e.message);
    throw e;
  } finally {
    await reader.close();
  }
  // The HTML and the PDF are written under temporary names and moved into place together when
  // both are done: a full disk or Ctrl-C halfway leaves the previous report as it was.
  let browser: ChromiumChoice | undefined;
  let noPdf: string | undefined;
  await writeWhole(pdf ? [out, pdf] : [out], async ([htmlTmp, pdfTmp]) => {
    writeFileSync(htmlTmp!, html);
    if (!pdf) return;
    try {
      browser = await writePdf(htmlTmp!, pdfTmp!);
    } catch (e) {
      // A PDF nobody asked for (the default beside DIR/report.html) is not worth failing the
      // report for: say why there is none, in one line on the terminal and at the top of the
      // HTML (a reader who expected the PDF finds the reason where they look), and keep the HTML.
      if (opts.pdf !== undefined || !isUserError(e)) throw e;
      noPdf = sayUserError(e, lang);
      writeFileSync(htmlTmp!, withPdfNote(html, lang, noPdf));
      rmSync(pdfTmp!, { force: true });
    }
  });
  process.stdout.write(`${cliWord(lang, 'wroteReport', { file: path.resolve(out) })}\n`);
  if (noPdf !== undefined) process.stdout.write(`${cliWord(lang, 'noPdf', { reason: noPdf })}\n`);
  else if (pdf && browser) {
    const by = browser.source === 'npm' ? cliWord(lang, 'npmChromium') : browser.executablePath;
    process.stdout.write(`${cliWord(lang, 'wrotePdf', { file: path.resolve(pdf), by })}\n`);
  }
}
