/**
 * Drill a cost line to its source: the events behind one activity's cost for one customer
 * (an order, an order line, a shipment, a contact, an invoice), each with its file and
 * physical line, its minutes by the activity's time equation, the rate per minute charged, the
 * money passed on directly and its share of the cost, in cents. The cost model's formulas are
 * evaluated again on the events exactly as costing measured them (same SQL, same DECIMAL
 * types); the customer's stored minutes and direct money must come out again, or worth.yaml
 * has changed since the run and the drill says so instead of showing other figures.
 *
 * Costing charges a customer its exact share of the pool rounded to the cent (see
 * costing/allocate.ts), so the events' exact amounts add up to the bar to within a cent or
 * two; the cents are settled over the events by largest remainder (each event within a cent of
 * its exact amount), so the rows add up to the bar exactly.
 */
import { WorthError, fromScaled, toScaled, type MoneyString } from '../core/index.ts';
import { notValidText } from '../words/index.ts';
import {
  costColumn,
  costRowsOf,
  helperSql,
  type CompiledActivity,
  type CostModel,
  type EventActivity,
} from '../costing/index.ts';
import type { Engine, Row, SqlParams } from '../warehouse/index.ts';

/** One event behind a customer's cost of one activity. */
export interface CostDrillRow {
  /** The source file as worth.yaml names it; null for a fixed fee (no source row). */
  file: string | null;
  /** Physical line in that file (an order: its first line); null for a fixed fee. */
  line: number | null;
  /** The event's table: `orders`, `order_lines`, `shipments`, `returns`, `service_contacts`, `invoices`, or `fixed`. */
  driver: string;
  /** The event's id (order, shipment, contact, invoice or return id); empty for a fixed fee. */
  ref: string;
  /** An order line's number in its order; null otherwise. */
  refLine: number | null;
  /** yyyy-mm-dd; null for a fixed fee. */
  date: string | null;
  /** Minutes by the time equation (exact decimal); `0` where the activity has no time. */
  minutes: string;
  /** Money passed on directly for the event (exact decimal, up to 4 places): freight, a fee, the cost of credit. */
  direct: string;
  /** Its share of the bar, in cents: minutes x rate + direct, settled so the rows add up to the bar. */
  amount: MoneyString;
}

/** The events behind a customer's cost of one activity, one page of them, and their total (the bar). */
export interface CostDrill {
  customerId: string;
  /** The waterfall bar: `cost_<activity id>`. */
  line: string;
  activityId: string;
  activityName: string;
  kind: CompiledActivity['kind'];
  /** Money per minute charged (pool / practical capacity, or / minutes used on an overrun); null without time. */
  ratePerMinute: number | null;
  /** The bar's figure in the customer P&L; the rows add up to it. */
  total: MoneyString;
  /** Minutes over every event (exact decimal). */
  minutes: string;
  rows: number;
  page: number;
  pageSize: number;
  items: CostDrillRow[];
}

/** Rows per page of a cost drill. */
export const COST_DRILL_PAGE_SIZE = 100;

/** Events of one customer and activity read at most (a customer with more is told to use an export). */
const MAX_EVENTS = 200_000;

/** What identifies an event of each driver table, and its date. */
const EVENT_KEYS: Record<
  EventActivity['driver']['table'],
  { id: string; line: string | null; date: string }
> = {
  orders: { id: 't.order_id', line: null, date: 't.order_date' },
  order_lines: { id: 't.order_id', line: 't.line_no', date: 't.order_date' },
  shipments: { id: 't.shipment_id', line: null, date: 't.ship_date' },
  returns: { id: 't.return_id', line: null, date: 't.return_date' },
  service_contacts: { id: 't.contact_id', line: null, date: 't.contact_date' },
  invoices: { id: 't.invoice_id', line: null, date: 't.invoice_date' },
};

/** Whether `line` is a cost bar (`cost_<activity>`), so it drills here rather than to sales rows. */
export function isCostLine(line: string | undefined): boolean {
  return line !== undefined && /^cost_[a-z][a-z0-9_]{0,63}$/.test(line);
}

/** One event as read: file, line, ids, date, minutes (millionths) and direct money (ten-thousandths). */
interface Event {
  file: string | null;
  line: number | null;
  ref: string;
  refLine: number | null;
  date: string | null;
  micro: bigint;
  direct4: bigint;
}

/** Each activity's pool, capacity and minutes used, read once per engine (a reader's engine sees one finished run). */
const summaries = new WeakMap<Engine, Promise<Map<string, Row>>>();

