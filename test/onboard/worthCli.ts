/** Test helpers for the export end-to-end tests: the `worth` command as a child process, and money read back in cents. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve('bin/worth.js');

/** Runs `worth args` in a child process (TZ=UTC, no PDF browser); its exit status and output. */
export function worth(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC', WORTH_CHROMIUM: '/nonexistent/chromium' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A decimal as the database or a CSV prints it (`-12.5`, `3.40`) in BigInt cents (digits beyond cents are cut). */
export function cents(s: unknown): bigint {
  const [i, f = ''] = String(s).split('.');
  const neg = i!.startsWith('-');
  const v = BigInt(i!.replace('-', '')) * 100n + BigInt((f + '00').slice(0, 2));
  return neg ? -v : v;
}
