/**
 * The CLI's one way of reporting a failure: a problem in the user's input or machine as one
 * paragraph in their words (file, value, what to do), anything else as "internal error"
 * with the details written to a log file. Stack traces only with --debug.
 */
import { appendFileSync, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isUserError, systemClock, unreachable, userErrorText } from '../core/index.ts';
import { engineFault, writerMemoryLimit } from '../warehouse/index.ts';
import { configuredLanguage } from '../workspace/index.ts';
import { errorText, type ErrorText, type ErrorVar, type Lang } from '../words/index.ts';
import { keptFiles } from './wholeFile.ts';

/** Name of the log file that receives the details of an internal error (in the workspace, else the temp folder). */
export const ERROR_LOG = 'worth-error.log';

/** What to print and the exit code. */
export interface FailureReport {
  /** One paragraph for stderr (without the `worth: ` prefix and trailing newline). */
  text: string;
  exitCode: number;
}

/** Exit code for faults of the machine (disk, permissions, port) rather than of the input. */
const EXIT_ENVIRONMENT = 3;
/** Exit code of an internal error (a bug). */
const EXIT_INTERNAL = 70;

interface SystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
  dest?: string;
  address?: string;
  port?: number;
}

function isSystemError(e: unknown): e is SystemError {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string';
}

/**
 * The path as the user knows it: Worth's own working files in a workspace (the writer lock, a
 * run's scratch copy, a file being written whole) are named by the workspace folder they are in.
 */
function userPath(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  // A file written whole beside its place (`out.csv.1234.part`): the user named `out.csv`.
  const written = writtenWhole(file);
  if (written !== undefined) return written;
  const own = /^\.worth-(writer\.lock|tmp-|part-)/;
  const parts = file.split(path.sep);
  const at = parts.findIndex((p) => own.test(p));
  return at < 0 ? file : parts.slice(0, at).join(path.sep) || path.sep;
}

/**
 * The file a temporary file is written for, or undefined for any other path: `out.csv.1234.part`
 * (an export) is `out.csv`, `.worth-part-1234-report.html` (cli/wholeFile.ts) is `report.html`.
 */
function writtenWhole(file: string): string | undefined {
  const m = /^(.+)\.[0-9]+(\.[0-9]+)?\.part$/.exec(file);
  if (m) return m[1];
  // DuckDB writes a COPY to `tmp_NAME` first and renames it: that one is the user's file too.
  const beside = /^(?:tmp_)?\.worth-part-[0-9]+-(.+)$/.exec(path.basename(file));
  return beside ? path.join(path.dirname(file), beside[1]!) : undefined;
}

/** The sentence for a Node.js system error (file system, network), or null for codes without one. */
function systemSentence(e: SystemError): ErrorText | null {
  const file = userPath(e.path ?? e.dest);
  const subject: ErrorVar = file === undefined ? { key: 'aFile' } : file;
  switch (e.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return { key: 'diskFull', vars: { file: subject } };
    case 'EACCES':
    case 'EPERM':
      return {
        key:
          (e.syscall === 'open' || e.syscall === 'scandir' || e.syscall === 'read') &&
          writtenWhole(e.path ?? '') === undefined
            ? 'permissionRead'
            : 'permissionWrite',
        vars: { file: subject },
      };
    case 'EROFS':
      return { key: 'readOnlyFs', vars: { file: subject } };
    case 'ENOENT':
      return { key: 'noSuchPath', vars: { file: subject } };
    case 'ENOTDIR':
      return { key: 'notADir', vars: { file: subject } };
    case 'EISDIR':
      return { key: 'isADir', vars: { file: subject } };
    case 'EADDRINUSE':
      return {
        key: 'portInUse',
        vars: { port: String(e.port ?? '?'), address: e.address ?? { key: 'thisMachine' } },
      };
    case 'EADDRNOTAVAIL':
      return { key: 'addressNotHere', vars: { address: e.address ?? '?' } };
    case 'EMFILE':
    case 'ENFILE':
      return { key: 'tooManyFiles' };
    default:
      return null;
  }
}

