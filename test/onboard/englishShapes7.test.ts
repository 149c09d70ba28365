/**
 * Issue 11, seventh round: English exports a stranger brings, each several messes at once
 * (test/fixtures/englishShapes7.ts), from `worth init --from` to `worth report` with no hand
 * edit (englishRun.ts checks the rejects line by line and gross, discounts, returns and net per
 * customer against the generator's cents); an export whose column names init cannot read is
 * told so in the user's language with examples in it; Excel serial dates are refused in one
 * paragraph that says what to do.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  companyContacts,
  reportStyle,
  ukWholesale,
  usLedgerGz,
  utf16Shop,
  xlsxRegister,
} from '../fixtures/englishShapes7.ts';
import { queryDb } from '../ingest/helpers.ts';
import { fourCommands } from './englishRun.ts';
import { worth } from './worthCli.ts';

describe('English exports, seventh round: init --from to report, no hand edit', () => {
  it('UK wholesale: leading zeros, CRN printed positive, £1,234.56, a trailing empty column, a line break in a quote', async () => {
    const x = ukWholesale(7);
    expect(x.creditLines).toBeGreaterThan(0);
    const { yaml, dir } = await fourCommands(x);
    expect(yaml).toContain('customer_id: col("Account No")');
    expect(yaml).toContain(`when: Qty < 0 or Type = 'CRN'`);
    const ids = await queryDb(dir, 'SELECT DISTINCT customer_id FROM customers ORDER BY 1');
    expect(ids.map((r) => r.customer_id)).toEqual(['00078', '00123', '00456', '00991', '01002', '10450']);
  }, 600_000);

  it('Excel "Unicode text": UTF-16, tabs, capitals, Dec 31, 2025, e-mails in other case and spaces, ($12.50), #N/A, 1.2k', async () => {
    const x = utf16Shop(7);
    expect(x.unattributedLines).toBeGreaterThan(0);
    const { yaml, init } = await fourCommands(x);
    expect(yaml).toContain('date_format: "mmm dd, yyyy"');
    expect(yaml).toContain('customer_id: lower(trim(EMAIL))');
    expect(init).toMatch(/EMAIL is written \d+ ways for 5 addresses/);
  }, 600_000);

  it('report style: title rows, Total for ..., page breaks repeating the header, a grand total, a footer, 25.00 CR', async () => {
    const x = reportStyle(7);
    const { yaml, init } = await fourCommands(x);
    expect(yaml).toContain('skip_lines: 4, footer_lines: 1');
    expect(yaml).toContain('date_format: dd-mmm-yy');
    expect(init).toMatch(/1 line \(0\.00 net\) left out by your rule `footer_lines: 1`/);
  }, 600_000);

  it('XLSX register: a title row, capitals, AMOUNT twice, numbers as numbers', async () => {
    const x = await xlsxRegister(7);
    const { yaml } = await fourCommands(x);
    expect(yaml).toContain('skip_lines: 2');
  }, 600_000);

  it('B2B shop: a company and its contacts, no customer id: the company is the customer', async () => {
    const x = companyContacts(7);
    const { yaml, init } = await fourCommands(x);
    expect(yaml).toContain('customer_id: Company');
    expect(init).toMatch(/Company names the company each Email orders for \(4 companies for 7 Email values/);
  }, 600_000);

  it('US ledger, gzipped: 000457, 1,234.56 USD, credit memos (1,234.56 USD) printed positive in quantity, #VALUE!', async () => {
    const x = usLedgerGz(7);
    const { yaml, dir } = await fourCommands(x);
    expect(yaml).toContain('order_date: col("Doc Date")');
    // The code beside the amounts names the currency (it was a guess from the date layout).
    expect(yaml).toMatch(/currency: USD +# amounts are written with USD \(\d+ lines\)/);
    const ids = await queryDb(dir, 'SELECT DISTINCT customer_id FROM customers ORDER BY 1');
    expect(ids.map((r) => r.customer_id)).toContain('000457');
  }, 600_000);
});

describe('init refusals in the user language', () => {
  const run = (name: string, text: string) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-en7-'));
    const file = path.join(root, name);
    writeFileSync(file, text);
    return worth(['init', path.join(root, 'ws'), '--from', file]);
  };

  it('an English export with no column init knows: English words and English examples, no Dutch column names', () => {
    const r = run('export.csv', 'Key,Who,When,Value\nA1,Bob,2025-01-02,12.50\nA2,Ann,2025-01-03,7.00\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('has no column recognised as order id, customer id');
    expect(r.stderr).toContain('`order_id: Reference`, `customer_id: Account`, `gross_amount: Value`');
    expect(r.stderr).not.toMatch(/Boekstuk|Relatie/);
    expect(r.stderr).not.toMatch(/ {4}at |Error:/);
  });

  it('an XLSX whose dates are Excel day numbers: one paragraph naming the column, a value, its date and what to do; nothing written', async () => {
    const x = await xlsxRegister(7, true);
    const root = mkdtempSync(path.join(os.tmpdir(), 'worth-en7-'));
    const file = path.join(root, x.name);
    writeFileSync(file, x.bytes);
    const r = worth(['init', path.join(root, 'ws'), '--from', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /column DATE: DATE holds whole numbers such as (\d+), not dates: .*\(\1 is 2025-\d\d-\d\d\).*Format Cells > Date/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(path.join(root, 'ws', 'worth.yaml'))).toBe(false);
  });

  it('an export written the Dutch way (; and decimal comma) with no column init knows: said in Dutch', () => {
    // `Ref` is a fallback name for the order (Sage): it does not say the language, the habits do.
    const r = run('export.csv', 'Ref;Wie;Wanneer;Waarde\nA1;Bob;02-01-2025;12,50\nA2;Ann;03-01-2025;7,00\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('heeft geen kolom herkend als klant');
    expect(r.stderr).toContain('`order_id: Boekstuk`');
  });
});
