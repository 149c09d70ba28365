/**
 * A hand-built workspace small enough to work every figure out by hand (see the comments in
 * costing.test.ts and pnl.test.ts), and helpers to ingest and analyze it with a real DuckDB.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_FILE, ingestWorkspace } from '../../src/ingest/index.ts';
import { loadCostModel } from '../../src/costing/index.ts';
import { analyze, type AnalysisResult } from '../../src/profit/index.ts';
import { DuckDBEngine, type Row } from '../../src/warehouse/index.ts';
import { loadWorkspace } from '../../src/workspace/index.ts';

/** The data files of the hand-built company (three customers, three orders). */
export const FILES: Record<string, string> = {
  'data/customers.csv':
    'customer_id,name,segment,channel,region\nC1,Alpha,Retail,web shop,Noord\nC2,Beta,Retail,phone,Zuid\nC3,Gamma,Key accounts,EDI,Zuid\n',
  'data/order_lines.csv': [
    'order_id,line_no,customer_id,order_date,product_group,quantity,gross_amount,discount_amount,cogs_amount,channel',
    'O1,1,C1,2024-01-10,A,2,100.00,10.00,50.00,web shop',
    'O1,2,C1,2024-01-10,B,1,50.00,0.00,20.00,web shop',
    'O2,1,C2,2024-02-01,A,1,40.00,0.00,30.00,phone',
    'O3,1,C3,2024-03-01,A,10,1000.00,100.00,500.00,EDI',
    'O3,2,C3,2024-03-01,B,5,500.00,50.00,250.00,EDI',
    'O3,3,C3,2024-03-01,B,5,500.00,50.00,250.00,EDI',
  ].join('\n'),
  'data/returns.csv':
    'return_id,order_id,customer_id,return_date,credited_amount,cogs_recovered,lines,reason\nR1,O1,C1,2024-01-20,30.00,15.00,1,damaged\n',
  'data/rebates.csv': 'customer_id,period_end,amount\nC3,2024-12-31,100.00\n',
  'data/shipments.csv':
    'shipment_id,order_id,customer_id,ship_date,freight_cost,weight_kg,express\nS1,O1,C1,2024-01-11,12.00,10,false\nS2,O2,C2,2024-02-02,20.00,5,true\nS3,O3,C3,2024-03-02,50.00,100,false\n',
  'data/service_contacts.csv':
    'contact_id,customer_id,contact_date,channel,minutes,reason\nK1,C2,2024-02-05,phone,10,late\nK2,C2,2024-02-06,phone,5,late\nK3,C1,2024-01-21,email,3,question\n',
  'data/invoices.csv':
    'invoice_id,customer_id,invoice_date,due_date,paid_date,amount\nI1,C1,2024-01-10,2024-02-09,2024-02-09,140.00\nI2,C2,2024-02-01,2024-03-02,2024-04-01,40.00\nI3,C3,2024-03-01,2024-03-31,,1800.00\n',
  'data/feedback.csv':
    'feedback_id,customer_id,feedback_date,kind,score,scale_max\nF1,C1,2024-05-01,nps,9,10\nF2,C2,2024-05-01,review,5,5\nF3,C3,2024-05-01,nps,5,10\n',
};

/** Margins assumed per product group, for {@link ESTIMATED_FILES}. */
export const ESTIMATED_COGS = 'cogs:\n  margin_rates: { B: 0.5 }\n  default_margin: 0.25\n';

