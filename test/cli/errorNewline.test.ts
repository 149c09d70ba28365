/**
 * Every way the `worth` command fails ends its error on stderr with one newline (the shell
 * prompt starts on a line of its own) and a non-zero exit: a child process per failure.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { worth } from '../onboard/worthCli.ts';

describe('CLI error lines end with a newline', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'worth-newline-'));
  // An export without a customer or amount column: init refuses it (the stranger's case).
  const unrecognised = path.join(dir, 'unrecognised.csv');
  writeFileSync(unrecognised, 'Datum;Foo;Bar\n01-02-2024;1;2\n');
  const cases: [string, string[]][] = [
    [
      'init --from an export whose columns are not recognised',
      ['init', path.join(dir, 'ws1'), '--from', unrecognised],
    ],
    [
      'init --from a file that does not exist',
      ['init', path.join(dir, 'ws2'), '--from', path.join(dir, 'none.csv')],
    ],
    ['a command that does not exist', ['frobnicate']],
    ['a missing argument', ['init']],
    ['ingest of a folder without worth.yaml', ['ingest', path.join(dir, 'nothing-here')]],
  ];
  it.each(cases)('%s', (_, args) => {
    const r = worth(args);
    expect(r.status).not.toBe(0);
    expect(r.stderr.length).toBeGreaterThan(0);
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.endsWith('\n\n')).toBe(false);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
