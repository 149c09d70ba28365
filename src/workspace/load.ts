import { readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isNode, isScalar, visit, type Document } from 'yaml';
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { WorthError, WorthErrors } from '../core/index.ts';
import { LANGS, settingExpectation, type ErrorText, type ErrorWord, type Lang } from '../words/index.ts';
import { workspaceSchema, type WorkspaceConfig } from './schema.ts';
import {
  DEFAULT_ENGINE,
  ENGINES,
  findEngine,
  runsCommand,
  type WorkspaceCommand,
} from '../warehouse/index.ts';

/** The name of a workspace's configuration file. */
export const CONFIG_FILE = 'worth.yaml';

/** A loaded workspace: its folder, its parsed configuration, and the YAML for locating later problems. */
export interface Workspace {
  /** Absolute path of the workspace folder. */
  dir: string;
  /** Absolute path of `worth.yaml`. */
  configFile: string;
  /** The parsed, fully defaulted configuration. */
  config: WorkspaceConfig;
  /** The raw YAML value (for sections that later stages validate with their own schema). */
  raw: Record<string, unknown>;
  /** Finds the line of a config path, for messages about sections validated elsewhere. */
  lineOf(pathParts: (string | number)[]): number | undefined;
}

/**
 * Reads and validates `DIR/worth.yaml`; every mistake is reported with its path and line.
 * `command` is the `worth` command that will run on the workspace's engine (undefined: any
 * other reader, which needs an engine every command runs on).
 */
export function loadWorkspace(dir: string, command?: WorkspaceCommand): Workspace {
  const abs = path.resolve(dir);
  const configFile = path.join(abs, CONFIG_FILE);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new WorthError('workspace', { file: abs }, undefined, 'a workspace folder', undefined, {
      key: 'notAFolder',
    });
  }
  if (!existsSync(configFile)) {
    throw new WorthError('workspace', { file: configFile }, undefined, CONFIG_FILE, undefined, {
      key: 'configNotFound',
      vars: { dir },
    });
  }
  const ws = parseWorkspace(readYamlFile(configFile), abs, configFile);
  // An engine that exists (openEngine) but that this command does not run on yet (its
  // descriptor's `runsCommands`) is said so, never replaced by DuckDB unasked (issue 16).
  const kind = ws.config.engine?.kind;
  const descriptor = kind === undefined ? undefined : findEngine(ENGINES, kind);
  if (kind !== undefined && (!descriptor || !runsCommand(descriptor, command))) {
    const runs = descriptor?.runsCommands === true ? [] : (descriptor?.runsCommands ?? []);
    throw new WorthError(
      'config',
      { file: CONFIG_FILE, line: ws.lineOf(['engine', 'kind']), path: 'engine.kind' },
      kind,
      DEFAULT_ENGINE,
      undefined,
      runs.length
        ? { key: 'engineCommandNotYet', vars: { kind, runs: runs.map((c) => `worth ${c}`).join(', ') } }
        : { key: 'engineNotYet', vars: { kind } },
    );
  }
  return ws;
}

/**
 * The language `DIR/worth.yaml` asks for (its `language`, else the schema's default), read
 * leniently so that even a worth.yaml with mistakes can have them said in its language;
 * undefined when there is no readable worth.yaml (then nobody can know the language).
 */