// Order lines (gross - discount = invoice revenue; cost of goods at 1 - margin):
//   O1/1 C1 A  100.00 - 10.00 =  90.00 x 0.75 =  67.50
//   O1/2 C1 B   50.00         =  50.00 x 0.50 =  25.00
//   O2/1 C2 A   40.00, its own cost of goods    30.00 (not estimated)
//   O3/1 C3 A 1000.00 - 100   = 900.00 x 0.75 = 675.00
//   O3/2 C3 B  500.00 - 50    = 450.00 x 0.50 = 225.00
//   O3/3 C3 B  500.00 - 50    = 450.00 x 0.50 = 225.00
// Returns, without a cost of goods recovered:
//   R1 C1 on O1, credited 30.00: O1's rate (67.50 + 25.00) / (90 + 50) = 92.50 / 140;
//      30.00 x 92.50 / 140 = 19.821... -> 19.82
//   R2 C3 without an order, credited 100.00: C3's rate 1,125.00 / 1,800.00 = 0.625 -> 62.50
/** The hand-built company with cost of goods left out (except C2's order), returns without cost of goods recovered. */
export const ESTIMATED_FILES: Record<string, string> = {
  'data/order_lines.csv': [
    'order_id,line_no,customer_id,order_date,product_group,quantity,gross_amount,discount_amount,cogs_amount,channel',
    'O1,1,C1,2024-01-10,A,2,100.00,10.00,,web shop',
    'O1,2,C1,2024-01-10,B,1,50.00,0.00,,web shop',
    'O2,1,C2,2024-02-01,A,1,40.00,0.00,30.00,phone',
    'O3,1,C3,2024-03-01,A,10,1000.00,100.00,,EDI',
    'O3,2,C3,2024-03-01,B,5,500.00,50.00,,EDI',
    'O3,3,C3,2024-03-01,B,5,500.00,50.00,,EDI',
  ].join('\n'),
  'data/returns.csv':
    'return_id,order_id,customer_id,return_date,credited_amount,lines,reason\nR1,O1,C1,2024-01-20,30.00,1,damaged\nR2,,C3,2024-04-01,100.00,1,wrong size\n',
};

/** The cost model of the hand-built company (figures worked out in the tests). */
export const COST_MODEL = `cost_model:
  activities:
    - id: order_handling
      kind: time
      behaviour: capacity
      driver: orders
      pool: 300.00
      capacity_minutes: 100
      minutes: 2 + 1 * lines
    - id: picking
      kind: time
      behaviour: capacity
      driver: order_lines
      pool: 100
      capacity_minutes: 30
      minutes: 0.5 * quantity
    - id: delivery
      kind: time
      behaviour: variable
      driver: shipments
      pool: 60
      capacity_minutes: 20
      minutes: 2 + if(express, 5, 0)
      direct_cost: freight_cost
    - id: phone
      kind: time
      behaviour: capacity
      driver: service_contacts
      when: channel = 'phone'
      pool: 50
      capacity_minutes: 10
      minutes: minutes + 1
    - id: account_management
      kind: fixed
      behaviour: fixed
      per_customer_per_year: 300
      customers: segment = 'Key accounts'
    - id: credit
      kind: credit
      behaviour: variable
`;

const TABLES = [
  'customers',
  'order_lines',
  'returns',
  'rebates',
  'shipments',
  'service_contacts',
  'invoices',
  'feedback',
];

/** worth.yaml for the hand-built company with the given cost model text (and extra settings). */
export function yaml(costModel = COST_MODEL, extra = ''): string {
  const sources = TABLES.map((t) => `  ${t}:\n    file: data/${t}.csv`).join('\n');
  return `company: Test B.V.\nperiod: { start: 2024-01-01, end: 2024-12-31 }\n${extra}sources:\n${sources}\n${costModel}`;
}

/** Writes a workspace with the given files and returns its folder. */
export function writeWorkspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-profit-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Writes, ingests and returns the hand-built workspace (optionally with other files or yaml). */
export async function ingested(overrides: Record<string, string> = {}): Promise<string> {
  const dir = writeWorkspace({ 'worth.yaml': yaml(), ...FILES, ...overrides });
  await ingestWorkspace(loadWorkspace(dir));
  return dir;
}

/** Runs `analyze` on an ingested workspace. */
export async function runAnalyze(dir: string): Promise<AnalysisResult> {
  const ws = loadWorkspace(dir);
  const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
  try {
    return await analyze(engine, loadCostModel(ws, engine.dialect));
  } finally {
    await engine.close();
  }
}

/** Queries the workspace database. */
export async function query(dir: string, sql: string): Promise<Row[]> {
  const engine = await DuckDBEngine.open(path.join(dir, DATABASE_FILE));
  try {
    return await engine.query(sql);
  } finally {
    await engine.close();
  }
}