function summaryOf(engine: Engine, activityId: string): Promise<Row | undefined> {
  let all = summaries.get(engine);
  if (!all) {
    all = engine
      .query(
        'SELECT activity_id, CAST(pool AS VARCHAR) AS pool, capacity_minutes, used_minutes FROM activity_summary',
      )
      .then((rows) => new Map(rows.map((r) => [String(r.activity_id), r])));
    // A failed read is not kept: the next drill asks again.
    all.catch(() => summaries.delete(engine));
    summaries.set(engine, all);
  }
  return all.then((m) => m.get(activityId));
}

/** What the caller holds in memory of one customer, so the drill does not look it up in the database. */
export interface HeldCostFigures {
  /** The bar's figure from the customer's P&L row (null: the customer is not in the P&L). */
  total: string | null;
  /** What analyze measured for the customer and a time-driven activity (minutes x 10^6, direct money x 10^4), or undefined when not held. */
  usage?: (engine: Engine, activityId: string) => Promise<{ micro: bigint; direct4: bigint } | undefined>;
}

/**
 * One page of the events behind `cost_<activity>` for a customer under the cost model of the
 * run; null when the customer is not in the customer P&L. `held` is what the caller holds of the
 * customer (the bar's figure, its measured usage), so neither is looked up in the database. A
 * bad line or page, or a cost model changed since the run, is a `WorthError`.
 */
export async function readCostDrill(
  engine: Engine,
  model: CostModel,
  customerId: string,
  line: string,
  page: number,
  held?: HeldCostFigures,
): Promise<CostDrill | null> {
  const activity = model.activities.find((a) => costColumn(a.id) === line);
  if (!activity)
    throw new WorthError(
      'input',
      { path: 'line' },
      line.slice(0, 40),
      `a cost line of the cost model: ${model.activities.map((a) => costColumn(a.id)).join(', ') || '(none)'}`,
      undefined,
      notValidText(line.slice(0, 40), {
        key: 'expectedCostLine',
        vars: { lines: model.activities.map((a) => costColumn(a.id)).join(', ') || '(none)' },
      }),
    );
  const total = held === undefined ? await barOf(engine, line, customerId) : held.total;
  if (total === null) return null;
  const summary = await summaryOf(engine, activity.id);
  const events = await eventsOf(engine, model, activity, customerId);
  await checkUsage(engine, activity, customerId, events, held?.usage);
  // The rate as costing charged it: pool / max(capacity, minutes used) for time; none otherwise.
  const timed = activity.kind === 'time';
  const denominator = timed
    ? Math.max(Number(summary?.capacity_minutes ?? 0), Number(summary?.used_minutes ?? 0))
    : 0;
  const poolCents = timed ? toScaled(String(summary?.pool ?? '0')) : 0n;
  const denomMicro = BigInt(Math.round(denominator * 1e6));
  // Each event's exact amount in cents as a fraction num / den: micro x pool / denomMicro + direct4 / 100.
  const den = timed && denomMicro > 0n ? denomMicro * 100n : 100n;
  const nums = events.map((e) =>
    timed && denomMicro > 0n ? e.micro * poolCents * 100n + e.direct4 * denomMicro : e.direct4,
  );
  const cents = settle(nums, den, toScaled(total));
  const totalMicro = events.reduce((s, e) => s + e.micro, 0n);
  const start = (page - 1) * COST_DRILL_PAGE_SIZE;
  return {
    customerId,
    line,
    activityId: activity.id,
    activityName: activity.name,
    kind: activity.kind,
    ratePerMinute: timed && denominator > 0 ? Number(poolCents) / 100 / denominator : null,
    total,
    minutes: scaled(totalMicro, 6),
    rows: events.length,
    page,
    pageSize: COST_DRILL_PAGE_SIZE,
    items: events.slice(start, start + COST_DRILL_PAGE_SIZE).map((e, i) => ({
      file: e.file,
      line: e.line,
      driver: costRowsOf(activity) ?? 'fixed',
      ref: e.ref,
      refLine: e.refLine,
      date: e.date,
      minutes: scaled(e.micro, 6),
      direct: scaled(e.direct4, 4),
      amount: fromScaled(cents[start + i]!),
    })),
  };
}

/** The bar's figure in `customer_pnl` (a decimal string), or null when the customer is not in it. */
async function barOf(engine: Engine, line: string, customerId: string): Promise<string | null> {
  const [bar] = await engine.query(
    `SELECT CAST(${engine.dialect.quoteIdent(line)} AS VARCHAR) AS total FROM customer_pnl WHERE customer_id = $1`,
    [customerId],
  );
  return bar ? String(bar.total ?? '0.00') : null;
}

/**
 * Whole cents per event adding up to `target`: each exact amount (num / den cents) rounded,
 * then the cents still missing (or over) settled one each on the events rounded furthest the
 * other way (ties: the earlier event), round after round should they outnumber the events.
 */
