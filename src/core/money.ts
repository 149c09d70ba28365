/**
 * Exact money in TypeScript: amounts travel as decimal strings (as the engine prints its
 * DECIMAL values) and are added as BigInt cents. Never a binary float.
 */

/** A money amount as an exact decimal string with two decimals, e.g. `"-1234.50"`. */
export type MoneyString = string;

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses an exact decimal string into BigInt units of 10^-scale; throws on a non-decimal or on lost digits. */
export function toScaled(value: string, scale = 2): bigint {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new Error(`not an exact decimal: ${JSON.stringify(value)}`);
  const [, sign, int, frac = ''] = m;
  if (frac.length > scale && /[^0]/.test(frac.slice(scale))) {
    throw new Error(`${value} has more than ${scale} decimals`);
  }
  const units = BigInt(int! + frac.slice(0, scale).padEnd(scale, '0'));
  return sign ? -units : units;
}

/** Formats BigInt units of 10^-scale as a decimal string (`12345n, 2` -> `"123.45"`). */
export function fromScaled(units: bigint, scale = 2): MoneyString {
  const neg = units < 0n;
  const abs = (neg ? -units : units).toString().padStart(scale + 1, '0');
  const out = scale === 0 ? abs : `${abs.slice(0, -scale)}.${abs.slice(-scale)}`;
  return neg ? `-${out}` : out;
}

/** Exact sum of decimal strings, returned with two decimals. */
export function sumMoney(values: Iterable<string>, scale = 2): MoneyString {
  let total = 0n;
  for (const v of values) total += toScaled(v, scale);
  return fromScaled(total, scale);
}

/** Normalises a decimal string to exactly `scale` decimals (`"3.1"` -> `"3.10"`). */
export function normaliseMoney(value: string, scale = 2): MoneyString {
  return fromScaled(toScaled(value, scale), scale);
}
