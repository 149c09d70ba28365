// A route is planned as data (planRoute: no dialect, no SQL), then rendered (renderRoute): the
// plan holds every check in the order of its bit, formula inputs included; the renderer writes
// each one and decides nothing else.
import { describe, expect, it } from 'vitest';
import { WorthError, type TableName } from '../../src/core/index.ts';
import { renderRoute } from '../../src/ingest/renderRoute.ts';
import { planRoute, type Route, type RouteOptions } from '../../src/ingest/route.ts';
import { SqlParams } from '../../src/ingest/sqlParams.ts';
import { duckdbDialect } from '../../src/warehouse/index.ts';

const FORMAT = {
  delimiter: ';',
  decimal: ',',
  date_format: 'dd-mm-yyyy',
  encoding: 'utf-8',
  header: true,
  quote: '"',
  skip_lines: 0,
} as const;

function route(table: TableName, sourceColumns: string[], extra: Partial<Route> = {}): Route {
  return {
    id: 3,
    table,
    file: 'data/orders.csv',
    stage: 'stage_3',
    sourceColumns,
    format: { ...FORMAT },
    dateFormats: ['%d-%m-%Y'],
    mapping: {},
    lineSql: 's._rn + 1',
    configPath: `sources.${table}.columns`,
    ...extra,
  };
}

const OPTIONS: Omit<RouteOptions, 'dialect'> = {
  unattributed: 'reject',
  missingValues: ['NA', ' n/a ', 'na'],
  period: { start: '2024-01-01', end: '2024-12-31' },
};

const COLUMNS = ['order_id', 'customer_id', 'order_date', 'Qty', 'Price', 'Express', 'cogs_amount'];
/** Quantity read directly from Qty, gross from a formula over Qty (covered by quantity's parse) and Price and Express. */
const MAPPING = { quantity: 'Qty', gross_amount: 'Qty * Price + if(Express, 5, 0)' };

describe('planRoute: every check as data, in the order of its bit', () => {
  it('plans the formula inputs the compiler reads, numbered in first-read order; one covered by a direct parse has no check', () => {
    const plan = planRoute(route('order_lines', COLUMNS, { mapping: MAPPING }), OPTIONS);
    expect(plan.inputs).toEqual([
      { column: 'Qty', as: 'number', flag: '_bad_input_0', coveredBy: 'quantity' },
      { column: 'Price', as: 'number', flag: '_bad_input_1' },
      { column: 'Express', as: 'boolean', flag: '_bad_input_2' },
    ]);
    const flags = plan.checks.map((c) => c.reject.flag);
    // Parse checks of the columns read directly (column order), the formula inputs not covered,
    // the direct amounts' range (quantity holds no cents), the formula's range, then missing,
    // bounds and dates column by column.
    expect(flags).toEqual([
      '_bad_parse_order_date',
      '_bad_parse_quantity',
      '_bad_parse_cogs_amount',
      '_bad_input_1',
      '_bad_input_2',
      '_bad_range_quantity',
      '_bad_range_cogs_amount',
      '_bad_cents_cogs_amount',
      '_bad_range_gross_amount',
      '_bad_missing_order_id',
      '_bad_missing_customer_id',
      '_bad_missing_order_date',
      '_bad_when_order_date',
      '_bad_missing_quantity',
      '_bad_min_quantity',
      '_bad_missing_gross_amount',
      '_bad_min_gross_amount',
      '_bad_min_discount_amount',
      '_bad_missing_cogs_amount',
      '_bad_min_cogs_amount',
    ]);
    expect(plan.checks.map((c) => c.reject.bit)).toEqual(flags.map((_, i) => i));
    expect(plan.checks[4]).toEqual({
      test: { kind: 'input', input: { column: 'Express', as: 'boolean', flag: '_bad_input_2' } },
      reject: {
        flag: '_bad_input_2',
        column: 'Express',
        value: { raw: 'Express' },
        reason: { code: 'not_a_boolean' },
        bit: 4,
      },
    });
    expect(plan.missing).toEqual(['na', 'n/a']);
    expect(plan.window).toEqual({ from: '1974-01-01', to: '2025-12-31' });
  });

  it('puts a broken record and a totals line first, and an unknown customer last', () => {
    const plan = planRoute(
      route('returns', ['return_id', 'customer_id', 'return_date', 'credited_amount'], {
        ragged: { expected: 4 },
      }),
      {
        ...OPTIONS,
        customersTable: 'customers',
      },
    );
    const tests = plan.checks.map((c) => c.test.kind);
    expect(tests.slice(0, 2)).toEqual(['fields', 'totals']);
    expect(tests.at(-1)).toBe('unknown_customer');
    expect(plan.checks[0]!.reject.perRow).toEqual({
      count: '_ragged_fields',
      group: 'rejectFieldCountGroup',
    });
  });

  it('plans a date and a condition read by a carried formula, and reads nothing from a text formula', () => {
    const plan = planRoute(route('order_lines', [...COLUMNS, 'Naam', 'Datum'], { mapping: MAPPING }), {
      ...OPTIONS,
      carry: { name: 'if(year(Datum) > 2020, Naam, concat(Naam, "-", Price))' },
    });
    // After the columns' inputs; Price read as text by concat() is no input.
    expect(plan.inputs.slice(3)).toEqual([{ column: 'Datum', as: 'date', flag: '_bad_input_3' }]);
    expect(plan.checks.filter((c) => c.test.kind === 'input').map((c) => c.reject.flag)).toEqual([
      '_bad_input_1',
      '_bad_input_2',
      '_bad_input_3',
    ]);
  });

  it('raises a rule that names no column while planning, with no dialect', () => {
    const r = route('order_lines', COLUMNS, { split: { when: 'Kind = "R" and Nope > 1', matches: false } });
    expect(() => planRoute(r, OPTIONS)).toThrow(WorthError);
  });
});

