/**
 * commander's refusals of a command line (an unknown command or option, a missing argument or
 * option value, too many arguments, `worth help nosuch`) in the workspace's language: Dutch in a
 * workspace whose worth.yaml says `language: nl`, English elsewhere as commander writes it, each
 * one `worth:` sentence with a did-you-mean where a name is close, never the program's help.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve('bin/worth.js');
const nl = mkdtempSync(path.join(os.tmpdir(), 'worth-refusals-'));
writeFileSync(
  path.join(nl, 'worth.yaml'),
  'language: nl\nperiod: {start: 2025-01-01, end: 2025-12-31}\nsources:\n  order_lines: {file: x.csv}\n',
);
const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'worth-refusals-en-'));

/** `worth args` run in `cwd`: exit status and standard error. */
function worth(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

describe("commander's refusals in the workspace's language", () => {
  it.each([
    [
      ['ingst'],
      "worth: onbekende opdracht 'ingst'\n(Bedoelde u ingest?)",
      "worth: unknown command 'ingst'\n(Did you mean ingest?)",
    ],
    [
      ['ingest', '--jsn'],
      "worth: onbekende optie '--jsn'\n(Bedoelde u --json?)",
      "worth: unknown option '--jsn'\n(Did you mean --json?)",
    ],
    [
      ['ingest', '--zzzzzz'],
      "worth: onbekende optie '--zzzzzz'\n(`worth",
      "worth: unknown option '--zzzzzz'\n(`worth",
    ],
    [['init'], "worth: het verplichte argument 'dir' ontbreekt", "worth: missing required argument 'dir'"],
    [
      ['report', '.', '--out'],
      "worth: de optie '--out <file>' mist haar waarde",
      "worth: option '--out <file>' argument missing",
    ],
    [
      ['ingest', '.', 'extra'],
      "worth: te veel argumenten voor 'ingest': verwacht 1 argument, gekregen 2.",
      "worth: too many arguments for 'ingest'. Expected 1 argument but got 2.",
    ],
    [
      ['help', 'ingst'],
      "worth: onbekende opdracht 'ingst': daar is geen hulp voor\n(Bedoelde u ingest?)",
      "worth: unknown command 'ingst': there is no help for it\n(Did you mean ingest?)",
    ],
    [
      ['help', 'nosuch'],
      "worth: onbekende opdracht 'nosuch': daar is geen hulp voor\n(`worth --help` somt de opdrachten op",
      "worth: unknown command 'nosuch': there is no help for it\n(`worth --help` lists the commands",
    ],
  ])('worth %j', (args, dutch, english) => {
    const d = worth(nl, args);
    expect(d.status).toBe(1);
    expect(d.stderr.startsWith(dutch), d.stderr).toBe(true);
    expect(d.stderr).not.toMatch(/Usage:|unknown|missing|argument missing/);
    const e = worth(elsewhere, args);
    expect(e.status).toBe(1);
    expect(e.stderr.startsWith(english), e.stderr).toBe(true);
    expect(e.stderr).not.toMatch(/Usage:/);
  });

  it('a Dutch workspace named on the line gives Dutch refusals anywhere; help of a real command is its help', () => {
    const d = worth(elsewhere, ['ingest', nl, '--nosuch']);
    expect(d.stderr).toMatch(/^worth: onbekende optie '--nosuch'\n/);
    expect(d.stderr).toContain('`worth OPDRACHT --help`');
    const help = worth(nl, ['help', 'ingest']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: worth ingest/);
  });
});