export function configuredLanguage(dir: string): Lang | undefined {
  try {
    const text = readYamlFile(path.join(dir, CONFIG_FILE));
    const doc = parseDocument(text);
    if (doc.errors.length) {
      // Not YAML (a tab, a quote left open): a top-level `language:` line still says the language.
      const line = /^language:[ \t]*["']?([a-z]+)["']?[ \t]*(?:#.*)?$/m.exec(text)?.[1];
      return (LANGS as readonly unknown[]).includes(line) ? (line as Lang) : undefined;
    }
    const raw: unknown = doc.toJS({ maxAliasCount: 0 });
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
    const lang = (raw as Record<string, unknown>).language;
    if (lang === undefined) return workspaceSchema.shape.language.parse(undefined);
    return (LANGS as readonly unknown[]).includes(lang) ? (lang as Lang) : undefined;
  } catch {
    // Unreadable, or aliases: the language stays unknown.
    return undefined;
  }
}

/**
 * The text of a YAML file as editors save it: UTF-8 (with or without a byte order mark), or
 * UTF-16 as Windows Notepad and Excel save "Unicode" text (told by its byte order mark, or by
 * the zero bytes of ASCII text in UTF-16 without one).
 */
export function readYamlFile(file: string): string {
  const bytes = readFileSync(file);
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (le || be) return new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
  if (bytes.length >= 4 && bytes.length % 2 === 0) {
    if (bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0)
      return new TextDecoder('utf-16le').decode(bytes);
    if (bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0)
      return new TextDecoder('utf-16be').decode(bytes);
  }
  return bytes.toString('utf8');
}

/** A YAML document read with its lines: the value, and the line of the key at a settings path. */
export interface YamlText {
  value: unknown;
  lineOf: (p: (string | number)[]) => number | undefined;
}

/**
 * Parses YAML text (worth.yaml, an initiative file): syntax errors become WorthErrors with
 * the file and line; duplicate keys are errors. `fileName` is shown in messages.
 */
export function parseYaml(text: string, fileName: string): YamlText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    // Only the first: after one mistake the parser misreads what follows (a tab at the start of
    // one line gave a screenful of errors about every line below it).
    const first = doc.errors[0]!;
    const line = first.linePos?.[0]?.line;
    throw new WorthErrors(
      [
        first.code === 'TAB_AS_INDENT'
          ? new WorthError(
              'config_yaml',
              { file: fileName, line },
              undefined,
              'indentation with spaces',
              undefined,
              {
                key: 'yamlTabIndent',
              },
            )
          : new WorthError(
              'config_yaml',
              { file: fileName, line },
              undefined,
              'valid YAML',
              first.message.split('\n')[0]!,
            ),
      ],
      { key: 'yamlInvalid', vars: { file: fileName } },
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    // The yaml library refuses an alias expansion past the bound with a ReferenceError
    // ("billion laughs"); the user sees where the aliases start.
    if (!(e instanceof ReferenceError)) throw e;
    const line = firstAliasLine(doc, lineCounter);
    throw new WorthError(
      'config_yaml',
      { file: fileName, line },
      undefined,
      `at most ${MAX_YAML_ALIASES} alias expansions`,
      undefined,
      { key: 'settingAliases', vars: { max: { int: MAX_YAML_ALIASES } } },
    );
  }
  return { value, lineOf: (p) => lineOfPath(doc, lineCounter, p) };
}

/** Most alias expansions (`*name`, counted with what they contain) one YAML file may use: a guard against alias bombs. */
export const MAX_YAML_ALIASES = 100;

function firstAliasLine(doc: Document, lineCounter: LineCounter): number | undefined {
  let line: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (node.range) line = lineCounter.linePos(node.range[0]).line;
      return visit.BREAK;
    },
  });
  return line;
}

/** Parses the text of a `worth.yaml` (exported for tests). */
export function parseWorkspace(
  text: string,
  dir: string,
  configFile = path.join(dir, CONFIG_FILE),
): Workspace {
  const shown = path.basename(configFile);
  const { value, lineOf } = parseYaml(text, shown);
  const raw = (value ?? {}) as Record<string, unknown>;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new WorthError(
      'config',
      { file: shown, line: 1 },
      raw,
      'a mapping of settings (company, period, sources, ...)',
      undefined,
      { key: 'settingNotMapping', vars: { value: JSON.stringify(raw) } },
    );
  }
  const config = validateSection(workspaceSchema, raw, [], shown, lineOf);
  return { dir, configFile, config, raw, lineOf };
}

/**
 * Validates a value against a zod schema and turns every issue into a WorthError with the
 * config path and its line. Used for the whole file and by later stages for their sections.
 */
export function validateSection<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix: (string | number)[],
  fileName: string,
  lineOf: (p: (string | number)[]) => number | undefined,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => {
    const full = [...prefix, ...(issue.path as (string | number)[])];
    if (issue.code === 'unrecognized_keys') {
      // Named by the unknown key itself (not the whole section it sits in), with the keys known there.
      const known = knownKeysAt(schema, issue.path as (string | number)[]);
      const key = [...full, issue.keys[0]!];
      return new WorthError(
        'config',
        { file: fileName, line: lineOf(key), path: key.join('.') },
        issue.keys[0],
        issue.message,
        undefined,
        describeIssue(issue, known),
      );
    }
    const at = full.join('.') || '(top level)';
    const got = valueAt(value, issue.path as (string | number)[]);
    return new WorthError(
      'config',
      { file: fileName, line: lineOf(full), path: at },
      got,
      issue.message,
      undefined,
      {
        key: 'badSetting',
        vars: {
          value: got === undefined ? { key: 'settingMissing' } : JSON.stringify(got),
          expected: describeIssue(issue, []),
        },
      },
    );
  });
  throw new WorthErrors(errors, {
    key: errors.length > 1 ? 'configProblems' : 'configProblem',
    vars: { file: fileName, n: { int: errors.length } },
  });
}

/** zod's type names, as the catalogue says them. */
const TYPE_WORDS: Partial<Record<string, ErrorWord>> = {
  string: 'typeString',
  number: 'typeNumber',
  boolean: 'typeBoolean',
  object: 'typeObject',
  array: 'typeArray',
  int: 'typeInt',
};

