import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
const [db, exp] = process.argv.slice(2);
const e = JSON.parse(readFileSync(exp, 'utf8'));
const inst = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' }); const c = await inst.connect();
const r = await c.runAndReadAll(`SELECT customer_id, CAST(net_sales AS VARCHAR) n FROM customer_pnl`);
const cents = (s) => { const [i, f=''] = s.split('.'); const neg = i.startsWith('-'); const v = BigInt(i.replace('-',''))*100n + BigInt((f+'00').slice(0,2)); return neg?-v:v; };
let same = 0, diff = 0, missing = 0, delta = 0n; const got = new Map(r.getRowObjects().map(o => [String(o.customer_id), cents(String(o.n))]));
for (const [k, v] of Object.entries(e.netByCustomer)) { const g = got.get(k); if (g === undefined) { missing++; continue; } if (g === BigInt(v)) same++; else { diff++; delta += BigInt(v) - g; } }
const want = Object.values(e.netByCustomer).reduce((a, v) => a + BigInt(v), 0n);
console.log({ customers: got.size, same, diff, missing, deltaCents: delta.toString(), wantTotal: want.toString(), extra: [...got.keys()].filter(k => !(k in e.netByCustomer)).length });
