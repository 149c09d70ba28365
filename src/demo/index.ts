/**
 * The demo company: a plausible Dutch wholesaler with a web shop, written as a complete
 * workspace (worth.yaml and one CSV per canonical table), deterministic for a seed.
 */
export {
  writeDemoWorkspace,
  demoTotals,
  type DemoSummary,
  type WriteDemoSettings,
} from './writeDemoWorkspace.ts';
export { demoOptions, DEMO_DEFAULTS, type DemoOptions } from './options.ts';
export { DEMO_TABLES, DEMO_COLUMNS, DEMO_MONEY_COLUMNS, type DemoTable } from './columns.ts';
export type { DemoFormat } from './csvFormat.ts';
export type { DemoTotals, TableTotals } from './totals.ts';
export { DEMO_COMPANY, DEMO_COST_OF_CAPITAL } from './workspaceYaml.ts';
export { SEGMENTS, ORDER_CHANNELS, CONTACT_CHANNELS, REGIONS } from './segments.ts';
export { PRODUCT_GROUPS } from './catalog.ts';
