// planColumns is pure: a route's columns planned (source and checks) without an engine or SQL.
import { describe, expect, it } from 'vitest';
import { TABLES, WorthError, type TableName } from '../../src/core/index.ts';
import { planCarry, planColumns, type ColumnPlan } from '../../src/ingest/columnPlan.ts';
import type { Route } from '../../src/ingest/route.ts';
import { SqlParams } from '../../src/ingest/sqlParams.ts';

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
    id: 1,
    table,
    file: 'data/orders.csv',
    stage: 'stage_1',
    sourceColumns,
    format: { ...FORMAT },
    dateFormats: ['%d-%m-%Y'],
    mapping: {},
    lineSql: 's._rn + 1',
    configPath: `sources.${table}.columns`,
    ...extra,
  };
}

const OPTIONS = {
  unattributed: 'reject',
  period: { start: '2024-01-01', end: '2024-12-31' },
  estimateCogs: false,
} as const;

const ORDER_COLUMNS = [
  'order_id',
  'customer_id',
  'order_date',
  'quantity',
  'gross_amount',
  'cogs_amount',
  'Price',
  'Qty',
];

function column(plans: ColumnPlan[], name: string): ColumnPlan {
  const p = plans.find((c) => c.spec.name === name);
  if (!p) throw new Error(`no plan for ${name}`);
  return p;
}

const kinds = (p: ColumnPlan) => p.checks.map((c) => c.kind);

/** The WorthError a call throws (fails the test when it throws none, or another error). */
function worthError(f: () => unknown): WorthError {
  try {
    f();
  } catch (e) {
    if (e instanceof WorthError) return e;
    throw e;
  }
  throw new Error('expected a WorthError');
}

