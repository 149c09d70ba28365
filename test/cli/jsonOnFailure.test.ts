/**
 * Every command that takes `--json`, failing (issue 12, second round: a stranger piped each into
 * `JSON.parse` and got an empty standard output on failure): standard output is one JSON
 * document `{"error": {"message", "exitCode"}}` whose message is the sentence on standard error
 * and whose exit code is the process's; without `--json` standard output stays empty.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = path.resolve('bin/worth.js');
const root = mkdtempSync(path.join(os.tmpdir(), 'worth-json-fail-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function worth(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
    timeout: 120_000,
  });
}

describe('--json on a failure', () => {
  const missing = path.join(root, 'missing');
  const bare = path.join(root, 'bare');
  mkdirSync(bare);
  writeFileSync(path.join(bare, 'worth.yaml'), 'language: nl\n');
  const cases: [string, string[]][] = [
    ['analyze, no workspace', ['analyze', missing, '--json']],
    ['ingest, no workspace', ['ingest', missing, '--json']],
    ['clv, no workspace', ['clv', missing, '--json']],
    ['clv fit, unknown model', ['clv', 'fit', '--model', 'nope', '--summary', 'x.csv', '--json']],
    ['clv predict, no summary file', ['clv', 'predict', '--summary', path.join(root, 'none.csv'), '--json']],
    [
      'scenario run, no initiative file',
      ['scenario', 'run', path.join(root, 'none.yaml'), missing, '--json'],
    ],
    ['scenario compare, no files', ['scenario', 'compare', path.join(root, 'none.yaml'), '--json']],
    ['analyze, a Dutch worth.yaml that is not valid', ['analyze', bare, '--json']],
  ];
  for (const [name, args] of cases) {
    it(name, () => {
      const r = worth(args);
      expect(r.status, r.stderr).not.toBe(0);
      const json = JSON.parse(r.stdout) as { error: { message: string; exitCode: number } };
      expect(Object.keys(json)).toEqual(['error']);
      expect(json.error.exitCode).toBe(r.status);
      expect(json.error.message.length).toBeGreaterThan(10);
      expect(r.stderr.endsWith(`worth: ${json.error.message}\n`), r.stderr).toBe(true);
      const plain = worth(args.filter((a) => a !== '--json'));
      expect(plain.stdout).toBe('');
    });
  }
});

// Third round: a command line commander refuses (an option a command does not have, a typo)
// wrote nothing to standard output, so `worth export DIR --json | script` read an empty document.
describe('--json on a command line that is refused', () => {
  it.each([
    [
      'export, which has no --json',
      ['export', path.join(root, 'missing'), '--out', 'x.csv', '--json'],
      "unknown option '--json'",
    ],
    ['version, which has no --json', ['version', '--json'], "unknown option '--json'"],
    [
      'a mistyped command',
      ['anlyze', path.join(root, 'missing'), '--json'],
      "unknown command 'anlyze'\n(Did you mean analyze?)",
    ],
  ])('%s: the refusal as JSON on standard output, exit 1', (_, args, message) => {
    const r = worth(args);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ error: { message, exitCode: 1 } });
    expect(r.stderr.startsWith(`worth: ${message}\n`), r.stderr).toBe(true);
  });
});
