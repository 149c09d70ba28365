/**
 * The demo's `worth.yaml`, written as commented text: the company, period, cost of capital,
 * and one source per canonical table with its file format. The files hold canonical
 * columns, so no column mapping is needed.
 */
import type { CsvFormat } from './csvFormat.ts';
import { DEMO_TABLES } from './columns.ts';
import { costModelYaml, type TimeActivity } from './costModelYaml.ts';
import type { DemoOptions } from './options.ts';

/** The demo company's name. */
export const DEMO_COMPANY = 'Van Dijk Groothandel B.V.';
/** Marks a worth.yaml as written by `worth demo` (such a file may be overwritten). */
export const DEMO_MARKER = 'written by `worth demo`';
/** Cost of capital declared for the demo company (yearly). */
export const DEMO_COST_OF_CAPITAL = '0.08';

/** The text of worth.yaml for a demo written with these options and format. */
export function workspaceYaml(o: DemoOptions, f: CsvFormat, minutes?: Record<TimeActivity, number>): string {
  const start = `${o.lastYear - o.years + 1}-01-01`;
  const end = `${o.lastYear}-12-31`;
  const format = `{ delimiter: "${f.delimiter}", decimal: "${f.decimal}", date_format: "${f.datePattern}", encoding: utf-8, header: true }`;
  const lines = [
    `# Worth workspace: ${DEMO_COMPANY}`,
    `# A demo company ${DEMO_MARKER}: a Dutch wholesaler with a web shop.`,
    `# Regenerate: worth demo DIR --customers ${o.customers} --years ${o.years} --seed ${o.seed} --format ${o.format}`,
    `company: ${DEMO_COMPANY}`,
    'currency: EUR',
    `period: { start: ${start}, end: ${end} }   # the analysis period`,
    `cost_of_capital: ${DEMO_COST_OF_CAPITAL}                             # yearly, for discounting and cost of credit`,
    'unattributed: reject                              # lines without a customer: load | reject',
    'sources:',
  ];
  for (const t of DEMO_TABLES) {
    lines.push(`  ${t}:`, `    file: data/${t}.csv`, `    format: ${format}`);
  }
  lines.push(...costModelYaml(o, minutes));
  return `${lines.join('\n')}\n`;
}
