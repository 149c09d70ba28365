/** HTML building blocks for the report: escaping, tables, the page shell with its inline style. */
import type { Lang } from '../words/index.ts';
import { word } from './words.ts';

/** Escapes text for HTML content and attributes. */
export function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A table: header cells and rows of cells (already escaped); columns listed in `numeric` align right. */
export function table(head: string[], rows: string[][], numeric: ReadonlySet<number>): string {
  const cls = (i: number) => (numeric.has(i) ? ' class="num"' : '');
  return (
    `<table><thead><tr>${head.map((h, i) => `<th${cls(i)}>${h}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`
  );
}

const STYLE = `
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1b1f24;margin:32px auto;max-width:960px;padding:0 24px;line-height:1.45}
h1{color:#1f4e79;margin-bottom:4px}h3{color:#1f4e79;font-size:15px;margin:18px 0 6px}h2{color:#1f4e79;border-bottom:2px solid #dbe7f3;padding-bottom:4px;margin-top:32px}
.muted{color:#66707a}.findings li{margin:6px 0}.chart svg{max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:5px 8px;border-bottom:1px solid #e3e6ea;text-align:left}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.bad{color:#b3261e}
.notice{background:#fff7d6;border:1px solid #e5c84a;border-radius:6px;padding:8px 12px}
section{break-inside:avoid}.page-break{break-before:page}@page{size:A4;margin:16mm}@media print{body{margin:0;max-width:none}}
`;

/** The whole document: one file, style inline, no external resources. */
export function page(lang: string, title: string, body: string): string {
  return `<!doctype html>\n<html lang="${esc(lang)}"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>\n`;
}

/** The report's HTML with a note at the top that its PDF could not be made, and why (`reason`: plain text). */
export function withPdfNote(html: string, lang: Lang, reason: string): string {
  const note = `<p class="pdf-note" role="note"><strong>${word(lang, 'noPdf', { reason: esc(reason) })}</strong></p>`;
  return html.replace('<body>', `<body>${note}`);
}
