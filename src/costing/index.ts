/**
 * Costing: time-driven activity-based costing. The `cost_model` section of worth.yaml is
 * validated and its time equations compiled to SQL; each activity's pool is charged to
 * customers at the capacity cost rate, exact to the cent, with unused capacity its own line.
 */
export {
  loadCostModel,
  costRowsOf,
  driverTableOf,
  type CostModel,
  type CompiledActivity,
  type EventActivity,
  type FixedActivity,
  type CreditActivity,
} from './costModel.ts';
export {
  costActivities,
  costColumn,
  COSTING_TABLES,
  type ActivityResult,
  type CostingResult,
  type CostingOptions,
} from './costActivities.ts';
export type { MoneySums } from './measure.ts';
export { ACTIVITY_USAGE_TABLE } from './activityUsage.ts';
export {
  costModelSchema,
  activitySchema,
  BEHAVIOURS,
  DRIVER_TABLES,
  type ActivityConfig,
  type CostModelConfig,
  type Behaviour,
  type DriverTable,
} from './schema.ts';
export { DRIVERS, helperSql, type DriverDef, type DriverColumn } from './drivers.ts';
export { createTableAs, createWorkTable, dropTables, joinOnCustomer, type CustomerPart } from './sql.ts';