function faultSentence(e: unknown): ErrorText | null {
  const fault = engineFault(e);
  if (!fault) return null;
  const file: ErrorVar = userPath(fault.file ?? undefined) ?? { key: 'theDatabase' };
  switch (fault.kind) {
    case 'disk_full':
      return { key: 'diskFull', vars: { file } };
    case 'locked':
      return { key: 'databaseLocked', vars: { file } };
    case 'corrupt':
      return { key: 'databaseCorrupt', vars: { file } };
    case 'permission':
      return { key: 'permissionWrite', vars: { file } };
    case 'missing_file':
      return { key: 'noSuchPath', vars: { file } };
    case 'out_of_memory':
      return {
        key: 'engineOutOfMemory',
        vars: {
          limit: fault.limit ?? writerMemoryLimit(),
          total: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
        },
      };
    default:
      return unreachable(fault.kind, 'engine fault');
  }
}

/**
 * The workspace a command was given: the first argument that is a folder with a worth.yaml
 * (the log goes there, next to the data it is about); null when there is none.
 */
export function workspaceOf(argv: readonly string[]): string | null {
  for (const a of argv) {
    if (a.startsWith('-')) continue;
    try {
      if (statSync(a).isDirectory() && existsSync(path.join(a, 'worth.yaml'))) return path.resolve(a);
    } catch {
      // Not a path: an option value or a sub-command name.
    }
  }
  return null;
}

function writeLog(e: unknown, argv: readonly string[]): string | null {
  const details = `[${systemClock.now().toISOString()}] worth ${argv.join(' ')}\nnode ${process.version} ${process.platform}\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n${
    e instanceof Error && (e as { cause?: unknown }).cause instanceof Error
      ? `cause: ${((e as { cause?: Error }).cause as Error).stack}\n`
      : ''
  }\n`;
  for (const dir of [workspaceOf(argv), os.tmpdir()]) {
    if (!dir) continue;
    const file = path.join(dir, ERROR_LOG);
    try {
      appendFileSync(file, details);
      return file;
    } catch {
      // A full or read-only workspace: try the temp folder.
    }
  }
  return null;
}

/**
 * Describes any thrown value for the user, in `lang` (the workspace's language; English where
 * it cannot be known). User errors print as they are, in `lang` where the words catalogue has
 * their sentence; known faults of the machine and the database as one sentence; anything else
 * as an internal error whose details go to {@link ERROR_LOG} (in the workspace named on the
 * command line, else the temp folder).
 */
export function describeFailure(e: unknown, argv: readonly string[], lang: Lang = 'en'): FailureReport {
  if (isUserError(e)) return { text: sayUserError(e, lang), exitCode: 'exitCode' in e ? e.exitCode : 1 };
  const known = (isSystemError(e) ? systemSentence(e) : null) ?? faultSentence(e);
  // A file written whole that could not be: the previous one is still there, and the user is told so.
  const kept = keptFiles(e).map((file) => errorText(lang, { key: 'previousKept', vars: { file } }));
  if (known) return { text: errorText(lang, known) + kept.join(''), exitCode: EXIT_ENVIRONMENT };
  const log = writeLog(e, argv);
  const where: ErrorText = log ? { key: 'logWritten', vars: { file: log } } : { key: 'logNotWritten' };
  return { text: errorText(lang, { key: 'internal', vars: { where } }), exitCode: EXIT_INTERNAL };
}

/** A user error in `lang` (core's {@link userErrorText}, under the name the CLI has used). */
export const sayUserError = userErrorText;

/**
 * The language to speak to the user in: the `language` of the workspace's worth.yaml (the
 * folder named on the command line, else the current folder), English where there is none or
 * it cannot be read.
 */
export function failureLanguage(argv: readonly string[]): Lang {
  const dir =
    workspaceOf(argv) ?? (existsSync(path.join(process.cwd(), 'worth.yaml')) ? process.cwd() : null);
  return (dir ? configuredLanguage(dir) : undefined) ?? 'en';
}
