/**
 * A stranger's shell with a low limit on open files (`ulimit -n 64`, issue 12, second round):
 * loading the CLI opens more files than that, and Node printed its own stack trace (EMFILE)
 * before Worth's error handler existed. Now: one `worth:` sentence saying what to raise, exit 3.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_WORDS } from '../../src/words/index.ts';

const BIN = path.resolve('bin/worth.js');

/** `worth ARGS` under `ulimit -n 64` with `env` added (LANG and LC_* cleared first). */
function lowLimit(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k !== 'LANG' && k !== 'LANGUAGE' && !k.startsWith('LC_')),
  );
  return spawnSync('sh', ['-c', 'ulimit -n 64 && exec "$@"', 'sh', process.execPath, BIN, ...args], {
    encoding: 'utf8',
    env: { ...clean, TZ: 'UTC', ...env },
    timeout: 60_000,
  });
}

describe('ulimit -n 64', () => {
  it('is one sentence naming the limit to raise, no stack, exit 3', () => {
    const r = spawnSync('sh', ['-c', 'ulimit -n 64 && exec "$@"', 'sh', process.execPath, BIN, 'version'], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
      timeout: 60_000,
    });
    expect(r.stderr).not.toMatch(/^\s+at |node:internal|EMFILE/m);
    expect(r.stderr).toBe(
      'worth: too many files are open for this command: raise the limit on open files (ulimit -n 1024) and run again\n',
    );
    expect(r.status).toBe(3);
  });

  // Third round: the sentence was English only. It follows --lang, then worth.yaml's language
  // (read before the CLI loads: afterwards no file is left to read it with), then LANG.
  it("is said in worth.yaml's language, else LANG's, in the catalogue's words", () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'worth-lowlimit-'));
    try {
      writeFileSync(path.join(ws, 'worth.yaml'), 'company: Bakkerij\nlanguage: nl\n');
      const nl = `worth: ${ERROR_WORDS.tooManyFiles.nl}\n`;
      const en = `worth: ${ERROR_WORDS.tooManyFiles.en}\n`;
      const yamlNl = lowLimit(['ingest', ws], { LANG: 'C.UTF-8' });
      expect([yamlNl.stderr, yamlNl.status]).toEqual([nl, 3]);
      expect(lowLimit(['version'], { LANG: 'nl_NL.UTF-8' }).stderr).toBe(nl);
      expect(lowLimit(['version'], { LC_ALL: 'nl_BE.UTF-8', LANG: 'en_GB.UTF-8' }).stderr).toBe(nl);
      expect(lowLimit(['version'], { LANG: 'en_US.UTF-8' }).stderr).toBe(en);
      expect(lowLimit(['ingest', ws, '--lang', 'en'], { LANG: 'nl_NL.UTF-8' }).stderr).toBe(en);
      writeFileSync(path.join(ws, 'worth.yaml'), 'company: Bakery\nlanguage: en\n');
      expect(lowLimit(['ingest', ws], { LANG: 'nl_NL.UTF-8' }).stderr).toBe(en);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