describe('planColumns: where each value comes from', () => {
  it('a column the typed reader read as its kind is typed: parse, range and cents checks kept (never set)', () => {
    const r = route('order_lines', ORDER_COLUMNS, { typed: { gross_amount: 'money', order_date: 'date' } });
    const plans = planColumns(TABLES.order_lines, r, OPTIONS);
    expect(column(plans, 'gross_amount').source).toEqual({
      kind: 'typed',
      column: 'gross_amount',
      as: 'money',
    });
    expect(kinds(column(plans, 'gross_amount'))).toEqual(['parse', 'range', 'cents', 'missing', 'min']);
    expect(column(plans, 'order_date').source).toEqual({ kind: 'typed', column: 'order_date', as: 'date' });
    expect(kinds(column(plans, 'order_date'))).toEqual(['parse', 'missing', 'when']);
  });

  it('a text column is text, clean or not, matched by name trimmed and case-insensitive', () => {
    const r = route(
      'order_lines',
      [' Order_ID ', 'customer_id', 'order_date', 'quantity', 'gross_amount', 'cogs_amount'],
      {
        cleanText: new Set(['customer_id']),
      },
    );
    const plans = planColumns(TABLES.order_lines, r, OPTIONS);
    expect(column(plans, 'order_id').source).toEqual({ kind: 'text', column: ' Order_ID ', clean: false });
    expect(column(plans, 'customer_id').source).toEqual({ kind: 'text', column: 'customer_id', clean: true });
    // An id is text: nothing to parse; only its presence is checked.
    expect(kinds(column(plans, 'order_id'))).toEqual(['missing']);
    expect(kinds(column(plans, 'quantity'))).toEqual(['parse', 'range', 'missing', 'min']);
    expect(column(plans, 'quantity').checks[1]!.reason).toEqual({
      code: 'number_out_of_range',
      vars: { digits: '15' },
    });
    expect(column(plans, 'quantity').checks[0]!.reason).toEqual({
      code: 'not_a_number',
      vars: { example: '1.234,56' },
    });
  });

  it('a mapped formula is a formula: its AST, result type, the columns it reads (once each), division', () => {
    const r = route('order_lines', ORDER_COLUMNS, {
      mapping: { gross_amount: 'Price * Qty + price / qty', quantity: 'Qty' },
    });
    const plans = planColumns(TABLES.order_lines, r, OPTIONS);
    const gross = column(plans, 'gross_amount');
    expect(gross.source).toMatchObject({
      kind: 'formula',
      text: 'Price * Qty + price / qty',
      result: 'number',
      reads: ['Price', 'Qty'],
      divides: true,
      usesLine: false,
      subject: 'sources.order_lines.columns.gross_amount',
      // Read as numbers, in the order the compiler reads them; `price` is `Price`.
      inputs: [
        { column: 'Price', as: 'number' },
        { column: 'Qty', as: 'number' },
      ],
    });
    if (gross.source.kind !== 'formula') throw new Error('not a formula');
    expect(gross.source.ast.type).toBe('BinaryExpression');
    // A formula's number: division by zero and range (the computed value shown), then missing and the bound.
    expect(kinds(gross)).toEqual(['division_by_zero', 'range', 'missing', 'min']);
    expect(gross.checks[1]!.value).toEqual({ typed: '_value_gross_amount' });
    expect(gross.checks[0]!.reason).toEqual({
      code: 'division_by_zero',
      vars: { formula: 'sources.order_lines.columns.gross_amount = Price * Qty + price / qty' },
    });
    // A mapping to one column by name is that column, not a formula.
    expect(column(plans, 'quantity').source).toEqual({ kind: 'text', column: 'Qty', clean: false });
  });

  it('col("...") alone is the column itself; inside a formula it is a read', () => {
    const r = route('order_lines', [...ORDER_COLUMNS, 'Billing Date'], {
      mapping: { order_date: 'col("Billing Date")', cogs_amount: 'col("Billing Date") + 0' },
    });
    const plans = planColumns(TABLES.order_lines, r, OPTIONS);
    expect(column(plans, 'order_date').source).toEqual({
      kind: 'text',
      column: 'Billing Date',
      clean: false,
    });
    expect(column(plans, 'cogs_amount').source).toMatchObject({
      kind: 'formula',
      reads: ['Billing Date'],
      divides: false,
    });
    expect(kinds(column(plans, 'cogs_amount'))).toEqual(['range', 'missing', 'min']);
  });

  it('a text or date formula has no number checks; line_number() is a read of the line', () => {
    const r = route('order_lines', ORDER_COLUMNS, {
      mapping: { order_id: 'concat(order_id, "-", line_number())', product_group: 'Price' },
    });
    const plans = planColumns(TABLES.order_lines, r, OPTIONS);
    expect(column(plans, 'order_id').source).toMatchObject({
      kind: 'formula',
      result: 'text',
      usesLine: true,
    });
    expect(kinds(column(plans, 'order_id'))).toEqual(['missing']);
  });

  it('a key column the file lacks is the line; an optional one is its default or absent', () => {
    const r = route('order_lines', ORDER_COLUMNS);
    const plans = planColumns(TABLES.order_lines, r, OPTIONS);
    expect(column(plans, 'line_no').source).toEqual({ kind: 'line', file: 'orders.csv' });
    expect(column(plans, 'discount_amount').source).toEqual({ kind: 'default', value: 0 });
    expect(column(plans, 'discount_amount').default).toBeUndefined();
    expect(column(plans, 'channel').source).toEqual({ kind: 'absent' });
    expect(column(plans, 'channel').checks).toEqual([]);
    // A column that is there keeps its default for its missing values.
    const withDiscount = planColumns(
      TABLES.order_lines,
      route('order_lines', [...ORDER_COLUMNS, 'discount_amount']),
      OPTIONS,
    );
    expect(column(withDiscount, 'discount_amount').default).toBe(0);
    const ships = planColumns(
      TABLES.shipments,
      route('shipments', ['shipment_id', 'customer_id', 'ship_date', 'express']),
      OPTIONS,
    );
    expect(column(ships, 'express').source).toEqual({ kind: 'text', column: 'express', clean: false });
    expect(column(ships, 'express').default).toBe(false);
    expect(column(ships, 'express').checks[0]!.reason).toEqual({ code: 'not_a_boolean' });
  });
});

