/**
 * Test helper: per-segment figures of a demo workspace, computed from its files, to check
 * that the data tells the intended story (a rough customer P&L with assumed cost rates).
 */
import { join } from 'node:path';
import { readCsv } from './readCsv.ts';

/** Rough cost rates (euros) standing in for the cost model: per order, per line, per service minute. */
const PER_ORDER = 6;
const PER_LINE = 0.6;
const PER_MINUTE = 0.9;
const PER_RETURN = 8;

/** Figures of one segment. */
export interface SegmentStats {
  customers: number;
  revenuePerCustomer: number;
  minutesPerCustomer: number;
  /** Returns per order. */
  returnRate: number;
  /** Share of customers with a negative rough contribution (among those that ordered). */
  lossShare: number;
  /** Mean satisfaction 0-1 over all feedback. */
  satisfaction: number;
  linesPerOrder: number;
  revenuePerOrder: number;
}

/** Per-customer rough P&L and satisfaction. */
export interface CustomerStats {
  segment: string;
  net: number;
  contribution: number;
  satisfaction: number | undefined;
}

/** Reads a standard-format demo workspace and computes the figures. */
export function storyStats(dir: string): {
  segments: Record<string, SegmentStats>;
  customers: Map<string, CustomerStats>;
} {
  const t = (name: string) => readCsv(join(dir, 'data', `${name}.csv`));
  const customers = t('customers');
  const seg = new Map<string, string>();
  for (const r of customers.rows) seg.set(r[0]!, r[customers.col('segment')]!);
  const per = new Map<
    string,
    {
      net: number;
      cost: number;
      orders: Set<string>;
      lines: number;
      minutes: number;
      returns: number;
      fb: number[];
    }
  >();
  const get = (id: string) => {
    let v = per.get(id);
    if (!v)
      per.set(id, (v = { net: 0, cost: 0, orders: new Set(), lines: 0, minutes: 0, returns: 0, fb: [] }));
    return v;
  };
  const ol = t('order_lines');
  for (const r of ol.rows) {
    const c = get(r[2]!);
    const gross = Number(r[7]);
    const disc = Number(r[8]);
    c.net += gross - disc;
    c.cost += Number(r[9]) + PER_LINE;
    c.orders.add(r[0]!);
    c.lines++;
  }
  for (const r of t('returns').rows) {
    const c = get(r[2]!);
    c.net -= Number(r[4]);
    c.cost -= Number(r[5]);
    c.cost += PER_RETURN;
    c.returns++;
  }
  for (const r of t('shipments').rows) get(r[2]!).cost += Number(r[4]);
  for (const r of t('service_contacts').rows) {
    const c = get(r[1]!);
    c.minutes += Number(r[4]);
    c.cost += Number(r[4]) * PER_MINUTE;
  }
  for (const r of t('rebates').rows) get(r[0]!).net -= Number(r[2]);
  for (const r of t('feedback').rows) get(r[1]!).fb.push(Number(r[4]) / Number(r[5]));
  const out: Record<string, SegmentStats> = {};
  const acc = new Map<
    string,
    {
      n: number;
      buyers: number;
      net: number;
      minutes: number;
      orders: number;
      returns: number;
      loss: number;
      sat: number[];
      lines: number;
    }
  >();
  const perCustomer = new Map<string, CustomerStats>();
  for (const [id, s] of seg) {
    let a = acc.get(s);
    if (!a)
      acc.set(
        s,
        (a = { n: 0, buyers: 0, net: 0, minutes: 0, orders: 0, returns: 0, loss: 0, sat: [], lines: 0 }),
      );
    a.n++;
    const c = per.get(id);
    if (!c) continue;
    const contribution = c.net - c.cost - c.orders.size * PER_ORDER;
    a.net += c.net;
    a.minutes += c.minutes;
    a.orders += c.orders.size;
    a.returns += c.returns;
    a.lines += c.lines;
    a.sat.push(...c.fb);
    if (c.orders.size > 0) {
      a.buyers++;
      if (contribution < 0) a.loss++;
    }
    const satisfaction = c.fb.length ? c.fb.reduce((x, y) => x + y, 0) / c.fb.length : undefined;
    perCustomer.set(id, { segment: s, net: c.net, contribution, satisfaction });
  }
  for (const [s, a] of acc) {
    out[s] = {
      customers: a.n,
      revenuePerCustomer: a.net / a.n,
      minutesPerCustomer: a.minutes / a.n,
      returnRate: a.returns / Math.max(1, a.orders),
      lossShare: a.loss / Math.max(1, a.buyers),
      satisfaction: a.sat.reduce((x, y) => x + y, 0) / Math.max(1, a.sat.length),
      linesPerOrder: a.lines / Math.max(1, a.orders),
      revenuePerOrder: a.net / Math.max(1, a.orders),
    };
  }
  return { segments: out, customers: perCustomer };
}
