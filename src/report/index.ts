/**
 * The board report: one self-contained HTML file (inline SVG charts from the shared chart
 * definitions, no network) and a PDF printed by headless Chromium.
 */
export { buildReport, type ReportOptions } from './buildReport.ts';
export { writePdf } from './writePdf.ts';
export { withPdfNote } from './html.ts';