describe('planColumns: checks', () => {
  it('missing: rejected, unless an unattributed line loads; the user column named, or none', () => {
    const r = route('order_lines', ORDER_COLUMNS);
    const reject = column(planColumns(TABLES.order_lines, r, OPTIONS), 'customer_id');
    expect(reject.checks).toEqual([
      {
        kind: 'missing',
        flag: '_bad_missing_customer_id',
        column: 'customer_id',
        value: { raw: 'customer_id' },
        reason: { code: 'missing_required', vars: { label: 'customer identifier', column: 'customer_id' } },
      },
    ]);
    const load = column(
      planColumns(TABLES.order_lines, r, { ...OPTIONS, unattributed: 'load' }),
      'customer_id',
    );
    expect(load.checks).toEqual([]);
    // Customers themselves always need their id.
    const customers = planColumns(TABLES.customers, route('customers', ['customer_id']), {
      ...OPTIONS,
      unattributed: 'load',
    });
    expect(kinds(column(customers, 'customer_id'))).toEqual(['missing']);
  });

  it('missing cost of goods, when estimated, says so; the column may then be absent', () => {
    const r = route(
      'order_lines',
      ORDER_COLUMNS.filter((c) => c !== 'cogs_amount'),
    );
    const cogs = column(
      planColumns(TABLES.order_lines, r, { ...OPTIONS, estimateCogs: true }),
      'cogs_amount',
    );
    expect(cogs.source).toEqual({ kind: 'absent' });
    expect(cogs.checks.map((c) => [c.kind, c.column, c.value, c.reason.code])).toEqual([
      ['missing', 'cogs_amount', { none: true }, 'missing_cogs'],
      ['min', 'cogs_amount', { typed: 'cogs_amount' }, 'negative_amount'],
    ]);
  });

  it('min: negative for an inclusive bound, not positive for a strict one', () => {
    const plans = planColumns(TABLES.order_lines, route('order_lines', ORDER_COLUMNS), OPTIONS);
    expect(column(plans, 'quantity').checks.find((c) => c.kind === 'min')!.reason).toEqual({
      code: 'not_positive_quantity',
      vars: { min: '0' },
    });
    expect(column(plans, 'gross_amount').checks.find((c) => c.kind === 'min')!.reason).toEqual({
      code: 'negative_amount',
      vars: { min: '0' },
    });
  });

  it('when: the window is whole years around the period', () => {
    const plans = planColumns(TABLES.order_lines, route('order_lines', ORDER_COLUMNS), OPTIONS);
    const when = column(plans, 'order_date').checks.find((c) => c.kind === 'when')!;
    expect(when.flag).toBe('_bad_when_order_date');
    expect(when.reason.code).toBe('date_outside_window');
    // DATE_WINDOW_YEARS_BEFORE and _AFTER from the contract, counted here from 2024-01-01 and 2024-12-31.
    const vars = when.reason.vars as Record<string, string>;
    expect(vars.from).toBe(`${2024 - Number(vars.before)}-01-01`);
    expect(vars.to).toBe(`${2024 + Number(vars.after)}-12-31`);
  });

  it('cents and range on money read from text; flags are unique over the route', () => {
    const plans = planColumns(TABLES.order_lines, route('order_lines', ORDER_COLUMNS), OPTIONS);
    const money = column(plans, 'gross_amount');
    expect(money.checks.map((c) => c.flag)).toEqual([
      '_bad_parse_gross_amount',
      '_bad_range_gross_amount',
      '_bad_cents_gross_amount',
      '_bad_missing_gross_amount',
      '_bad_min_gross_amount',
    ]);
    const flags = plans.flatMap((p) => p.checks.map((c) => c.flag));
    expect(new Set(flags).size).toBe(flags.length);
  });
});