function settle(nums: bigint[], den: bigint, target: bigint): bigint[] {
  const floor = (n: bigint) => (n >= 0n ? n / den : -((-n + den - 1n) / den));
  const out = nums.map((n) => {
    const f = floor(n);
    return 2n * (n - f * den) >= den ? f + 1n : f;
  });
  if (!out.length) return out;
  let left = target - out.reduce((s, c) => s + c, 0n);
  // The distance of each rounded amount from its exact one, in units of 1 / den cent.
  const order = nums
    .map((n, i) => ({ i, r: n - out[i]! * den }))
    .sort((a, b) => (left > 0n ? Number(b.r - a.r) : Number(a.r - b.r)) || a.i - b.i);
  for (let k = 0; left !== 0n; k = (k + 1) % order.length) {
    const step = left > 0n ? 1n : -1n;
    out[order[k]!.i]! += step;
    left -= step;
  }
  return out;
}

/** A scaled integer as a decimal string with `places` decimals, trailing zeros cut (`2.500000` -> `2.5`). */
function scaled(v: bigint, places: number): string {
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, -places);
  const frac = digits.slice(-places).replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** A decimal string scaled to an integer of `places` decimals (exact; the engine gives at most that many). */
function toUnits(text: unknown, places: number): bigint {
  const s = String(text ?? '0');
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m) throw new Error(`not a decimal: ${s}`);
  const v = BigInt(`${m[2] || '0'}${(m[3] ?? '').padEnd(places, '0').slice(0, places)}`);
  return m[1] ? -v : v;
}

/** The events of one activity for one customer, in date, file and line order. */
async function eventsOf(
  engine: Engine,
  model: CostModel,
  a: CompiledActivity,
  customerId: string,
): Promise<Event[]> {
  const d = engine.dialect;
  const minutesType = d.decimalType(18, 6);
  const directType = d.decimalType(18, 4);
  let sql: string;
  let params: SqlParams;
  switch (a.kind) {
    case 'fixed': {
      // One fee a year for a customer the activity's filter selects: no source row of its own.
      const amount = `round(CAST($amount AS ${d.decimalType(18, 2)}) * CAST($years AS ${d.decimalType(9, 2)}), 2)`;
      const where = a.customersSql ? ` AND coalesce(${a.customersSql}, FALSE)` : '';
      sql =
        `SELECT CAST(NULL AS VARCHAR) AS file, CAST(NULL AS BIGINT) AS line, '' AS ref, CAST(NULL AS BIGINT) AS ref_line, CAST(NULL AS VARCHAR) AS date, ` +
        `'0' AS minutes, CAST(CAST(${amount} AS ${directType}) AS VARCHAR) AS direct FROM customers WHERE customer_id = $customer${where}`;
      params = { ...a.params, amount: a.perCustomerPerYear, years: model.periodYears, customer: customerId };
      break;
    }
    case 'credit': {
      const until = 'coalesce(t.paid_date, CAST($1 AS DATE))';
      const days = `greatest(${d.dateDiffDays('t.due_date', until)}, 0)`;
      sql =
        `SELECT t._source AS file, t._line AS line, CAST(t.invoice_id AS VARCHAR) AS ref, CAST(NULL AS BIGINT) AS ref_line, CAST(t.invoice_date AS VARCHAR) AS date, '0' AS minutes, ` +
        `CAST(CASE WHEN ${until} > t.due_date THEN CAST(t.amount * ${days} * CAST($2 AS ${d.decimalType(9, 6)}) / 365 AS ${directType}) ELSE CAST(0 AS ${directType}) END AS VARCHAR) AS direct ` +
        'FROM invoices t WHERE t.amount > 0 AND t.customer_id = $3';
      params = [model.period.end, String(a.costOfCapital), customerId];
      break;
    }
    case 'time':
    case 'direct': {
      const dv = a.driver;
      const keys = EVENT_KEYS[dv.table];
      const fromCols = new Set<string>();
      const joinCols = new Set<string>();
      for (const c of dv.columns.filter((x) => a.usedColumns.includes(x.name) && x.helperColumn)) {
        if (c.joined && dv.join) joinCols.add(c.helperColumn!);
        else if (dv.needs.length) fromCols.add(c.helperColumn!);
      }
      // An order (a helper over its lines) is dated by its lines and found in the file by its first line.
      if (dv.table === 'orders') fromCols.add('order_date');
      const from = dv.needs.length ? `(${helperSql(dv.needs[0]!, fromCols, d.anyValue)})` : dv.from;
      const join =
        a.useJoin && dv.join
          ? ` LEFT JOIN (${helperSql(dv.join.table, joinCols, d.anyValue)}) j ON ${dv.join.on}`
          : '';
      // The customer's lines only: the events are one customer's (`t.customer_id = $customer`), and the
      // engine cannot carry that through the join's coalesce, so without it every order of every
      // customer was grouped for one drill (111 ms CPU at 100,000 customers).
      const source =
        dv.table === 'orders'
          ? ` LEFT JOIN (SELECT order_id, customer_id, ${d.argMin('_source', '_line')} AS file, min(_line) AS line FROM order_lines WHERE customer_id = $customer GROUP BY order_id, customer_id) s ` +
            'ON s.order_id = t.order_id AND s.customer_id = t.customer_id'
          : '';
      const fileLine =
        dv.table === 'orders' ? 's.file AS file, s.line AS line' : 't._source AS file, t._line AS line';
      const when = a.whenSql ? ` AND coalesce(${a.whenSql}, FALSE)` : '';
      sql =
        `SELECT ${fileLine}, CAST(${keys.id} AS VARCHAR) AS ref, ${keys.line ? `CAST(${keys.line} AS BIGINT)` : 'CAST(NULL AS BIGINT)'} AS ref_line, ` +
        `CAST(${keys.date} AS VARCHAR) AS date, CAST(CAST(coalesce(${a.minutesSql}, 0) AS ${minutesType}) AS VARCHAR) AS minutes, ` +
        `CAST(CAST(coalesce(${a.directSql}, 0) AS ${directType}) AS VARCHAR) AS direct ` +
        `FROM ${from} t${join}${source} WHERE t.customer_id = $customer${when}`;
      params = { ...a.params, customer: customerId };
      break;
    }
    default: {
      const never: never = a;
      throw new Error(`unknown activity kind ${String(never)}`);
    }
  }
  const rows = await engine.query(
    `SELECT * FROM (${sql}) e ORDER BY date, file, line, ref, ref_line LIMIT ${MAX_EVENTS + 1}`,
    params,
  );
  if (rows.length > MAX_EVENTS)
    throw new WorthError(
      'input',
      { path: 'line' },
      costColumn(a.id),
      `a cost line with at most ${MAX_EVENTS} events (use \`worth export\` for this customer's events)`,
      undefined,
      notValidText(costColumn(a.id), { key: 'expectedFewerEvents', vars: { max: { int: MAX_EVENTS } } }),
    );
  return rows.map((r) => ({
    file: r.file === null || r.file === undefined ? null : String(r.file),
    line: r.line === null || r.line === undefined ? null : Number(r.line),
    ref: String(r.ref ?? ''),
    refLine: r.ref_line === null || r.ref_line === undefined ? null : Number(r.ref_line),
    date: r.date === null || r.date === undefined ? null : String(r.date),
    micro: toUnits(r.minutes, 6),
    direct4: toUnits(r.direct, 4),
  }));
}

