import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium, isExecutableFile } from '../../src/browser/index.ts';
import { CliError } from '../../src/core/index.ts';

describe('findChromium', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'worth-browser-'));

  it('does not take a path bound to /dev/null, a folder or a file without the execute bit for a browser', () => {
    const plain = path.join(dir, 'plain');
    writeFileSync(plain, '#!/bin/sh\n');
    expect(isExecutableFile('/dev/null')).toBe(false);
    expect(isExecutableFile(dir)).toBe(false);
    expect(isExecutableFile(plain)).toBe(false);
    expect(isExecutableFile(path.join(dir, 'missing'))).toBe(false);
    chmodSync(plain, 0o755);
    expect(isExecutableFile(plain)).toBe(true);
  });

  it('takes WORTH_CHROMIUM first, and says in one sentence when it is not an executable file', async () => {
    const fake = path.join(dir, 'my-chrome');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    await expect(findChromium('auto', { WORTH_CHROMIUM: fake })).resolves.toEqual({
      executablePath: fake,
      source: 'WORTH_CHROMIUM',
    });
    const err = await findChromium('auto', { WORTH_CHROMIUM: '/dev/null' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as Error).message).toBe(
      'WORTH_CHROMIUM=/dev/null is not an executable file (expected the path of a Chromium or Chrome binary, or unset it to use the browser that comes with npm ci)',
    );
  });

  it('unpacks the npm browser whole under a versioned name, also when two unpack at once, and leaves no part file', async () => {
    const saved = process.env.TMPDIR;
    const fresh = mkdtempSync(path.join(tmpdir(), 'worth-unpack-'));
    process.env.TMPDIR = fresh; // os.tmpdir() reads it on every call
    try {
      const [a, b] = await Promise.all([findChromium('npm', {}), findChromium('npm', {})]);
      expect(a.source).toBe('npm');
      expect(b.executablePath).toBe(a.executablePath);
      expect(path.dirname(path.dirname(a.executablePath))).toBe(fresh);
      expect(isExecutableFile(a.executablePath)).toBe(true);
      expect(readdirSync(path.dirname(a.executablePath))).toEqual(['chromium']);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
