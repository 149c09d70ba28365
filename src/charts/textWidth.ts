/**
 * Text widths for charts rendered on the server, where there is no canvas to measure with.
 * ECharts' built-in estimate uses Helvetica's narrow widths; Chromium on Linux draws the
 * report's `sans-serif` in DejaVu Sans, up to 15% wider, so legend texts ran over the next
 * swatch and labels over their neighbours. These are DejaVu Sans advance widths (em), the
 * widest common sans-serif font: an estimate on the wide side leaves a gap, never an overlap.
 */
const WIDTHS: Record<string, number> = {
  ' ': 0.318,
  '.': 0.318,
  ',': 0.318,
  ':': 0.337,
  ';': 0.337,
  '-': 0.361,
  '−': 0.838,
  '–': 0.5,
  '—': 1,
  '%': 0.95,
  '(': 0.39,
  ')': 0.39,
  '/': 0.337,
  '+': 0.838,
  '=': 0.838,
  '<': 0.838,
  '>': 0.838,
  '&': 0.78,
  '·': 0.318,
  "'": 0.275,
  '"': 0.46,
  '€': 0.636,
  '£': 0.636,
  $: 0.636,
  a: 0.613,
  b: 0.635,
  c: 0.55,
  d: 0.635,
  e: 0.615,
  f: 0.352,
  g: 0.635,
  h: 0.634,
  i: 0.278,
  j: 0.278,
  k: 0.579,
  l: 0.278,
  m: 0.974,
  n: 0.634,
  o: 0.612,
  p: 0.635,
  q: 0.635,
  r: 0.411,
  s: 0.521,
  t: 0.392,
  u: 0.634,
  v: 0.592,
  w: 0.818,
  x: 0.592,
  y: 0.592,
  z: 0.525,
  A: 0.684,
  B: 0.686,
  C: 0.698,
  D: 0.77,
  E: 0.632,
  F: 0.575,
  G: 0.775,
  H: 0.752,
  I: 0.295,
  J: 0.295,
  K: 0.656,
  L: 0.557,
  M: 0.863,
  N: 0.748,
  O: 0.787,
  P: 0.603,
  Q: 0.787,
  R: 0.695,
  S: 0.635,
  T: 0.611,
  U: 0.732,
  V: 0.684,
  W: 0.989,
  X: 0.685,
  Y: 0.611,
  Z: 0.685,
};
/** Digits are all as wide (tabular). */
const DIGIT = 0.636;
/** Anything else (accented letters, symbols): as wide as a wide letter. */
const OTHER = 0.7;

/** The width in pixels of `text` in the CSS `font` (size in px; bold 10% wider), as DejaVu Sans draws it. */
export function measureTextWidth(text: string, font: string): number {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 12);
  const bold = /\bbold\b|\b[6-9]00\b/.test(font) ? 1.1 : 1;
  let em = 0;
  for (const ch of text) em += /\d/.test(ch) ? DIGIT : (WIDTHS[ch] ?? OTHER);
  return em * size * bold;
}
