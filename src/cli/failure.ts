/**
 * The CLI's one way of reporting a failure: a problem in the user's input or machine as one
 * paragraph in their words (file, value, what to do), anything else as "internal error"
 * with the details written to a log file. Stack traces only with --debug.
 */
import { appendFileSync, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isUserError, systemClock } from '../core/index.ts';
import { engineFault } from '../warehouse/index.ts';

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

/** The sentence for a Node.js system error (file system, network), or null for codes without one. */
function systemSentence(e: SystemError): string | null {
  const file = e.path ?? e.dest;
  const subject = file === undefined ? 'a file' : file;
  switch (e.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `the disk is full: ${subject} could not be written (free some space and run the command again)`;
    case 'EACCES':
    case 'EPERM':
      return `${subject}: permission denied (expected a file or folder this user may ${e.syscall === 'open' || e.syscall === 'scandir' || e.syscall === 'read' ? 'read' : 'read and write'}; check its permissions)`;
    case 'EROFS':
      return `${subject} is on a read-only file system (expected a folder Worth may write to)`;
    case 'ENOENT':
      return `${subject} does not exist (expected an existing file, or an existing folder to write into)`;
    case 'ENOTDIR':
      return `${subject}: a part of this path is a file, not a folder (expected a folder)`;
    case 'EISDIR':
      return `${subject} is a folder (expected a file)`;
    case 'EADDRINUSE':
      return `port ${e.port ?? '?'} on ${e.address ?? 'this machine'} is already in use (another \`worth serve\` or another program listens there; stop it, or choose another port with --port)`;
    case 'EADDRNOTAVAIL':
      return `address ${e.address ?? '?'} is not an address of this machine (expected one of its own addresses for --host)`;
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open on this machine (close some programs and run again)';
    default:
      return null;
  }
}

function faultSentence(e: unknown): string | null {
  const fault = engineFault(e);
  if (!fault) return null;
  const file = fault.file ?? 'the workspace database';
  switch (fault.kind) {
    case 'disk_full':
      return `the disk is full: ${file} could not be written (free some space and run the command again)`;
    case 'locked':
      return `${file} is in use by another Worth process (a running command or \`worth serve\`); wait for it to finish, or stop it, and run again`;
    case 'corrupt':
      return `${file} is damaged or is not a Worth database (expected the worth.duckdb written by \`worth ingest\`; delete it and run \`worth ingest\` again)`;
    case 'permission':
      return `${file}: permission denied (expected a file this user may read and write; check its permissions)`;
    case 'missing_file':
      return `${file} does not exist (expected an existing file, or an existing folder to write into)`;
    default: {
      const never: never = fault.kind;
      return never;
    }
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
 * Describes any thrown value for the user. User errors print as they are; known faults of the
 * machine and the database as one sentence; anything else as an internal error whose details
 * go to {@link ERROR_LOG} (in the workspace named on the command line, else the temp folder).
 */
export function describeFailure(e: unknown, argv: readonly string[]): FailureReport {
  if (isUserError(e)) return { text: e.message, exitCode: 'exitCode' in e ? e.exitCode : 1 };
  const known = (isSystemError(e) ? systemSentence(e) : null) ?? faultSentence(e);
  if (known) return { text: known, exitCode: EXIT_ENVIRONMENT };
  const log = writeLog(e, argv);
  const where = log ? `the details are in ${log}` : 'the details could not be written to a log file';
  return {
    text: `internal error (a fault in Worth, not in your data): ${where}; run again with --debug to print them here, and send them with a bug report`,
    exitCode: EXIT_INTERNAL,
  };
}