/**
 * The events' minutes and direct money must be what analyze stored for the customer
 * (`activity_usage`, time-driven activities): otherwise worth.yaml's cost model has changed
 * since the run, and the events would not be the ones behind the bar.
 */
async function checkUsage(
  engine: Engine,
  a: CompiledActivity,
  customerId: string,
  events: Event[],
  heldUsage?: HeldCostFigures['usage'],
): Promise<void> {
  if (a.kind !== 'time') return;
  const measured = (await heldUsage?.(engine, a.id)) ?? (await storedUsage(engine, a.id, customerId));
  if (!measured) return;
  const micro = events.reduce((s, e) => s + e.micro, 0n);
  const direct4 = events.reduce((s, e) => s + e.direct4, 0n);
  if (measured.micro !== micro || measured.direct4 !== direct4)
    throw new WorthError(
      'workspace',
      { path: `cost_model.activities.${a.id}` },
      a.id,
      'the cost model of the last run',
      `the cost model in worth.yaml has changed since the last \`worth analyze\` (activity ${a.id} gives other minutes or money for customer ${JSON.stringify(customerId.slice(0, 40))}): run \`worth analyze\` again to drill this cost line`,
      {
        key: 'costModelChangedForDrill',
        vars: { id: a.id, customer: JSON.stringify(customerId.slice(0, 40)) },
      },
    );
}

/** What analyze stored for a customer and activity (zeros without a row), or undefined when the workspace has no `activity_usage`. */
async function storedUsage(
  engine: Engine,
  activityId: string,
  customerId: string,
): Promise<{ micro: bigint; direct4: bigint } | undefined> {
  if (!(await engine.tableExists('activity_usage'))) return undefined;
  const [u] = await engine.query(
    'SELECT CAST(minutes AS VARCHAR) AS minutes, CAST(direct AS VARCHAR) AS direct FROM activity_usage WHERE activity_id = $1 AND customer_id = $2',
    [activityId, customerId],
  );
  return { micro: toUnits(u?.minutes, 6), direct4: toUnits(u?.direct, 4) };
}
