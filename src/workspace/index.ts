/** The workspace: `worth.yaml` parsed once into typed settings, and the `worth init` template. */
export {
  loadWorkspace,
  configuredLanguage,
  parseWorkspace,
  parseYaml,
  readYamlFile,
  validateSection,
  issueExpectation,
  CONFIG_FILE,
  MAX_YAML_ALIASES,
  type Workspace,
  type YamlText,
} from './load.ts';
export { ISO_DATE, isoAlso, strptimeFormats, twoDigitYearFormats } from './dateFormat.ts';
export { writeTemplate, TEMPLATE } from './template.ts';
export type {
  WorkspaceConfig,
  SourceConfig,
  SourceFormat,
  SplitConfig,
  CogsConfig,
  LookupConfig,
} from './schema.ts';
export {
  DEFAULT_LANGUAGE,
  DEFAULT_MISSING_VALUES,
  HOLD_PAGES,
  ENGINE_KINDS,
  engineSchemaOf,
  type HoldPages,
  type EngineConfig,
} from './schema.ts';
export { starterCapacity, starterCostModel, type StarterVolumes } from './starterCostModel.ts';
