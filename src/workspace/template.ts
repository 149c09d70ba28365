import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WorthError } from '../core/index.ts';
import { CONFIG_FILE } from './load.ts';
import { starterCostModel } from './starterCostModel.ts';

/**
 * The commented `worth.yaml` that `worth init` writes. It runs as written on files shaped
 * like its comments (a test checks that); with an export at hand, `worth init DIR --from FILE`
 * writes one made for it.
 */
export const TEMPLATE = `# Worth workspace. Every setting is explained; delete what you do not need.
# Money is read exactly (no rounding beyond cents). Run \`worth ingest\` after editing.
# Have an export of order lines? \`worth init DIR --from export.csv\` writes this file for it.

company: My Company B.V.          # your company's name: shown on the report and the dashboard (leave it out to show none)
currency: EUR                     # ISO code; amounts are in this currency
language: nl                      # nl or en: reports and dashboard
period:                           # the analysis period (yyyy-mm-dd)
  start: 2025-01-01
  end: 2025-12-31
cost_of_capital: 0.08             # yearly, for discounting and cost of credit (0.08 = 8%)
unattributed: reject              # lines without a customer: load (as unattributed) or reject
missing_values: ["", "NA", "N/A", "NULL", "#N/A", "-"]   # values that mean "no value", in any column

# One source per canonical table. Required: order_lines. Without a customers file, leave
# customers out: they are derived from the order lines (or \`customers: { from: order_lines }\`).
# format: how the file is written. Dutch exports: delimiter ";", decimal ",", date_format dd-mm-yyyy.
# columns: canonical column -> your column name, or a formula over your columns.
# data/customers.csv:   Klantnummer;Naam;Segment
# data/order_lines.csv: Factuurnummer;Klantnummer;Datum;Aantal;Prijs   (e.g. F1001;K001;15-01-2025;3;12,50)
sources:
  customers:
    file: data/customers.csv      # CSV, CSV.gz, Parquet or XLSX
    format: { delimiter: ";", decimal: ",", date_format: dd-mm-yyyy, encoding: utf-8, header: true }
    columns:
      customer_id: Klantnummer
      name: Naam
      segment: Segment
  order_lines:
    file: data/order_lines.csv    # one export per month: data/verkoop-*.csv, or a list [a.csv, b.csv]
    format: { delimiter: ";", decimal: ",", date_format: dd-mm-yyyy }
    columns:
      order_id: Factuurnummer
      customer_id: Klantnummer
      order_date: Datum
      quantity: Aantal
      gross_amount: Aantal * Prijs   # a formula: list price x quantity
    # Credit lines in the same export become returns:
    # split:
    #   when: Aantal < 0
    #   to: returns
    #   columns: { order_id: Factuurnummer, customer_id: Klantnummer, return_date: Datum, credited_amount: -(Aantal * Prijs) }   # return_id: the line in the file

# Where the export has no cost of goods: a product cost table, or an assumed margin per group.
# Every figure built on an estimate is marked as estimated.
cogs:
  default_margin: 0.25            # assumed gross margin (25%) where no cost of goods is known
#   product_costs: { file: data/kostprijzen.csv, product_id: Artikel, unit_cost: Kostprijs }
#   margin_rates: { Dranken: 0.30, Vers: 0.22 }

${starterCostModel()}`;

/** Writes the template to `DIR/worth.yaml`; refuses to overwrite an existing one. */
export function writeTemplate(dir: string): string {
  const file = path.join(path.resolve(dir), CONFIG_FILE);
  if (existsSync(file)) {
    throw new WorthError('workspace', { file }, undefined, 'no existing worth.yaml', undefined, {
      key: 'configExists',
    });
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, TEMPLATE);
  return file;
}
