/**
 * The cost model parsed once: the `cost_model` section validated with its paths and line
 * numbers, and every formula compiled to SQL against the names its driver offers. Nothing
 * from a formula reaches SQL as text: names are checked, string literals are bound values.
 */
import { TABLES, toScaled, unreachable, WorthError } from '../core/index.ts';
import { compileFormula, type FormulaType } from '../formula/index.ts';
import type { Dialect, NamedParams, SqlValue } from '../warehouse/index.ts';
import { validateSection, type Workspace } from '../workspace/index.ts';
import { errorText, type ErrorText } from '../words/index.ts';
import { columnScope, namedValues, type ScopeColumn } from './driverScope.ts';
import { DRIVERS, type DriverDef } from './drivers.ts';
import {
  costModelSchema,
  type ActivityConfig,
  type Behaviour,
  type CostModelConfig,
  type DriverTable,
} from './schema.ts';

interface Common {
  id: string;
  name: string;
  behaviour: Behaviour;
  /**
   * Bound values of the compiled SQL by name: `$f<i>_<n>`, the activity's place in the model
   * and the value's number, so an activity's SQL joins any statement by merging these.
   */
  params: NamedParams;
}

/** An activity measured on events: time-driven (pool over capacity) or a direct cost per event. */
export interface EventActivity extends Common {
  kind: 'time' | 'direct';
  driver: DriverDef;
  /** Pool in cents (time-driven only; a direct activity's pool is the sum of its costs). */
  poolCents: bigint;
  /** Practical capacity in minutes (time-driven only). */
  capacityMinutes: number;
  /** Minutes per event (time) as SQL; `0` for direct activities. */
  minutesSql: string;
  /** Money per event as SQL; `0` when there is none. */
  directSql: string;
  /** Whether `minutesSql` / `directSql` give a binary float (DOUBLE), stored through `Dialect.decimalFromDouble`. */
  minutesFloat: boolean;
  directFloat: boolean;
  /** Condition on the event as SQL, if any. */
  whenSql?: string;
  /** Whether the SQL reads the driver's joined helper table. */
  useJoin: boolean;
  /** The driver columns the formulas use. */
  usedColumns: string[];
  /** The formulas as written, for messages. */
  formulas: Record<string, string>;
}

/** A fixed cost per matching customer per year. */
export interface FixedActivity extends Common {
  kind: 'fixed';
  /** Money per customer per year, exact decimal string. */
  perCustomerPerYear: string;
  /** Condition on customer columns as SQL, if any. */
  customersSql?: string;
}

/** Cost of credit on invoices paid late or outstanding at the period's end. */
export interface CreditActivity extends Common {
  kind: 'credit';
  /** Yearly cost of capital (0.08 = 8%). */
  costOfCapital: number;
}

/** One compiled activity. */
export type CompiledActivity = EventActivity | FixedActivity | CreditActivity;

/** The compiled cost model. */
export interface CostModel {
  activities: CompiledActivity[];
  /** Satisfaction (0-1) from which a customer counts as satisfied (voice of customer). */
  satisfiedFrom: number;
  /** Analysis period, yyyy-mm-dd. */
  period: { start: string; end: string };
  /** Length of the period in years, rounded to two decimals (365.25 days a year). */
  periodYears: string;
  /** False when worth.yaml has no `cost_model`: no activities, and the customer P&L stops at gross margin. */
  costToServe: boolean;
}

/**
 * Validates `cost_model` in the workspace and compiles its formulas for an engine's dialect.
 * Without the section the model has no activities (`costToServe: false`): a customer P&L
 * down to gross margin is worth having before anyone has measured a cost pool.
 */
export function loadCostModel(ws: Workspace, dialect: Dialect): CostModel {
  const file = ws.configFile.split(/[\\/]/).pop() ?? 'worth.yaml';
  const { start, end } = ws.config.period;
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000 + 1;
  const period = { period: { start, end }, periodYears: (days / 365.25).toFixed(2) };
  if (ws.raw.cost_model === undefined) {
    return {
      activities: [],
      satisfiedFrom: costModelSchema.shape.satisfied_from.parse(undefined),
      ...period,
      costToServe: false,
    };
  }
  const config: CostModelConfig = validateSection(
    costModelSchema,
    ws.raw.cost_model,
    ['cost_model'],
    file,
    ws.lineOf,
  );
  const activities = config.activities.map((a, i) => {
    const line = ws.lineOf(['cost_model', 'activities', i]);
    // The place as a catalogue text too, so a formula's error is said in the workspace's language.
    const places = new Map<string, ErrorText>();
    const subject = (what: string) => {
      const place: ErrorText = line
        ? { key: 'activitySubject', vars: { file, line: String(line), id: a.id, what } }
        : { key: 'activitySubjectNoLine', vars: { file, id: a.id, what } };
      const text = errorText('en', place);
      places.set(text, place);
      return text;
    };
    try {
      return compileActivity(a, i, dialect, subject, ws.config.cost_of_capital);
    } catch (e) {
      const place = e instanceof WorthError ? placeOf(e, places) : undefined;
      if (!(e instanceof WorthError) || !e.said || !place) throw e;
      const said: ErrorText = { ...e.said, vars: { ...e.said.vars, subject: place } };
      throw new WorthError(e.code, e.location, e.value, e.expected, undefined, said);
    }
  });
  return { activities, satisfiedFrom: config.satisfied_from, ...period, costToServe: true };
}

