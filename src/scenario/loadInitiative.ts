/**
 * Reads an initiative YAML file: parsed with `yaml`, validated with zod through the
 * workspace's validateSection, so errors name the file, the setting's path and its line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import { WorthError } from '../core/index.ts';
import { validateSection } from '../workspace/index.ts';
import { initiativeSchema, type Initiative } from './schema.ts';

function lineOfPath(doc: Document, lc: LineCounter, p: (string | number)[]): number | undefined {
  for (let n = p.length; n > 0; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(p.slice(0, n - 1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((it) => isScalar(it.key) && String(it.key.value) === String(p[n - 1]));
      if (pair && isNode(pair.key) && pair.key.range) return lc.linePos(pair.key.range[0]).line;
    }
  }
  return isNode(doc.contents) && doc.contents.range ? lc.linePos(doc.contents.range[0]).line : undefined;
}

/** Parses initiative YAML text; `fileName` is used in messages. */
export function parseInitiative(text: string, fileName: string): Initiative {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) throw new WorthError('config_yaml', { file: fileName, line: first.linePos?.[0].line }, undefined, 'valid YAML', first.message);
  return validateSection(initiativeSchema, doc.toJS(), [], fileName, (p) => lineOfPath(doc, lineCounter, p));
}

/** Reads and parses an initiative file. */
export function loadInitiative(file: string): Initiative {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new WorthError('file_missing', { file }, undefined, 'a readable initiative YAML file', 'cannot be read (expected an initiative YAML file)');
  }
  return parseInitiative(text, path.basename(file));
}
