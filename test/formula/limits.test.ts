/** Formulas are bounded in length and depth, each with a message that names the setting. */
import { describe, expect, it } from 'vitest';
import { MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH, parseFormula } from '../../src/formula/index.ts';

const SUBJECT = 'sources.order_lines.columns.gross_amount';
const message = (text: string): string => {
  try {
    parseFormula(text, SUBJECT);
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
  return '(accepted)';
};

describe('formula limits', () => {
  it('brackets nested 5,000 deep: refused by length, not by a stack overflow', () => {
    const m = message(`${'('.repeat(5000)}x${')'.repeat(5000)}`);
    expect(m).toMatch(
      /^WorthError: sources\.order_lines\.columns\.gross_amount, formula "\(+"\.\.\.: is 10,001 characters long \(expected at most 4,000\)$/,
    );
  });

  it(`brackets nested ${MAX_FORMULA_DEPTH + 1} deep: refused at the bracket that opens that level`, () => {
    const m = message(`${'('.repeat(MAX_FORMULA_DEPTH + 1)}x${')'.repeat(MAX_FORMULA_DEPTH + 1)}`);
    expect(m).toContain(
      `position ${MAX_FORMULA_DEPTH + 1}: brackets are nested more than ${MAX_FORMULA_DEPTH} deep`,
    );
    expect(message(`${'('.repeat(MAX_FORMULA_DEPTH)}x${')'.repeat(MAX_FORMULA_DEPTH)}`)).toBe('(accepted)');
  });

  it('brackets inside quotes do not count', () => {
    expect(message(`concat_text = '${'('.repeat(200)}'`)).toBe('(accepted)');
  });

  it('a chain of prefix operators or a long sum is bounded by depth', () => {
    expect(message(`${'-'.repeat(1500)}x`)).toMatch(/^WorthError: .*nested/);
    expect(message(`${'not '.repeat(900)}x`)).toMatch(/^WorthError: .*nested/);
    expect(
      message(
        Array(MAX_FORMULA_DEPTH + 5)
          .fill('a')
          .join(' + '),
      ),
    ).toMatch(/nested more than 100 levels deep/);
    expect(message(Array(50).fill('a').join(' + '))).toBe('(accepted)');
  });

  it(`exactly ${MAX_FORMULA_LENGTH} characters is accepted, one more is not`, () => {
    const name = 'x'.repeat(MAX_FORMULA_LENGTH);
    expect(message(name)).toBe('(accepted)');
    expect(message(`${name}y`)).toContain(
      `is ${(MAX_FORMULA_LENGTH + 1).toLocaleString('en-US')} characters long`,
    );
  });
});
