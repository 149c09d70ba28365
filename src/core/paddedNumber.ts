/**
 * A whole number in a spreadsheet cell whose number format pads it with zeros (`0000` shows 12
 * as `0012`; `"K"0000` as `K0012`): the text the user sees, so a customer or article number
 * keeps its leading zeros. Only such formats are applied: any other number stays a number.
 */

/** A format of zeros only, optionally with quoted or escaped literal text around them. */
const PADDING = /^((?:"[^"]*"|\\.)*)(0{2,})((?:"[^"]*"|\\.)*)$/;

/** The literal text of a format's quoted (`"K"`) and escaped (`\K`) parts. */
function literal(part: string): string {
  return part.replace(/"([^"]*)"|\\(.)/g, (_, quoted: string | undefined, escaped: string | undefined) =>
    quoted !== undefined ? quoted : (escaped ?? ''),
  );
}

/**
 * The displayed text of `value` under the Excel number format `numFmt` when that format pads a
 * whole number with zeros (`0000`, `"K"00000`); undefined for any other format or value
 * (fractions, negatives, formats with decimals, dates or thousands separators).
 */
export function paddedNumberText(value: number, numFmt: string | undefined): string | undefined {
  if (numFmt === undefined || !Number.isSafeInteger(value) || value < 0) return undefined;
  const m = PADDING.exec(numFmt.trim());
  if (!m) return undefined;
  return `${literal(m[1]!)}${String(value).padStart(m[2]!.length, '0')}${literal(m[3]!)}`;
}