describe('planColumns: configuration errors, raised while planning', () => {
  it('a mapping key that is not a column of the table', () => {
    const e = worthError(() =>
      planColumns(
        TABLES.order_lines,
        route('order_lines', ORDER_COLUMNS, { mapping: { amount: 'Price' } }),
        OPTIONS,
      ),
    );
    expect(e.location).toEqual({ path: 'sources.order_lines.columns.amount' });
    expect(e.message).toContain('"amount" is not a column of order_lines');
  });

  it('a key that is the same on every line', () => {
    const e = worthError(() =>
      planColumns(
        TABLES.order_lines,
        route('order_lines', ORDER_COLUMNS, { mapping: { line_no: '1 + 2' } }),
        OPTIONS,
      ),
    );
    expect(e.message).toContain('is the same on every line');
  });

  it('a required column the file lacks', () => {
    const e = worthError(() => planColumns(TABLES.order_lines, route('order_lines', ['order_id']), OPTIONS));
    expect(e.location).toEqual({ file: 'data/orders.csv', column: 'customer_id' });
  });

  it('a carried value that is neither a column nor a formula', () => {
    const r = route('order_lines', ORDER_COLUMNS);
    expect(planCarry(r, { segment: 'customer_id', name: 'concat(Price, Qty)' })).toEqual([
      { name: 'segment', kind: 'column', column: 'customer_id' },
      {
        name: 'name',
        kind: 'formula',
        text: 'concat(Price, Qty)',
        subject: 'sources.customers.columns.name',
        // concat() reads its parts as text: no input to check.
        inputs: [],
      },
    ]);
    expect(worthError(() => planCarry(r, { segment: 'Segment' })).location).toEqual({
      path: 'sources.customers.columns.segment',
    });
  });

  const hostile: [string, string][] = [
    ['a statement after a semicolon', 'Price; DROP TABLE customers'],
    ['a SQL comment', 'Price -- and the rest'],
    ['an open quote', '"Price'],
    ['brackets 200 deep', `${'('.repeat(200)}Price${')'.repeat(200)}`],
    ['a formula longer than allowed', `Price${' + Price'.repeat(1000)}`],
    ['a bitwise operator', 'Price & Qty'],
  ];
  for (const [what, text] of hostile) {
    it(`hostile formula text (${what}) is a config error naming the mapping, never SQL`, () => {
      const e = worthError(() =>
        planColumns(
          TABLES.order_lines,
          route('order_lines', ORDER_COLUMNS, { mapping: { cogs_amount: text } }),
          OPTIONS,
        ),
      );
      expect(e.message).toContain('sources.order_lines.columns.cogs_amount');
      expect(e.message).not.toMatch(/SELECT|DROP TABLE customers\b.*FROM/);
    });
  }

  it('unicode and quotes in names are reads like any other', () => {
    const r = route('order_lines', [...ORDER_COLUMNS, 'Prijs €', 'Klant "A"'], {
      mapping: { cogs_amount: 'col("Prijs €") * 0.5', product_group: 'col("Klant \\"A\\"")' },
    });
    const plans = planColumns(TABLES.order_lines, r, OPTIONS);
    expect(column(plans, 'cogs_amount').source).toMatchObject({ kind: 'formula', reads: ['Prijs €'] });
    expect(column(plans, 'product_group').source).toEqual({
      kind: 'text',
      column: 'Klant "A"',
      clean: false,
    });
  });
});

describe('SqlParams', () => {
  it('names each value once, in the order bound; a named value is bound once', () => {
    const p = new SqlParams();
    expect(p.bind('a')).toBe('$p1');
    expect(p.bindNamed('na', 'n/a')).toBe('$p2');
    expect(p.bind(null)).toBe('$p3');
    expect(p.bindNamed('na', 'ignored')).toBe('$p2');
    // A formula compiler pushes onto the same list (with the placeholder hook): the next name follows it.
    p.values.push('from a formula');
    expect(p.placeholder(p.values.length)).toBe('$p4');
    expect(p.bind(7n)).toBe('$p5');
    expect(p.values).toEqual(['a', 'n/a', null, 'from a formula', 7n]);
    expect(p.byName()).toEqual({ p1: 'a', p2: 'n/a', p3: null, p4: 'from a formula', p5: 7n });
  });
});