describe('renderRoute: the plan written through a dialect', () => {
  const r = route('order_lines', COLUMNS, { mapping: MAPPING });
  it('computes every planned flag once and sums the bits in the plan order', () => {
    const plan = planRoute(r, OPTIONS);
    const out = renderRoute(plan, duckdbDialect, new SqlParams());
    expect(out.checks).toEqual(plan.checks.map((c) => c.reject));
    for (const { reject } of plan.checks) {
      // The flag is computed (at its level) and read once into the bits.
      expect(out.sql).toMatch(new RegExp(`AS "?${reject.flag}"?[,) ]`));
      expect(out.sql).toContain(`WHEN m."${reject.flag}" THEN CAST(${2n ** BigInt(reject.bit)} AS BIGINT)`);
    }
    // A covered input has no flag: the formula's "missing" waits for quantity's parse instead.
    expect(out.sql).not.toContain('_bad_input_0');
    expect(out.sql).toContain(
      'NOT (("i"."_has_quantity" AND "i"."quantity" IS NULL)'.replaceAll('"i".', 'i.'),
    );
    // Values are bound, never written: the "missing" words once each, the date window.
    expect(Object.values(out.params)).toEqual(
      expect.arrayContaining(['na', 'n/a', '1974-01-01', '2025-12-31']),
    );
    expect(out.sql).not.toContain("'n/a'");
  });

  it('refuses a plan the formula compiler does not read as planned (a bug, not a user error)', () => {
    const plan = planRoute(r, OPTIONS);
    const gross = plan.columns.find((c) => c.spec.name === 'gross_amount')!;
    const source = gross.source;
    if (source.kind !== 'formula') throw new Error('not a formula');
    const tampered = {
      ...plan,
      columns: plan.columns.map((c) =>
        c === gross ? { ...c, source: { ...source, inputs: source.inputs.slice(1) } } : c,
      ),
    };
    expect(() => renderRoute(tampered, duckdbDialect, new SqlParams())).toThrow(
      /disagree on the formula's inputs/,
    );
  });

  it('renders the same route the same way twice (numbering of bound values included)', () => {
    const a = renderRoute(planRoute(r, OPTIONS), duckdbDialect, new SqlParams());
    const b = renderRoute(planRoute(r, OPTIONS), duckdbDialect, new SqlParams());
    expect(b).toEqual(a);
  });
});
