// formulaReadings: how a formula reads each column (number, condition, date), found without SQL,
// and the same readings compileFormula makes through a real dialect.
import { describe, expect, it } from 'vitest';
import { WorthError } from '../../src/core/index.ts';
import {
  compileFormula,
  formulaReadings,
  type FormulaReading,
  type FormulaType,
} from '../../src/formula/index.ts';
import { duckdbDialect } from '../../src/warehouse/index.ts';

const NAMES = ['Qty', 'Price', 'Express', 'Datum', 'Naam', 'Kind'];
const resolve = (name: string) => NAMES.find((n) => n.toLowerCase() === name.toLowerCase());
const names = () => NAMES;

/** The readings compileFormula makes through DuckDB's dialect, first reads only, in order. */
function compiledReadings(text: string, expected: FormulaType): { column: string; as: FormulaReading }[] {
  const out: { column: string; as: FormulaReading }[] = [];
  const read = (column: string, as: FormulaReading) => {
    if (!out.some((r) => r.column === column && r.as === as)) out.push({ column, as });
  };
  compileFormula(
    text,
    {
      dialect: duckdbDialect,
      params: [],
      names,
      lineNumber: () => 't.line',
      resolve(name) {
        const column = resolve(name);
        if (column === undefined) return undefined;
        return {
          type: 'text',
          sql(as) {
            if (as !== 'text') read(column, as);
            return `t.${duckdbDialect.quoteIdent(column)}`;
          },
          date() {
            read(column, 'date');
            return `CAST(t.${duckdbDialect.quoteIdent(column)} AS DATE)`;
          },
        };
      },
    },
    'test',
    expected,
  );
  return out;
}

// Each formula with its readings worked out by hand.
const CASES: [string, FormulaType, { column: string; as: FormulaReading }[]][] = [
  [
    'Qty * Price + price',
    'number',
    [
      { column: 'Qty', as: 'number' },
      { column: 'Price', as: 'number' },
    ],
  ],
  ['if(Express, 5, 0)', 'number', [{ column: 'Express', as: 'boolean' }]],
  ['year(Datum) = 2024 and Kind = "R"', 'boolean', [{ column: 'Datum', as: 'date' }]],
  ['concat(Naam, "-", Qty)', 'text', []],
  ['coalesce(Price, 0) * 2', 'number', [{ column: 'Price', as: 'number' }]],
  ['Qty', 'text', []],
  [
    'if(Kind = "R", Qty, -Qty) > 0 or Express',
    'boolean',
    [
      { column: 'Qty', as: 'number' },
      { column: 'Express', as: 'boolean' },
    ],
  ],
  [
    'nullif(Price, 0) / Qty',
    'number',
    [
      { column: 'Price', as: 'number' },
      { column: 'Qty', as: 'number' },
    ],
  ],
];

describe('formulaReadings', () => {
  for (const [text, expected, want] of CASES) {
    it(`${text} as ${expected}: ${want.map((r) => `${r.column} as ${r.as}`).join(', ') || 'nothing but text'}`, () => {
      expect(formulaReadings(text, 'test', expected, resolve, names)).toEqual(want);
      expect(compiledReadings(text, expected)).toEqual(want);
    });
  }
  it('throws the WorthError compileFormula throws for an unknown name', () => {
    expect(() => formulaReadings('Qty * Nope', 'sources.x.columns.y', 'number', resolve, names)).toThrow(
      WorthError,
    );
  });
});
