/**
 * A stranger's shell with a low limit on open files (`ulimit -n 64`, issue 12, second round):
 * loading the CLI opens more files than that, and Node printed its own stack trace (EMFILE)
 * before Worth's error handler existed. Now: one `worth:` sentence saying what to raise, exit 3.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = path.resolve('bin/worth.js');

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
});
