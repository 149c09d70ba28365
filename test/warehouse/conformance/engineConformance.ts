/**
 * What every engine must do, over the Engine and Dialect interfaces only: an engine folder
 * (src/warehouse/<engine>/) passes this suite before a stage may run on it. engines.test.ts calls
 * {@link describeEngineConformance} for every engine of `ENGINES` with its harness's way to open a
 * fresh, empty engine (harness/<kind>.ts). A capability a dialect declares absent skips its part; one it
 * declares present is checked. Expected values are worked out here (by hand, from a seeded
 * generator in BigInt cents, or a closed form), never read back from the engine. The parts
 * a descriptor declares not done yet (`conformanceNotYet`) run as expected failures.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFormula, type FormulaScope } from '../../../src/formula/index.ts';
import type { ConformancePart, Engine } from '../../../src/warehouse/index.ts';

/** mulberry32: a small seeded uniform generator on [0, 1). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cents as an exact decimal string (`-123` -> `-1.23`). */
function centsText(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/** A permutation of 0..n-1 from the seed (Fisher-Yates). */
function shuffled(n: number, seed: number): number[] {
  const r = seeded(seed);
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

/** The continuous quantile of sorted values (linear between neighbours: numpy's default, type 7). */
function quantile7(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Registers the conformance suite for one engine. `open` gives a fresh, empty engine (closed
 * by the suite); `label` names the engine in the test names.
 */
export function describeEngineConformance(
  label: string,
  open: () => Promise<Engine>,
  notYet: readonly ConformancePart[] = [],
): void {
  /** A part the engine does not do yet runs as an expected failure: it shows, and fails once it works. */
  const itUnless = (part: ConformancePart) => (notYet.includes(part) ? it.fails : it);
  describe(`engine conformance: ${label}`, () => {
    let engine: Engine;
    let dir: string;
    beforeAll(async () => {
      engine = await open();
      dir = mkdtempSync(path.join(tmpdir(), 'worth-conformance-'));
    });
    afterAll(async () => {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const one = async (expr: string, params?: (string | number | null)[]) =>
      (await engine.query(`SELECT ${expr} AS v`, params))[0]!.v;

    it('has a name and declares every capability as a boolean', () => {
      const d = engine.dialect;
      expect(d.name).toMatch(/^[a-z]+$/);
      for (const c of [
        d.supportsWindowFunctions,
        d.supportsCte,
        d.supportsMultipleJoins,
        d.supportsRowIdentity,
        d.supportsOrderedAggregation,
      ])
        expect(typeof c).toBe('boolean');
    });

    it('gives values back JSON-safe: DECIMAL and big BIGINT as exact text, DATE as yyyy-mm-dd, NULL as null', async () => {
      const d = engine.dialect;
      const q = d.quoteIdent;
      await engine.run(
        `CREATE TABLE ${q('types probe')} (t VARCHAR, m ${d.decimalType(18, 2)}, n BIGINT, x DOUBLE, day DATE, b BOOLEAN)`,
      );
      await engine.run(
        `INSERT INTO ${q('types probe')} VALUES ($1, CAST($2 AS ${d.decimalType(18, 2)}), $3, $4, CAST($5 AS DATE), $6)`,
        ['é "quoted"', '-1234567890123.45', 9007199254740993n as unknown as number, 0.1, '2024-02-29', true],
      );
      await engine.run(`INSERT INTO ${q('types probe')} VALUES (NULL, NULL, 42, NULL, NULL, NULL)`);
      const rows = await engine.query(`SELECT * FROM ${q('types probe')} ORDER BY n DESC`);
      expect(rows).toEqual([
        {
          t: 'é "quoted"',
          m: '-1234567890123.45',
          n: '9007199254740993',
          x: 0.1,
          day: '2024-02-29',
          b: true,
        },
        { t: null, m: null, n: 42, x: null, day: null, b: null },
      ]);
      expect(await engine.columns('types probe')).toEqual(['t', 'm', 'n', 'x', 'day', 'b']);
      expect(await engine.tableExists('types probe')).toBe(true);
      expect(await engine.tableExists('no such table')).toBe(false);
    });

    it("describes a table's columns: name, own type name, kind (valueKind), a decimal's scale", async () => {
      const d = engine.dialect;
      expect(await engine.columnTypes('types probe')).toEqual([
        { name: 't', type: expect.any(String), kind: 'text', scale: null },
        { name: 'm', type: expect.any(String), kind: 'decimal', scale: 2 },
        { name: 'n', type: expect.any(String), kind: 'number', scale: null },
        { name: 'x', type: expect.any(String), kind: 'number', scale: null },
        { name: 'day', type: expect.any(String), kind: 'date', scale: null },
        { name: 'b', type: expect.any(String), kind: 'boolean', scale: null },
      ]);
      await engine.run(
        `CREATE TEMPORARY TABLE scale_probe AS SELECT CAST(1 AS ${d.decimalType(18, 9)}) AS r`,
      );
      expect((await engine.columnTypes('scale_probe')).map((c) => [c.kind, c.scale])).toEqual([
        ['decimal', 9],
      ]);
      expect(await engine.columnTypes('no such table')).toEqual([]);
      expect(d.valueKind('a type no engine has')).toBeNull();
    });

    it('sums money exactly: 20,000 seeded amounts to the cent, where binary floats lose cents', async () => {
      const d = engine.dialect;
      const r = seeded(15);
      const cents: bigint[] = [];
      for (let i = 0; i < 20_000; i++) {
        // up to 10^13 cents (10^11 in money), either sign: a float sum of these is off by cents
        const c = BigInt(Math.floor(r() * 1e13)) * (r() < 0.3 ? -1n : 1n);
        cents.push(c);
      }
      await engine.run(`CREATE TABLE money_probe (k INTEGER, amount ${d.decimalType(18, 2)})`);
      for (let at = 0; at < cents.length; at += 2000)
        await engine.run(
          `INSERT INTO money_probe VALUES ${cents
            .slice(at, at + 2000)
            .map((c, i) => `(${at + i}, CAST('${centsText(c)}' AS ${d.decimalType(18, 2)}))`)
            .join(', ')}`,
        );
      const total = cents.reduce((s, c) => s + c, 0n);
      const [row] = await engine.query(
        `SELECT CAST(sum(amount) AS ${d.decimalType(38, 2)}) AS total, CAST(sum(CASE WHEN k % 2 = 0 THEN amount END) AS ${d.decimalType(38, 2)}) AS even FROM money_probe`,
      );
      expect(row!.total).toBe(centsText(total));
      expect(row!.even).toBe(centsText(cents.filter((_, i) => i % 2 === 0).reduce((s, c) => s + c, 0n)));
      // The data is hard enough: adding the same amounts as binary floats misses the cents.
      const float = cents.reduce((s, c) => s + Number(c) / 100, 0);
      expect(float.toFixed(2)).not.toBe(centsText(total));
    });

    it('computes continuous quantiles and the median as the closed form does', async () => {
      const d = engine.dialect;
      const r = seeded(7);
      const xs = Array.from({ length: 1001 }, () => Math.round(r() * 1e6) / 100);
      await engine.run('CREATE TABLE quantile_probe (x DOUBLE)');
      await engine.run(`INSERT INTO quantile_probe VALUES ${xs.map((x) => `(${x})`).join(', ')}`);
      const sorted = [...xs].sort((a, b) => a - b);
      const qs = [0, 0.01, 0.25, 0.5, 0.9, 0.99, 1];
      const [row] = await engine.query(
        `SELECT ${qs.map((q, i) => `${d.quantile('x', q)} AS q${i}`).join(', ')}, ${d.median('x')} AS med FROM quantile_probe`,
      );
      qs.forEach((q, i) => expect(Number(row![`q${i}`])).toBeCloseTo(quantile7(sorted, q), 9));
      expect(Number(row!.med)).toBeCloseTo(sorted[500]!, 9);
      // Between two values: 1..10 at 0.25 is 3.25 (h = 9 * 0.25 = 2.25).
      await engine.run('CREATE TABLE quantile_small (x DOUBLE)');
      await engine.run('INSERT INTO quantile_small VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10)');
      expect(
        Number((await engine.query(`SELECT ${d.quantile('x', 0.25)} AS v FROM quantile_small`))[0]!.v),
      ).toBe(3.25);
      expect(() => d.quantile('x', 1.5)).toThrow();
    });

    it('concatenates texts in a given order, whatever order the rows were written in', async () => {
      const d = engine.dialect;
      const order = shuffled(200, 3);
      await engine.run('CREATE TABLE concat_probe (k INTEGER, g INTEGER, t VARCHAR)');
      await engine.run(
        `INSERT INTO concat_probe VALUES ${order.map((k) => `(${k}, ${k % 3}, 'v${k}')`).join(', ')}`,
      );
      const rows = await engine.query(
        `SELECT g, ${d.orderedConcat('t', "','", 'k')} AS up, ${d.orderedConcat('t', "''", 'k DESC')} AS down FROM concat_probe GROUP BY g ORDER BY g`,
      );
      const texts = (g: number) =>
        Array.from({ length: 200 }, (_, k) => k)
          .filter((k) => k % 3 === g)
          .map((k) => `v${k}`);
      expect(rows).toEqual(
        [0, 1, 2].map((g) => ({ g, up: texts(g).join(','), down: [...texts(g)].reverse().join('') })),
      );
    });

    it("reads a row's position in a table written in one ordered statement (row identity), when it declares one", async (ctx) => {
      const d = engine.dialect;
      if (!d.supportsRowIdentity) return ctx.skip();
      const order = shuffled(500, 11);
      await engine.run('CREATE TABLE position_source (k INTEGER)');
      await engine.run(`INSERT INTO position_source VALUES ${order.map((k) => `(${k})`).join(', ')}`);
      await engine.run(
        'CREATE TEMPORARY TABLE position_probe AS SELECT k * 2 AS k2 FROM position_source ORDER BY k DESC',
      );
      const rows = await engine.query(
        `SELECT CAST(${d.insertedRowNumber('p')} AS INTEGER) AS n, k2 FROM position_probe p ORDER BY ${d.insertedRowNumber('p')}`,
      );
      expect(rows).toEqual(Array.from({ length: 500 }, (_, i) => ({ n: i + 1, k2: (499 - i) * 2 })));
    });

    it('converts text leniently: NULL where a value does not convert, the value where it does', async () => {
      const d = engine.dialect;
      const cases: [string, string | null, string | number | boolean | null][] = [
        [d.tryDecimal('$1', 18, 2), '12.34', '12.34'],
        [d.tryDecimal('$1', 18, 2), '-0.5', '-0.50'],
        [d.tryDecimal('$1', 18, 2), '12,34', null],
        [d.tryDecimal('$1', 18, 2), 'abc', null],
        [d.tryDecimal('$1', 18, 2), '1e30', null],
        [d.tryDouble('$1'), '2.5e3', 2500],
        [d.tryDouble('$1'), 'x', null],
        [d.tryInteger('$1'), '42', 42],
        [d.tryInteger('$1'), '4.2x', null],
        [d.tryBoolean('$1'), 'true', true],
        [d.tryBoolean('$1'), 'maybe', null],
        [`CAST(${d.tryDate('$1', ['%d-%m-%Y'])} AS VARCHAR)`, '29-02-2024', '2024-02-29'],
        [`CAST(${d.tryDate('$1', ['%d-%m-%Y'])} AS VARCHAR)`, '30-02-2024', null],
        [`CAST(${d.tryDate('$1', ['%Y-%m-%d', '%d/%m/%Y'])} AS VARCHAR)`, '04/08/2024', '2024-08-04'],
        [
          `CAST(${d.tryDate('$1', ['%Y-%m-%d %H:%M:%S'])} AS VARCHAR)`,
          '2024-08-04 23:30:00 +0100',
          '2024-08-04',
        ],
        [`CAST(${d.tryDate('$1', ['%d-%b-%Y'])} AS VARCHAR)`, '5-mrt-2025', '2025-03-05'],
      ];
      const got = [];
      for (const [sql, input] of cases) got.push(await one(sql, [input]));
      expect(got).toEqual(cases.map(([, , want]) => want));
    });

    itUnless('firstValues')(
      'lists the first values in an order (NULLs kept) and the distinct values of a group',
      async () => {
        const d = engine.dialect;
        const order = shuffled(60, 5);
        await engine.run('CREATE TABLE list_probe (k INTEGER, g INTEGER, t VARCHAR)');
        await engine.run(
          `INSERT INTO list_probe VALUES ${order.map((k) => `(${k}, ${k % 2}, ${k === 3 ? 'NULL' : `'v${k % 7}'`})`).join(', ')}`,
        );
        const rows = await engine.query(
          `SELECT g, ${d.firstValues('t', 'k', 3, 'k > 0')} AS first, ${d.distinctValues('t')} AS seen FROM list_probe GROUP BY g ORDER BY g`,
        );
        // g = 0: k = 2, 4, 6 (k = 0 left out by the condition); g = 1: k = 1, 3 (NULL), 5.
        expect(rows.map((r) => r.first)).toEqual([
          ['v2', 'v4', 'v6'],
          ['v1', null, 'v5'],
        ]);
        const sevenths = ['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
        expect(rows.map((r) => [...(r.seen as unknown as string[])].sort())).toEqual([sevenths, sevenths]);
        expect(
          (await engine.query(`SELECT ${d.firstValues('t', 'k', 2, 'k < 0')} AS none FROM list_probe`))[0]!
            .none ?? [],
        ).toEqual([]);
      },
    );

    itUnless('sniffCsv')(
      'sniffs how a delimited file is written: delimiter, quote, header, column names',
      async () => {
        const file = path.join(dir, 'sniff.csv');
        const lines = Array.from({ length: 30 }, (_, i) => `${i + 1};"name ${i}";${i}.50`);
        writeFileSync(file, `id;"full name";amount\n${lines.join('\n')}\n`);
        expect(await engine.sniffCsv(file)).toEqual({
          delimiter: ';',
          quote: '"',
          header: true,
          skipRows: 0,
          columns: ['id', 'full name', 'amount'],
        });
        // A title block above the header: passed over when asked.
        const titled = path.join(dir, 'titled.csv');
        writeFileSync(
          titled,
          `Sales report\n\nid,amount\n${lines.map((_, i) => `${i},${i}.25`).join('\n')}\n`,
        );
        const below = await engine.sniffCsv(titled, { skip: 2, ignoreErrors: true });
        expect(below?.delimiter).toBe(',');
        expect(below?.header).toBe(true);
        expect(below?.columns).toEqual(['id', 'amount']);
      },
    );

    itUnless('tryEval overflow')(
      'gives NULL, not a wrapped number, where integer arithmetic overflows (tryEval)',
      async () => {
        const d = engine.dialect;
        expect(
          await one(d.tryEval('CAST(9223372036854775807 AS BIGINT) + CAST($1 AS BIGINT)'), ['1']),
        ).toBeNull();
      },
    );

    it('sums money exactly in range and refuses a sum beyond the type, never wrapping (checkedSum)', async () => {
      const d = engine.dialect;
      await engine.run(`CREATE TABLE checked_probe (g INTEGER, m ${d.decimalType(18, 2)}, c BIGINT)`);
      // group 1: 3 x 9,000,000,000,000,000.00 (27e15: beyond DECIMAL(18,2), within DECIMAL(38,2));
      // group 2: 3 x 3,000,000,000,000,000,000 cents as BIGINT (9e18: beyond BIGINT, an Int64 sum wraps)
      for (let i = 0; i < 3; i++)
        await engine.run(
          `INSERT INTO checked_probe VALUES (1, CAST($1 AS ${d.decimalType(18, 2)}), 1), (2, CAST($2 AS ${d.decimalType(18, 2)}), CAST($3 AS BIGINT))`,
          ['9000000000000000.00', '0.01', '3000000000000000000'],
        );
      // in range: worked out by hand
      expect(
        await engine.query(`SELECT ${d.checkedSum('m', 18, 2)} AS v FROM checked_probe WHERE g = 2`),
      ).toEqual([{ v: '0.03' }]);
      expect(
        await engine.query(`SELECT ${d.checkedSum('m', 38, 2)} AS v FROM checked_probe WHERE g = 1`),
      ).toEqual([{ v: '27000000000000000.00' }]);
      expect(
        await engine.query(`SELECT ${d.checkedSum('c', 38, 0)} AS v FROM checked_probe WHERE g = 2`),
      ).toEqual([{ v: '9000000000000000000' }]);
      // beyond the type: refused, not wrapped and not widened
      await expect(
        engine.query(`SELECT ${d.checkedSum('m', 18, 2)} AS v FROM checked_probe WHERE g = 1`),
      ).rejects.toThrow();
      await expect(
        engine.query(`SELECT ${d.checkedSum('c', 18, 0)} AS v FROM checked_probe WHERE g = 2`),
      ).rejects.toThrow();
      // no rows: NULL
      expect(
        await engine.query(`SELECT ${d.checkedSum('m', 18, 2)} AS v FROM checked_probe WHERE g = 3`),
      ).toEqual([{ v: null }]);
    });

    itUnless('stageCsv')(
      'reads a delimited file: typed strictly, broken records left out only when asked, records numbered',
      async () => {
        const file = path.join(dir, 'probe.csv');
        writeFileSync(file, 'id;amount\n1;12.50\n2;x\n3;1;extra\n4;7\n');
        await engine.stageCsv('csv_text', {
          path: file,
          delimiter: ';',
          quote: '"',
          header: true,
          skipLines: 0,
          skipBrokenRecords: true,
          columnNames: ['id', 'amount'],
        });
        expect(await engine.query('SELECT id, amount, _rn FROM csv_text ORDER BY _rn')).toEqual([
          { id: '1', amount: '12.50', _rn: 1 },
          { id: '2', amount: 'x', _rn: 2 },
          { id: '4', amount: '7', _rn: 3 },
        ]);
        const options = {
          delimiter: ';',
          quote: '"',
          header: true,
          skipLines: 0,
          columnNames: ['id', 'amount'],
        };
        // Without skipBrokenRecords a record with too many fields fails the read.
        await expect(engine.stageCsv('csv_strict', { path: file, ...options })).rejects.toThrow();
        // One value that does not convert fails a typed read as a whole (the caller reads text and rejects per line).
        const typed = { ...options, types: { amount: engine.dialect.decimalType(18, 2) } };
        const bad = path.join(dir, 'bad.csv');
        writeFileSync(bad, 'id;amount\n1;12.50\n2;x\n');
        await expect(engine.stageCsv('csv_typed', { path: bad, ...typed })).rejects.toThrow();
        const good = path.join(dir, 'good.csv');
        writeFileSync(good, 'id;amount\n1;12.50\n2;-7\n');
        await engine.stageCsv('csv_typed', { path: good, ...typed });
        expect(await engine.query('SELECT id, amount, _rn FROM csv_typed ORDER BY _rn')).toEqual([
          { id: '1', amount: '12.50', _rn: 1 },
          { id: '2', amount: '-7.00', _rn: 2 },
        ]);
      },
    );

    it('spells the functions stages use, each as worked out by hand', async () => {
      const d = engine.dialect;
      const s = (t: string) => `'${t}'`;
      const cases: [string, string | number | boolean | null][] = [
        [d.regexReplace(s('€ 1.234,56'), s('[€ ]'), s('')), '1.234,56'],
        [d.regexReplace(s('(12.50)'), s('^\\((.*)\\)$'), s('-\\1')), '-12.50'],
        [d.regexFullMatch(s('INV123'), s('[A-Z]+[0-9]+')), true],
        [d.regexFullMatch(s('INV123x'), s('[A-Z]+[0-9]+')), false],
        [d.regexExtract(s('INV123'), s('^([A-Z]+)[0-9]+$'), 1), 'INV'],
        [d.replace(s('a.b.c'), s('.'), s('')), 'abc'],
        [d.startsWith(s('C123'), s('C')), true],
        [d.endsWith(s('report.pdf'), s('.pdf')), true],
        [d.contains(s('report.pdf'), s('rt.p')), true],
        [d.textBefore(s('a@b@c'), s('@')), 'a'],
        [d.textAfter(s('a@b@c'), s('@')), 'b@c'],
        [d.textAfter(s('abc'), s('@')), null],
        [d.dateDiffDays("DATE '2024-02-28'", "DATE '2024-03-01'"), 2],
        [d.datePart('quarter', "DATE '2024-08-04'"), 3],
        [`CAST(${d.monthStart("DATE '2024-08-04'")} AS VARCHAR)`, '2024-08-01'],
        [d.monthsBetween("DATE '2024-01-31'", "DATE '2024-02-01'"), 1],
        [d.byteLength(s('Café')), 5],
        [d.foldText(s('Café Émile')), 'cafe emile'],
        [d.numberText('1000000000'), '1000000000'],
        [d.fractionDigits(s('12.340')), 2],
        [d.fractionDigits(s('12')), 0],
        [`CAST(${d.intDiv('CAST(9223372036854775807 AS BIGINT)', '2')} AS VARCHAR)`, '4611686018427387903'],
        [`CAST(${d.intMod('CAST(9223372036854775807 AS BIGINT)', '10')} AS VARCHAR)`, '7'],
        [d.intDiv64('17', '5'), 3],
        [d.intMod64('17', '5'), 2],
        [d.hasBit('5', 2), true],
        [d.hasBit('5', 1), false],
        [`${d.hashOf([s('a'), '1'])} = ${d.hashOf([s('a'), '1'])}`, true],
        [`${d.hashOf([s('a'), '1'])} = ${d.hashOf([s('a'), '2'])}`, false],
      ];
      const got = [];
      for (const [sql] of cases) got.push(await one(sql));
      expect(got).toEqual(cases.map(([, want]) => want));
    });

    it('creates temporary tables from a SELECT and from columns, and multiplies cents beyond 64 bits in its wide integer type', async () => {
      const d = engine.dialect;
      await engine.run(`${d.createTempTable(d.quoteIdent('temp probe'))} AS SELECT 7 AS k`);
      await engine.run(`${d.createTempTable('temp_cols')} (k INTEGER, t VARCHAR)`);
      await engine.run("INSERT INTO temp_cols VALUES (1, 'a'), (2, 'b')");
      expect(await engine.query(`SELECT k FROM ${d.quoteIdent('temp probe')}`)).toEqual([{ k: 7 }]);
      expect(await engine.query('SELECT k, t FROM temp_cols ORDER BY k')).toEqual([
        { k: 1, t: 'a' },
        { k: 2, t: 'b' },
      ]);
      // 999,999,999.99 in cents, squared and doubled (about 2e22, beyond 2^63), then divided by 3.
      const cents = 99_999_999_999n;
      const wide = (x: string) => `CAST(${x} AS ${d.wideIntType})`;
      const quotient = d.intDiv(`(${wide(String(cents))} * ${wide(String(cents))} * 2)`, '3');
      // Read back in two parts below 2^63 (ClickHouse 18.16 writes a 22-digit Decimal128 as text with a NUL in it).
      const want = (cents * cents * 2n) / 3n;
      const split = 10n ** 11n;
      const part = (sql: string) => one(`CAST(${sql} AS VARCHAR)`);
      expect([
        await part(d.intDiv(quotient, String(split))),
        await part(d.intMod(quotient, String(split))),
      ]).toEqual([String(want / split), String(want % split)]);
    });

    itUnless('createTempView')('creates a temporary view, and replaces it', async () => {
      const d = engine.dialect;
      await engine.run(`${d.createTempView('view_probe', false)} AS SELECT 1 AS k`);
      await engine.run(`${d.createTempView('view_probe', true)} AS SELECT 2 AS k`);
      expect(await engine.query('SELECT k FROM view_probe')).toEqual([{ k: 2 }]);
    });

    it('aggregates: mode, any value, the value at the minimum (rows with a NULL value left out), distinct counts', async () => {
      const d = engine.dialect;
      await engine.run('CREATE TABLE agg_probe (g INTEGER, t VARCHAR, k INTEGER)');
      await engine.run(
        "INSERT INTO agg_probe VALUES (1, 'b', 3), (1, 'a', 1), (1, 'b', 2), (2, 'c', 5), (2, NULL, 4), (2, 'd', NULL), (2, NULL, 6)",
      );
      const rows = await engine.query(
        `SELECT g, ${d.mode('t')} AS m, ${d.argMin('t', 'k')} AS first, ${d.anyValue('g * 10')} AS g10, ${d.countDistinct(['t'])} AS ts, ${d.countDistinct(['t', 'k'])} AS tks, ${d.countWhere('k > 2')} AS big FROM agg_probe GROUP BY g ORDER BY g`,
      );
      expect(rows).toEqual([
        { g: 1, m: 'b', first: 'a', g10: 10, ts: 2, tks: 3, big: 1 },
        { g: 2, m: 'c', first: 'c', g10: 20, ts: 2, tks: 4, big: 3 },
      ]);
    });

    it('runs the forms it declares: window functions, CTEs, more than one JOIN', async () => {
      const d = engine.dialect;
      await engine.run('CREATE TABLE forms_probe (k INTEGER, x INTEGER)');
      await engine.run('INSERT INTO forms_probe VALUES (1, 10), (2, 20), (3, 30)');
      if (d.supportsWindowFunctions) {
        const rows = await engine.query(
          'SELECT k, sum(x) OVER (ORDER BY k ROWS UNBOUNDED PRECEDING) AS s FROM forms_probe ORDER BY k',
        );
        expect(rows.map((r) => [r.k, Number(r.s)])).toEqual([
          [1, 10],
          [2, 30],
          [3, 60],
        ]);
      }
      if (d.supportsCte)
        expect(await one('(WITH a AS (SELECT max(k) AS m FROM forms_probe) SELECT m FROM a)')).toBe(3);
      if (d.supportsMultipleJoins)
        expect(
          (
            await engine.query(
              'SELECT count(*) AS n FROM forms_probe a JOIN forms_probe b ON b.k = a.k JOIN forms_probe c ON c.k = b.k',
            )
          )[0]!.n,
        ).toBe(3);
    });

    it('keeps all of a transaction or none of it (or, declared without, drops the tables a failed one made)', async () => {
      await engine.run('CREATE TABLE tx_probe (k INTEGER)');
      await engine.transaction(() => engine.run('INSERT INTO tx_probe VALUES (1)'));
      await expect(
        engine.transaction(async () => {
          await engine.run('INSERT INTO tx_probe VALUES (2)');
          await engine.run('CREATE TABLE tx_made (k INTEGER)');
          await engine.run('INSERT INTO no_such_table VALUES (3)');
        }),
      ).rejects.toThrow();
      expect(await engine.tableExists('tx_made')).toBe(false);
      const kept = await engine.query('SELECT k FROM tx_probe ORDER BY k');
      // The declared fallback: rows added to a table that existed before stay.
      expect(kept).toEqual(engine.dialect.supportsTransactions ? [{ k: 1 }] : [{ k: 1 }, { k: 2 }]);
    });

    it('selects every column with some replaced, in the table order (starReplacing)', async () => {
      const d = engine.dialect;
      const q = d.quoteIdent;
      await engine.run(`CREATE TABLE star_probe (a INTEGER, ${q('b c')} VARCHAR, z INTEGER)`);
      await engine.run(`INSERT INTO star_probe VALUES (1, 'x', 3)`);
      const columns = await engine.columns('star_probe');
      expect(columns).toEqual(['a', 'b c', 'z']);
      const replaced = new Map([
        ['b c', `concat(x.${q('b c')}, 'y')`],
        ['z', 'x.z * 10'],
      ]);
      const rows = await engine.query(`SELECT ${d.starReplacing('x', replaced, columns)} FROM star_probe x`);
      expect(rows.map((r) => Object.entries(r))).toEqual([
        [
          ['a', 1],
          ['b c', 'xy'],
          ['z', 30],
        ],
      ]);
    });

    it('ranks rows by value (ties by key) with an exact running sum (rankedRunningSum)', async () => {
      const d = engine.dialect;
      await engine.run(`CREATE TABLE ranked_probe (k VARCHAR, v ${d.decimalType(18, 2)})`);
      await engine.run(
        `INSERT INTO ranked_probe VALUES ('b', CAST($1 AS ${d.decimalType(18, 2)})), ('a', CAST($2 AS ${d.decimalType(18, 2)})), ('c', CAST($3 AS ${d.decimalType(18, 2)})), ('d', CAST($4 AS ${d.decimalType(18, 2)}))`,
        ['10.10', '10.10', '-0.07', '3.33'],
      );
      const rows = await engine.query(
        `SELECT k, CAST(row_rank AS INTEGER) AS r, CAST(running AS ${d.decimalType(18, 2)}) AS s FROM (${d.rankedRunningSum('ranked_probe', 'k', 'v')}) x ORDER BY r`,
      );
      // by hand: 10.10 (a), 10.10 (b), 3.33 (d), -0.07 (c)
      expect(rows).toEqual([
        { k: 'a', r: 1, s: '10.10' },
        { k: 'b', r: 2, s: '20.20' },
        { k: 'd', r: 3, s: '23.53' },
        { k: 'c', r: 4, s: '23.46' },
      ]);
    });

    it('stores a DOUBLE as a DECIMAL rounded to the nearest, halves away from zero (decimalFromDouble)', async () => {
      const d = engine.dialect;
      await engine.run(`CREATE TABLE double_probe (i INTEGER, x DOUBLE)`);
      // 0.29 is 0.28999999999999998 in binary (a truncating cast gives 0.28); 0.1 + 0.2 is
      // 0.30000000000000004; 2.5 and -2.5 are exact halves.
      await engine.run(
        `INSERT INTO double_probe VALUES (1, CAST($1 AS DOUBLE)), (2, CAST($2 AS DOUBLE) + CAST($3 AS DOUBLE)), (3, CAST($4 AS DOUBLE)), (4, CAST($5 AS DOUBLE)), (5, NULL)`,
        ['0.29', '0.1', '0.2', '2.5', '-2.5'],
      );
      const rows = await engine.query(
        `SELECT i, CAST(${d.decimalFromDouble('x', 18, 2)} AS VARCHAR) AS s2, CAST(${d.decimalFromDouble('x', 18, 6)} AS VARCHAR) AS s6, ` +
          `CAST(${d.decimalFromDouble('x', 18, 0)} AS VARCHAR) AS s0 FROM double_probe ORDER BY i`,
      );
      expect(rows).toEqual([
        { i: 1, s2: '0.29', s6: '0.290000', s0: '0' },
        { i: 2, s2: '0.30', s6: '0.300000', s0: '0' },
        { i: 3, s2: '2.50', s6: '2.500000', s0: '3' },
        { i: 4, s2: '-2.50', s6: '-2.500000', s0: '-3' },
        { i: 5, s2: null, s6: null, s0: null },
      ]);
    });

    it('gives the median of money exactly, interpolated and truncated as DuckDB does (decimalMedian)', async () => {
      const d = engine.dialect;
      const money = d.decimalType(18, 2);
      await engine.run(`CREATE TABLE median_probe (g INTEGER, x ${money})`);
      const values: [number, string | null][] = [
        [1, '1.00'],
        [1, '1.03'],
        [2, '-1.00'],
        [2, '-1.03'],
        [3, '-0.01'],
        [3, '0.02'],
        [4, '5.00'],
        [4, null],
        [5, null],
        [6, '0.29'],
        [6, '0.29'],
        [6, '7.10'],
      ];
      await engine.run(
        `INSERT INTO median_probe VALUES ${values.map((_, i) => `($${2 * i + 1}, CAST($${2 * i + 2} AS ${money}))`).join(', ')}`,
        values.flat(),
      );
      const rows = await engine.query(
        `SELECT g, CAST(m AS VARCHAR) AS m FROM (SELECT g, CAST(${d.decimalMedian('x', 2)} AS ${money}) AS m FROM median_probe GROUP BY g) t ORDER BY g`,
      );
      // by hand, in cents: lower middle + (upper - lower) / 2 truncated; NULLs left out
      expect(rows).toEqual([
        { g: 1, m: '1.01' },
        { g: 2, m: '-1.02' },
        { g: 3, m: '0.00' },
        { g: 4, m: '5.00' },
        { g: 5, m: null },
        { g: 6, m: '0.29' },
      ]);
    });

    it('computes formulas mixing exact numbers and DOUBLEs as DuckDB does (mixesDecimalAndDouble)', async () => {
      const d = engine.dialect;
      await engine.run(`CREATE TABLE mixed_probe (i INTEGER, w DOUBLE, f BOOLEAN)`);
      await engine.run(
        `INSERT INTO mixed_probe VALUES (1, CAST($1 AS DOUBLE), TRUE), (2, CAST($2 AS DOUBLE), FALSE)`,
        ['12.3', '0.5'],
      );
      const params: string[] = [];
      const scope: FormulaScope = {
        dialect: d,
        params,
        names: () => ['w', 'f'],
        resolve: (name) =>
          name === 'w'
            ? { type: 'number', sql: () => 'w', float: true }
            : name === 'f'
              ? { type: 'boolean', sql: () => 'f' }
              : undefined,
      };
      // A decimal literal times a DOUBLE, a branch exact beside one DOUBLE, exact numbers
      // divided (DuckDB divides in DOUBLE), least over both kinds, a comparison of both kinds.
      const f = compileFormula(
        '4 + 0.02 * w + if(f, w, 0.5) + 0.5 / 4 + min(w, 1.5) + if(w > 1.25, 1, 0)',
        scope,
        'probe',
        'number',
      );
      expect(f.float).toBe(true);
      const rows = await engine.query(
        `SELECT i, CAST(${d.decimalFromDouble(f.sql, 18, 6)} AS VARCHAR) AS m FROM mixed_probe ORDER BY i`,
      );
      // by hand: 4 + 0.246 + 12.3 + 0.125 + 1.5 + 1 = 19.171; 4 + 0.01 + 0.5 + 0.125 + 0.5 + 0 = 5.135
      expect(rows).toEqual([
        { i: 1, m: '19.171000' },
        { i: 2, m: '5.135000' },
      ]);
      // A quotient is a DOUBLE on every engine (ClickHouse would keep 0.5's one decimal: 0.1).
      const quotient = compileFormula('0.5 / 4 + 1', scope, 'probe', 'number');
      expect(quotient.float).toBe(true);
      const [r] = await engine.query(
        `SELECT CAST(${d.decimalFromDouble(quotient.sql, 18, 6)} AS VARCHAR) AS m`,
      );
      expect(r!.m).toBe('1.125000');
      // Exact numbers alone stay exact.
      expect(compileFormula('0.8 * 3 + 1', scope, 'probe', 'number').float).toBe(false);
    });

    it('groups by a select item that reuses a column name (groupKey)', async () => {
      const d = engine.dialect;
      await engine.run(`CREATE TABLE group_probe (segment VARCHAR, n INTEGER)`);
      await engine.run(`INSERT INTO group_probe VALUES ('x', 1), (NULL, 2), (NULL, 3), ('x', 4)`);
      const seg = "coalesce(segment, '(none)')";
      const rows = await engine.query(
        `SELECT ${seg} AS segment, CAST(sum(n) AS INTEGER) AS total FROM group_probe GROUP BY ${d.groupKey(seg, 'segment')} ORDER BY segment`,
      );
      expect(rows).toEqual([
        { segment: '(none)', total: 5 },
        { segment: 'x', total: 5 },
      ]);
    });

    it('binds named parameters: hostile values stay values, a name used twice binds once, in literals and comments $name is text', async () => {
      const hostile = [
        "O'Brien",
        "'); DROP TABLE t; --",
        '$a $1 ?',
        '/* not a comment */',
        '-- not a comment',
        'back\\slash\\',
        '"double"',
        'Ünïcødé 😀 €',
        'x'.repeat(5000),
        '',
      ];
      await engine.run('CREATE TABLE named_hostile (k INTEGER, v VARCHAR)');
      for (const [k, v] of hostile.entries())
        await engine.run('INSERT INTO named_hostile VALUES ($key, $value)', { key: k, value: v });
      const back = await engine.query('SELECT k, v FROM named_hostile ORDER BY k');
      expect(back.map((r) => r.v)).toEqual(hostile);
      // Each hostile value found again by equality, bound by name, twice in one statement.
      for (const v of hostile) {
        const [r] = await engine.query(
          'SELECT count(*) AS n, max(CASE WHEN v = $v THEN 1 ELSE 0 END) AS hit FROM named_hostile WHERE v = $v',
          { v },
        );
        expect({ v: v.slice(0, 20), n: Number(r!.n), hit: Number(r!.hit) }).toEqual({
          v: v.slice(0, 20),
          n: 1,
          hit: 1,
        });
      }
      // $name inside a literal or a comment is text; the same values bound by name and by position agree.
      expect(await engine.query("SELECT '$b' AS t, $a AS a /* $c */ -- $d\n", { a: 'x$b' })).toEqual([
        { t: '$b', a: 'x$b' },
      ]);
      expect(await one('$1', ["it's"])).toBe("it's");
      // A name without a value, a value without a place, and both styles at once are bugs.
      await expect(engine.query('SELECT $a AS v', {})).rejects.toThrow(/no value for parameter \$a/);
      await expect(engine.query('SELECT 1 AS v', { a: 1 })).rejects.toThrow(/not in the statement: a/);
      await expect(engine.query('SELECT $a AS v, $1 AS w', { a: 1 })).rejects.toThrow(/not both/);
      expect((await engine.query('SELECT count(*) AS n FROM named_hostile'))[0]!.n).toBe(hostile.length);
    });

    it('quotes any identifier: quotes, spaces, keywords', async () => {
      const q = engine.dialect.quoteIdent;
      const name = 'select "x" y';
      await engine.run(`CREATE TABLE ${q(name)} (${q('order')} INTEGER)`);
      await engine.run(`INSERT INTO ${q(name)} VALUES (7)`);
      expect(await engine.query(`SELECT ${q('order')} AS v FROM ${q(name)}`)).toEqual([{ v: 7 }]);
      expect(() => q('a\u0000b')).toThrow();
    });
  });
}