/** The catalogue text of a formula error's place (its `subject`), when it is one of this activity's. */
function placeOf(e: WorthError, places: Map<string, ErrorText>): ErrorText | undefined {
  const subject = e.said?.vars?.subject;
  return typeof subject === 'string' ? places.get(subject) : undefined;
}

/** What every compiled activity carries; `prefix` names its formulas' bound values. */
interface Compiling {
  id: string;
  name: string;
  behaviour: Behaviour;
  prefix: string;
}

function compileActivity(
  a: ActivityConfig,
  index: number,
  dialect: Dialect,
  subject: (what: string) => string,
  workspaceCoc: number,
): CompiledActivity {
  const common: Compiling = { id: a.id, name: a.name ?? a.id, behaviour: a.behaviour, prefix: `f${index}_` };
  switch (a.kind) {
    case 'credit':
      return {
        id: common.id,
        name: common.name,
        behaviour: common.behaviour,
        params: {},
        kind: 'credit',
        costOfCapital: a.cost_of_capital ?? workspaceCoc,
      };
    case 'fixed':
      return compileFixed(a, common, dialect, subject);
    case 'time':
    case 'direct':
      return compileEvent(a, common, dialect, subject);
    default:
      return unreachable(a, 'activity kind');
  }
}

/**
 * The table whose rows carry an activity's cost: its events' driver table (time-driven and
 * direct), `invoices` for the cost of credit; null for a fixed cost, which no row carries.
 */
export function costRowsOf(a: CompiledActivity): DriverTable | 'invoices' | null {
  switch (a.kind) {
    case 'time':
    case 'direct':
      return a.driver.table;
    case 'credit':
      return 'invoices';
    case 'fixed':
      return null;
    default:
      return unreachable(a, 'activity kind');
  }
}

/** The table an activity's events come from (time-driven and direct activities), else null. */
export function driverTableOf(a: CompiledActivity): DriverTable | null {
  switch (a.kind) {
    case 'time':
    case 'direct':
      return a.driver.table;
    case 'fixed':
    case 'credit':
      return null;
    default:
      return unreachable(a, 'activity kind');
  }
}

function compileFixed(
  a: Extract<ActivityConfig, { kind: 'fixed' }>,
  common: Compiling,
  dialect: Dialect,
  subject: (what: string) => string,
): FixedActivity {
  const cols: ScopeColumn[] = TABLES.customers.columns.map((c) => ({
    name: c.name,
    type: 'text' as const,
    sql: c.name,
    date: c.kind === 'date',
  }));
  const values: SqlValue[] = [];
  const scope = columnScope(dialect, cols, values, common.prefix);
  const customersSql = a.customers
    ? compileFormula(a.customers, scope, subject('customers'), 'boolean').sql
    : undefined;
  return {
    id: common.id,
    name: common.name,
    behaviour: common.behaviour,
    params: namedValues(common.prefix, values),
    kind: 'fixed',
    perCustomerPerYear: a.per_customer_per_year,
    customersSql,
  };
}

function compileEvent(
  a: Extract<ActivityConfig, { kind: 'time' | 'direct' }>,
  common: Compiling,
  dialect: Dialect,
  subject: (what: string) => string,
): EventActivity {
  const driver = DRIVERS[a.driver];
  const values: SqlValue[] = [];
  const scope = columnScope(dialect, driver.columns, values, common.prefix);
  const compile = (text: string, what: string, type: FormulaType) =>
    compileFormula(text, scope, subject(what), type);
  const formulas: Record<string, string> = {};
  let minutes = { sql: '0', float: false };
  let direct = { sql: '0', float: false };
  if (a.kind === 'time') {
    minutes = compile(a.minutes, 'minutes', 'number');
    formulas.minutes = a.minutes;
    if (a.direct_cost) {
      direct = compile(a.direct_cost, 'direct_cost', 'number');
      formulas.direct_cost = a.direct_cost;
    }
  } else {
    direct = compile(a.cost, 'cost', 'number');
    formulas.cost = a.cost;
  }
  const whenSql = a.when === undefined ? undefined : compile(a.when, 'when', 'boolean').sql;
  if (a.when) formulas.when = a.when;
  const useJoin = driver.columns.some((c) => c.joined && scope.used.has(c.name));
  return {
    id: common.id,
    name: common.name,
    behaviour: common.behaviour,
    params: namedValues(common.prefix, values),
    kind: a.kind,
    driver,
    poolCents: a.kind === 'time' ? toScaled(a.pool) : 0n,
    capacityMinutes: a.kind === 'time' ? a.capacity_minutes : 0,
    minutesSql: minutes.sql,
    directSql: direct.sql,
    minutesFloat: minutes.float,
    directFloat: direct.float,
    whenSql,
    useJoin,
    usedColumns: [...scope.used],
    formulas,
  };
}
