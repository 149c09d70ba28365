/** The workspace: `worth.yaml` parsed once into typed settings, and the `worth init` template. */
export { loadWorkspace, parseWorkspace, validateSection, CONFIG_FILE, type Workspace } from './load.ts';
export { strptimeFormats } from './dateFormat.ts';
export { writeTemplate, TEMPLATE } from './template.ts';
export type { WorkspaceConfig, SourceConfig, SourceFormat, SplitConfig, CogsConfig } from './schema.ts';
