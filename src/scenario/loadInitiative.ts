/**
 * Reads an initiative YAML file: parsed and validated the way worth.yaml is (the workspace's
 * parseYaml and validateSection), so errors name the file, the setting's path and its line.
 */
import path from 'node:path';
import { WorthError } from '../core/index.ts';
import { parseYaml, readYamlFile, validateSection } from '../workspace/index.ts';
import { initiativeSchema, type Initiative } from './schema.ts';

/** Parses initiative YAML text; `fileName` is used in messages. */
export function parseInitiative(text: string, fileName: string): Initiative {
  const { value, lineOf } = parseYaml(text, fileName);
  if (value === null || value === undefined) {
    throw new WorthError(
      'config',
      { file: fileName, line: 1 },
      undefined,
      'an initiative (name, targets, costs, effects)',
      'is empty (expected an initiative: name, targets, costs, effects)',
    );
  }
  return validateSection(initiativeSchema, value, [], fileName, lineOf);
}

/** Reads and parses an initiative file. */
export function loadInitiative(file: string): Initiative {
  let text: string;
  try {
    text = readYamlFile(file);
  } catch {
    throw new WorthError(
      'file_missing',
      { file },
      undefined,
      'a readable initiative YAML file',
      'cannot be read (expected an initiative YAML file)',
    );
  }
  return parseInitiative(text, path.basename(file));
}