/**
 * What a zod issue expected, as a catalogue sentence (said in the reader's language): the
 * schema's own expectation when it is a settings sentence, else zod's check in Worth's words.
 * `known` are the keys known at the issue's place (for an unknown key's did-you-mean). The
 * server's request parameters use it too.
 */
export function issueExpectation(issue: z.core.$ZodIssue, known: readonly string[] = []): ErrorText {
  return describeIssue(issue, [...known]);
}

function describeIssue(issue: z.core.$ZodIssue, known: string[]): ErrorText {
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((k): ErrorText => {
      const best = didYouMean(k, known);
      return {
        key: 'settingName',
        vars: {
          name: JSON.stringify(k),
          hint: best ? { key: 'didYouMean', vars: { key: JSON.stringify(best) } } : '',
        },
      };
    });
    return {
      key: issue.keys.length > 1 ? 'unknownSettings' : 'unknownSetting',
      vars: {
        names: { list: names },
        known: known.length ? { key: 'knownHere', vars: { keys: known.join(', ') } } : '',
      },
    };
  }
  // The schema's own expectations are the settings catalogue's English: said in the reader's language.
  const said = settingExpectation(issue.message);
  if (said) return said;
  // A schema's own message outside the catalogue says more than zod's generic one (cost model).
  if (issue.message.startsWith('expected'))
    return { key: 'expectedMessage', vars: { message: issue.message } };
  if (issue.code === 'invalid_value')
    return { key: 'expectedOneOf', vars: { values: issue.values.map((v) => JSON.stringify(v)).join(', ') } };
  if (issue.code === 'invalid_type') {
    const word = TYPE_WORDS[issue.expected];
    return { key: 'expectedType', vars: { type: word ? { key: word } : issue.expected } };
  }
  if (issue.code === 'too_big' && issue.origin === 'number')
    return { key: 'expectedAtMost', vars: { op: issue.inclusive ? '<=' : '<', max: String(issue.maximum) } };
  if (issue.code === 'too_small' && issue.origin === 'number')
    return { key: 'expectedAtLeast', vars: { op: issue.inclusive ? '>=' : '>', min: String(issue.minimum) } };
  if (issue.code === 'too_small' && (issue.origin === 'string' || issue.origin === 'array'))
    return {
      key: issue.origin === 'string' ? 'settingMinChars' : 'settingMinItems',
      vars: { n: { int: Number(issue.minimum) } },
    };
  if (issue.code === 'too_big' && issue.origin === 'string')
    return { key: 'settingMaxChars', vars: { n: { int: Number(issue.maximum) } } };
  return {
    key: 'expectedMessage',
    vars: { message: issue.message.startsWith('expected') ? issue.message : `expected ${issue.message}` },
  };
}

/** The known key `key` is a likely typo of (a third of its letters at most), or undefined. */
function didYouMean(key: string, known: string[]): string | undefined {
  if (!known.length) return undefined;
  const best = closest(key, known);
  return distance(key, best) <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

/** The keys the schema knows at a path (the object the unknown key sits in); [] where it is not an object. */
function knownKeysAt(schema: z.core.$ZodType, p: (string | number)[]): string[] {
  let s: z.core.$ZodType | undefined = unwrap(schema);
  for (const k of p) {
    const def = s._zod.def;
    if (def.type === 'object') s = (def as z.core.$ZodObjectDef).shape[String(k)];
    else if (def.type === 'record') s = (def as z.core.$ZodRecordDef).valueType;
    else if (def.type === 'array') s = (def as z.core.$ZodArrayDef).element;
    else return [];
    if (!s) return [];
    s = unwrap(s);
  }
  const def = s._zod.def;
  return def.type === 'object' ? Object.keys((def as z.core.$ZodObjectDef).shape) : [];
}

/** The schema inside defaults, optionals and pipes. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let s = schema;
  for (;;) {
    const def = s._zod.def as z.core.$ZodTypeDef & { innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if (
      (def.type === 'default' ||
        def.type === 'optional' ||
        def.type === 'nullable' ||
        def.type === 'prefault' ||
        def.type === 'readonly') &&
      def.innerType
    )
      s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else return s;
  }
}

function valueAt(value: unknown, p: (string | number)[]): unknown {
  let v = value;
  for (const k of p) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

function lineOfPath(doc: Document, lc: LineCounter, p: (string | number)[]): number | undefined {
  // The line of the key that names the setting (or of its nearest existing parent).
  for (let n = p.length; n > 0; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(p.slice(0, n - 1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((it) => isScalar(it.key) && String(it.key.value) === String(p[n - 1]));
      if (pair && isNode(pair.key) && pair.key.range) return lc.linePos(pair.key.range[0]).line;
    }
  }
  const node = doc.contents;
  return isNode(node) && node.range ? lc.linePos(node.range[0]).line : undefined;
}
