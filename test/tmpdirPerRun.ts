import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest's global setup: every test run gets one temporary folder of its own, and every
 * `os.tmpdir()` in the tests, in the CLI processes they start and in the engine's spill files
 * resolves inside it (TMPDIR is inherited by the test workers and their children). The folder
 * goes when the run ends, so `npm test` leaves nothing behind in the system's temporary folder
 * (before, each run left its workspaces, databases and exports there: over 25 GB had piled up).
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'worth-vitest-'));
  // Open to others as /tmp is, sticky (mkdtemp makes it owner-only): a test that runs a command as
  // another user (test/cli/failures.test.ts, as nobody) must reach the files it makes here, and
  // that command may write its own temporary files where TMPDIR points.
  chmodSync(dir, 0o1777);
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
