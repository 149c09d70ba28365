/**
 * The three kinds of error in Worth (see STYLE.md):
 * - {@link WorthError}: a problem in the user's data or configuration, with a code, a
 *   location, the bad value and what was expected. Shown to the user as is.
 * - {@link CliError} / HttpError (server): errors at the edges, carrying an exit code or status
 *   (the server maps a WorthError's code to its status in one place).
 * - a bare `Error`: a broken invariant, i.e. a bug.
 * A user error the words catalogue knows carries its key and values (`said`), so the CLI can
 * say it in the workspace's language; its `message` is the English sentence.
 */
import { errorText, placeText, type ErrorText, type Lang } from '../words/index.ts';

/** Where a problem was found: a file with line and column, or a path in a config file. */
export interface Location {
  /** File name as the user knows it (relative to the workspace where possible). */
  file?: string;
  /** Physical line in the file, 1-based (a CSV header is line 1). */
  line?: number;
  /** Column name (or letter) in the file. */
  column?: string;
  /** Path inside a config file, e.g. `sources.order_lines.format.delimiter`. */
  path?: string;
  /** 0-based character offset inside a formula or value. */
  position?: number;
}

/**
 * Machine-readable codes for user-facing problems. `workspace`: the workspace is not in the
 * state asked for (not analysed, changed since the run); `not_found`: an asked-for thing (a
 * customer) is not in it; `input`: a request's value is not valid.
 */
export type ErrorCode =
  | 'config'
  | 'config_yaml'
  | 'file_missing'
  | 'file_format'
  | 'formula'
  | 'workspace'
  | 'engine'
  | 'input'
  | 'not_found';

/** Formats a location as `file line 12, column qty` or `worth.yaml at sources.x`. */
export function formatLocation(loc: Location): string {
  // `order_lines.csv line 1043, column quantity`; without a line: `order_lines.csv, column quantity`.
  let out = loc.file ?? '';
  if (loc.line !== undefined) out += `${out ? ' ' : ''}line ${loc.line}`;
  if (loc.column) out += `${out ? ', ' : ''}column ${loc.column}`;
  if (loc.path) out += `${out ? ' at ' : ''}${loc.path}`;
  if (loc.position !== undefined) out += `${out ? ', ' : ''}position ${loc.position + 1}`;
  return out;
}

/** A problem in the user's data or configuration. The message reads subject, bad value, expectation. */
export class WorthError extends Error {
  readonly code: ErrorCode;
  readonly location: Location;
  readonly value: unknown;
  readonly expected: string;
  /** The message as a catalogue key with its values, when the catalogue has one (else undefined: English only). */
  readonly said?: ErrorText;
  /** Whether `message` starts with the location (the body does not already name its file or path). */
  readonly located: boolean;

  constructor(
    code: ErrorCode,
    location: Location,
    value: unknown,
    expected: string,
    detail?: string,
    said?: ErrorText,
  ) {
    const where = formatLocation(location);
    const shown = value === undefined ? '' : `${JSON.stringify(value)} `;
    const body = said ? errorText('en', said) : (detail ?? `${shown}is not valid (expected ${expected})`);
    // A detail that already names its subject (file or config path) is not prefixed twice.
    const named =
      (location.file !== undefined && body.startsWith(location.file)) ||
      (location.path !== undefined && body.startsWith(location.path));
    super(where && !named ? `${where}: ${body}` : body);
    this.located = Boolean(where && !named);
    if (said) this.said = said;
    this.name = 'WorthError';
    this.code = code;
    this.location = location;
    this.value = value;
    this.expected = expected;
  }
}

/** Several user-facing problems reported together (e.g. every mistake in worth.yaml). */
export class WorthErrors extends Error {
  readonly errors: WorthError[];
  /** The heading as a catalogue key with its values, when it has one. */
  readonly said?: ErrorText;
  constructor(errors: WorthError[], heading: string | ErrorText) {
    const said = typeof heading === 'string' ? undefined : heading;
    super(`${said ? errorText('en', said) : heading}\n${errors.map((e) => `  - ${e.message}`).join('\n')}`);
    this.name = 'WorthErrors';
    this.errors = errors;
    if (said) this.said = said;
  }
}

/** An error at the command line's edge: carries the process exit code (and its catalogue key, when it has one). */
export class CliError extends Error {
  readonly exitCode: number;
  /** The message as a catalogue key with its values, when the catalogue has one. */
  readonly said?: ErrorText;
  constructor(message: string | ErrorText, exitCode = 2) {
    super(typeof message === 'string' ? message : errorText('en', message));
    this.name = 'CliError';
    this.exitCode = exitCode;
    if (typeof message !== 'string') this.said = message;
  }
}

/** True for errors that describe the user's input rather than a bug. */
export function isUserError(e: unknown): e is WorthError | WorthErrors | CliError {
  return e instanceof WorthError || e instanceof WorthErrors || e instanceof CliError;
}

/**
 * A user error as its reader should see it, in `lang`: its catalogue sentence (after its
 * location) where it has one, else its English message. The CLI prints it; the server answers
 * with it in the request's language.
 */
export function userErrorText(e: WorthError | WorthErrors | CliError, lang: Lang): string {
  if (e instanceof WorthErrors) {
    const heading = e.said ? errorText(lang, e.said) : e.message.split('\n')[0]!;
    return [heading, ...e.errors.map((x) => `  - ${userErrorText(x, lang)}`)].join('\n');
  }
  if (e instanceof CliError) return e.said ? errorText(lang, e.said) : e.message;
  if (!e.said) return e.message;
  const body = errorText(lang, e.said);
  return e.located ? `${placeText(lang, e.location)}: ${body}` : body;
}

/**
 * The `default` of a switch over a union that handles every member: the call compiles only
 * while `value` is `never`, so adding a member (an activity kind, a driver table) fails the
 * build at every switch that does not handle it yet. Reached at run time only through a bug.
 */
export function unreachable(value: never, what: string): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
