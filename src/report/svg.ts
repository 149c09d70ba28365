/** Charts for inline use in the report's HTML. */
import { renderSvg } from '../charts/index.ts';

/** Renders a chart for inline use in HTML: namespace declarations dropped (HTML needs none), so the file holds no URL at all. */
export function inlineSvg(...args: Parameters<typeof renderSvg>): string {
  return renderSvg(...args).replace(/\s+xmlns(:\w+)?="[^"]*"/g, '');
}
