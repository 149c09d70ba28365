/**
 * Exports with a status column load on the first try: `worth init --from`, `worth ingest`,
 * `worth analyze`, each a real child process, no hand edit of worth.yaml. Cancelled lines are
 * left out by the written `exclude_when` rule (printed with their count and money, shown by the
 * data-quality API, never rejects), refunded orders come back as returns, credit lines of a
 * cancelled invoice are left out too. Expected figures are added up here from the generated
 * lines in BigInt cents.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.ts';
import { queryDb } from '../ingest/helpers.ts';
import { erpExport, wooExport, writeExport, type StatusExport } from '../fixtures/statusExports.ts';
import { cents, worth } from './worthCli.ts';

const text = (c: bigint) => {
  const a = c < 0n ? -c : c;
  return `${c < 0n ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
};
/** As the CLI prints money: en 1,234.56; nl 1.234,56. */
const shown = (c: bigint, lang: 'en' | 'nl') => {
  const t = text(c).replace(/\B(?=(\d{3})+\.)/g, ',');
  return lang === 'en' ? t : t.replace(/[.,]/g, (m) => (m === '.' ? ',' : '.'));
};

/** Per customer: sales, returns and net of the lines that load; the cancelled lines' count and money. */
function expected(x: StatusExport) {
  const per = new Map<string, { gross: bigint; returns: bigint }>();
  let cancelledLines = 0;
  let cancelledNet = 0n;
  let cancelledCreditLines = 0;
  let cancelledCredited = 0n;
  for (const l of x.lines) {
    const net = BigInt(l.netCents);
    if (l.kind === 'cancelled') {
      if (l.quantity < 0) {
        cancelledCreditLines++;
        cancelledCredited -= net;
      } else {
        cancelledLines++;
        cancelledNet += net;
      }
      continue;
    }
    const p = per.get(l.customer) ?? { gross: 0n, returns: 0n };
    per.set(l.customer, p);
    if (l.quantity < 0) p.returns -= net;
    else p.gross += net;
    // A refunded order: the sale stays, each line comes back.
    if (l.kind === 'refunded') p.returns += net;
  }
  return { per, cancelledLines, cancelledNet, cancelledCreditLines, cancelledCredited };
}

async function run(x: StatusExport, name: string, lang: 'en' | 'nl') {
  const root = mkdtempSync(path.join(os.tmpdir(), 'worth-status-'));
  const file = path.join(root, name);
  writeExport(file, x);
  const dir = path.join(root, 'ws');
  const want = expected(x);
  expect(want.cancelledLines).toBeGreaterThan(0);

  const init = worth(['init', dir, '--from', file]);
  expect(init.status, init.stderr).toBe(0);
  const yaml = readFileSync(path.join(dir, 'worth.yaml'), 'utf8');
  expect(yaml).toMatch(/^ {4}exclude_when: in_list\(lower\(trim\(/m);
  // The preview shows what the rule leaves out, with the money.
  const words =
    lang === 'en'
      ? `${want.cancelledLines} lines (${shown(want.cancelledNet, 'en')} net) left out by your rule`
      : `${want.cancelledLines} regels (${shown(want.cancelledNet, 'nl')} netto) weggelaten door uw regel`;
  expect(init.stdout).toContain(`order_lines (data/${name}): ${words}`);

  const ingest = worth(['ingest', dir]);
  expect(ingest.status, ingest.stderr).toBe(0);
  expect(ingest.stdout).toContain(`order_lines (data/${name}): ${words}`);
  const read = await queryDb(
    dir,
    "SELECT rows_rejected FROM reconciliation WHERE table_name = 'order_lines'",
  );
  // Far more than the 1% reject budget is left out, and nothing is rejected.
  expect(want.cancelledLines / x.lines.length).toBeGreaterThan(0.01);
  expect(Number(read[0]!.rows_rejected)).toBe(0);

  const analyze = worth(['analyze', dir, '--json']);
  expect(analyze.status, analyze.stderr).toBe(0);
  const pnl = await queryDb(
    dir,
    'SELECT customer_id, CAST(gross_sales AS VARCHAR) AS g, CAST(discounts AS VARCHAR) AS d, CAST(returns AS VARCHAR) AS r, CAST(net_sales AS VARCHAR) AS n FROM customer_pnl',
  );
  expect(pnl.length).toBe(want.per.size);
  for (const row of pnl) {
    // The customer is the export's id or its e-mail (k<id>@example.test), whichever init took.
    const w = want.per.get(String(row.customer_id).replace(/^k(\d+)@example\.test$/, '$1'));
    expect(w, String(row.customer_id)).toBeDefined();
    expect([cents(row.g), cents(row.d), cents(row.r), cents(row.n)], String(row.customer_id)).toEqual([
      w!.gross,
      0n,
      w!.returns,
      w!.gross - w!.returns,
    ]);
  }

  // The data-quality API says what the rule left out.
  const server = await startServer(dir, { port: 0 });
  try {
    const res = await fetch(new URL('/api/data-quality', server.url));
    expect(res.status).toBe(200);
    const q = (await res.json()) as { excluded: { table: string; lines: number; amount: string }[] };
    const lines = q.excluded.find((e) => e.table === 'order_lines')!;
    expect([lines.lines, cents(lines.amount)]).toEqual([want.cancelledLines, want.cancelledNet]);
    const credits = q.excluded.find((e) => e.table === 'returns' && e.lines > 0 && want.cancelledCreditLines);
    if (want.cancelledCreditLines)
      expect([credits?.lines, cents(credits?.amount)]).toEqual([
        want.cancelledCreditLines,
        want.cancelledCredited,
      ]);
  } finally {
    await server.close();
  }
  return { dir, yaml };
}

describe('an export with a status column: init --from, ingest, analyze with no hand edit', () => {
  it('WooCommerce (English): cancelled and failed orders left out, refunded orders returned line by line', async () => {
    const { dir, yaml } = await run(wooExport(31, 'en'), 'orders-woo.csv', 'en');
    expect(yaml).toContain("'cancelled'");
    expect(yaml).toContain("'failed'");
    // A rule naming a column the export lacks: one paragraph naming worth.yaml's line, the load in place kept.
    const broken = yaml.replace(/^( {4}exclude_when: .*?)col\("Order Status"\)/m, '$1col("Order Statuz")');
    expect(broken).not.toBe(yaml);
    writeFileSync(path.join(dir, 'worth.yaml'), broken);
    const line = broken.split('\n').findIndex((l) => l.includes('Order Statuz')) + 1;
    const r = worth(['ingest', dir]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`worth.yaml line ${line}, sources.order_lines.exclude_when`);
    expect(r.stderr).toContain('"Order Statuz"');
    expect(r.stderr).not.toMatch(/\n\s+at |SELECT|undefined|NaN/);
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('reading')).length,
    ).toBe(1);
  }, 600_000);

  it('WooCommerce in Dutch (Bestelstatus Geannuleerd, Mislukt, Terugbetaald; ";" and decimal comma)', async () => {
    await run(wooExport(32, 'nl'), 'bestellingen.csv', 'nl');
  }, 600_000);

  it('a Dutch ERP export (Status Vervallen/Geannuleerd, credit lines; a cancelled invoice credits nothing)', async () => {
    const x = erpExport(33);
    expect(x.lines.some((l) => l.kind === 'cancelled' && l.quantity < 0)).toBe(true);
    await run(x, 'verkoopregels.csv', 'nl');
  }, 600_000);
});
