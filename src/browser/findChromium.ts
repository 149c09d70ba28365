/**
 * Which Chromium to run: the one named by WORTH_CHROMIUM, else a system Chromium, else the
 * Chromium shipped inside the npm package @sparticuz/chromium (so `npm ci` alone is enough).
 */
import {
  accessSync,
  chmodSync,
  constants,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { CliError } from '../core/index.ts';

/** Where the browser came from. */
export type ChromiumSource = 'WORTH_CHROMIUM' | 'system' | 'npm';

/** A Chromium executable and where it came from. */
export interface ChromiumChoice {
  executablePath: string;
  source: ChromiumSource;
}

/** Which browsers to consider: `auto` (env, system, npm, in that order) or only the npm one. */
export type ChromiumPreference = 'auto' | 'npm';

/** System installs looked for, in order (Debian's package first). */
export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
] as const;

/** True when `file` is a regular file this process may execute (a path bound to /dev/null is not). */
export function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Picks the Chromium to run. WORTH_CHROMIUM wins and must be executable (a wrong path is the
 * user's error, said in one sentence); then the first system install; then the npm package's
 * browser, unpacked once per version into the temporary folder.
 */
export async function findChromium(
  preference: ChromiumPreference = 'auto',
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChromiumChoice> {
  if (preference === 'auto') {
    const fromEnv = env.WORTH_CHROMIUM;
    if (fromEnv !== undefined && fromEnv !== '') {
      if (!isExecutableFile(fromEnv))
        throw new CliError({ key: 'chromiumNotExecutable', vars: { file: fromEnv } });
      return { executablePath: fromEnv, source: 'WORTH_CHROMIUM' };
    }
    const system = SYSTEM_CHROMIUM_PATHS.find(isExecutableFile);
    if (system !== undefined) return { executablePath: system, source: 'system' };
  }
  return { executablePath: await unpackNpmChromium(), source: 'npm' };
}

/**
 * Unpacks @sparticuz/chromium's brotli-compressed binary to `<tmp>/worth-chromium-<version>/chromium`.
 * The package's own `executablePath()` writes straight to `<tmp>/chromium` and trusts any file
 * there, so a second process (parallel tests, report beside serve) could start a half-written
 * binary, and a killed unpack would stay broken. Here the binary is written to a private name
 * and renamed into place: a file at the final path is always whole.
 */
async function unpackNpmChromium(): Promise<string> {
  const require = createRequire(import.meta.url);
  let packageRoot: string;
  try {
    packageRoot = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '..', '..');
  } catch {
    throw new CliError({ key: 'chromiumNone' });
  }
  const version = (require(path.join(packageRoot, 'package.json')) as { version: string }).version;
  const compressed = path.join(packageRoot, 'bin', 'chromium.br');
  const dir = path.join(tmpdir(), `worth-chromium-${version}`);
  const binary = path.join(dir, 'chromium');
  if (isExecutableFile(binary)) return binary;
  if (!existsSync(compressed)) throw new CliError({ key: 'chromiumIncomplete', vars: { file: compressed } });
  mkdirSync(dir, { recursive: true });
  const part = `${binary}.${process.pid}.${Date.now()}.part`;
  try {
    await pipeline(createReadStream(compressed), createBrotliDecompress(), createWriteStream(part));
    chmodSync(part, 0o755);
    renameSync(part, binary);
  } catch (e) {
    rmSync(part, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new CliError({ key: 'chromiumNoSpace', vars: { dir } });
    throw new CliError({
      key: 'chromiumUnpack',
      vars: { dir, message: (e as Error).message.split('\n')[0] ?? '' },
    });
  }
  return binary;
}
