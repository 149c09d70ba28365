/** Ready-made initiative templates shipped with Worth (copied into a demo workspace's `scenarios/`). */
import { fileURLToPath } from 'node:url';

/** Folder of the template YAML files (src/scenario/templates). */
export const TEMPLATES_DIR = fileURLToPath(new URL('./templates/', import.meta.url));
