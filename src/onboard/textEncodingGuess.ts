/**
 * Mac Roman or Windows-1252, for a file that is not UTF-8. Excel on a Mac saves "CSV (Macintosh)"
 * in Mac Roman, Excel on Windows "CSV (Comma delimited)" in Windows-1252: both are one byte a
 * character, ASCII below 0x80, and differ above it (0x8E is `é` in Mac Roman and `Ž` in
 * Windows-1252, 0xD5 `’` and `Õ`, 0xD0 `–` and `Ð`; 0xA3 is `£` in both). Neither can be told
 * from its bytes alone, but one reading usually makes sense and the other does not.
 *
 * The rule: every byte from 0x80 up is read both ways and judged implausible in a reading when it
 * is a control character or undefined there, a symbol that business text hardly uses (`√`, `∆`,
 * `ﬁ`, `‰`, `ƒ`, ...), or a letter that sits where letters do not (a capital right after a
 * small letter: `CafŽ`, `OÕBrien`; beside a digit: `Ä12`; alone between spaces or marks: ` Ð `).
 * The head is Mac Roman when its Mac Roman reading has fewer implausible bytes than its
 * Windows-1252 reading; on a tie (no such byte, or only bytes that read alike, such as `£`) it is
 * Windows-1252, the commoner of the two. `format.encoding` in worth.yaml overrides the guess.
 */
import iconv from 'iconv-lite';

/** Symbols in either reading of 0x80-0xFF that business text hardly uses. */
const RARE = new Set([...'ƒˆ‰˜†‡‹›¤¦¨¯´¸¹²³¬¶√≈∆◊⁄∞≤≥∂∑∏π∫Ωıˇ˘˙˚˛˝ﬁﬂ\uF8FFªº¿¡']);

const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;
const DIGIT = /[0-9]/;

/** The guess and what it rests on. */
export interface TextEncodingGuess {
  encoding: 'windows-1252' | 'mac-roman';
  /** Bytes from 0x80 up in the head. */
  highBytes: number;
  /** Of those, implausible as Windows-1252 reads them. */
  implausibleAsWindows: number;
  /** Of those, implausible as Mac Roman reads them. */
  implausibleAsMac: number;
  /** The first field that reads implausibly as Windows-1252 and plausibly as Mac Roman, both ways (when there is one). */
  example?: { asWindows: string; asMac: string };
}

/** Whether the character at `i` of `s` (one character a byte) is implausible in text. */
function implausible(s: string, i: number): boolean {
  const c = s[i]!;
  const code = c.charCodeAt(0);
  if (c === '\uFFFD' || (code >= 0x80 && code <= 0x9f)) return true;
  if (RARE.has(c)) return true;
  if (!LETTER.test(c)) return false;
  const prev = s[i - 1] ?? ' ';
  const next = s[i + 1] ?? ' ';
  if (UPPER.test(c) && LOWER.test(prev)) return true;
  if (DIGIT.test(prev) || DIGIT.test(next)) return true;
  return !LETTER.test(prev) && !LETTER.test(next);
}

/** The field around position `i` of `s` (between delimiters, quotes and line ends). */
function fieldAt(s: string, i: number): [number, number] {
  const stop = /[,;\t"\r\n]/;
  let a = i;
  while (a > 0 && !stop.test(s[a - 1]!)) a--;
  let b = i;
  while (b < s.length && !stop.test(s[b]!)) b++;
  return [a, b];
}

/** Mac Roman or Windows-1252 for `head`, the first bytes of a file that is neither UTF-8 nor UTF-16, by the rule above. */
export function textEncodingGuess(head: Buffer): TextEncodingGuess {
  const asWindows = iconv.decode(head, 'win1252');
  const asMac = iconv.decode(head, 'macintosh');
  let highBytes = 0;
  let implausibleAsWindows = 0;
  let implausibleAsMac = 0;
  let example: TextEncodingGuess['example'];
  for (let i = 0; i < head.length; i++) {
    if (head[i]! < 0x80) continue;
    highBytes++;
    const badWindows = implausible(asWindows, i);
    const badMac = implausible(asMac, i);
    if (badWindows) implausibleAsWindows++;
    if (badMac) implausibleAsMac++;
    if (badWindows && !badMac && !example) {
      const [a, b] = fieldAt(asWindows, i);
      example = { asWindows: asWindows.slice(a, b).trim(), asMac: asMac.slice(a, b).trim() };
    }
  }
  const encoding = implausibleAsMac < implausibleAsWindows ? 'mac-roman' : 'windows-1252';
  return {
    encoding,
    highBytes,
    implausibleAsWindows,
    implausibleAsMac,
    ...(encoding === 'mac-roman' && example ? { example } : {}),
  };
}
