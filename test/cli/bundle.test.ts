/**
 * The CLI's prebuilt bundle (bin/cliBundle.js): `worth` runs it when it matches the sources and
 * rebuilds it when one changed; every `import.meta.url` in it still points at its own source
 * (templates, the dashboard's build, worker entries); it says what tsx says.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve('.');
const WORTH = path.join(ROOT, 'bin/worth.js');
const DIR = path.join(ROOT, 'node_modules/.cache/worth-cli');

function worth(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [WORTH, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

function manifest(): { root: string; entry: string; inputs: Record<string, string | null> } {
  return JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as ReturnType<typeof manifest>;
}

describe('the CLI bundle', () => {
  it('is built on first use and lists every source in it, the lazily loaded ones too', () => {
    worth(['version']);
    const m = manifest();
    expect(m.root).toBe(ROOT);
    expect(statSync(path.join(DIR, m.entry)).isFile()).toBe(true);
    for (const f of [
      'src/cli/main.ts',
      'src/cli/clvCommands.ts',
      'src/scenario/templates.ts',
      'src/report/index.ts',
    ])
      expect(Object.keys(m.inputs), f).toContain(f);
    expect(Object.keys(m.inputs)).toContain('tsconfig.json');
  });

  it('is rebuilt when a source it holds changes (here: only its modification time)', () => {
    worth(['version']);
    const file = 'src/cli/readText.ts';
    const before = manifest().inputs[file];
    const later = new Date(Date.now() + 5_000);
    utimesSync(path.join(ROOT, file), later, later);
    worth(['version']);
    const after = manifest().inputs[file];
    expect(after).not.toBe(before);
    expect(after).toBe(`${statSync(path.join(ROOT, file)).size}:${statSync(path.join(ROOT, file)).mtimeMs}`);
  });

  it('keeps each source’s import.meta.url: every use in the bundle is rewritten to that source’s path', () => {
    worth(['version']);
    for (const f of readdirSync(DIR).filter((n) => n.endsWith('.js'))) {
      const text = readFileSync(path.join(DIR, f), 'utf8');
      const uses = text.match(/[^\n]{0,60}import\.meta\.url[^\n]{0,5}/g) ?? [];
      for (const u of uses)
        expect(u, f).toMatch(/new URL\("\.\.\/\.\.\/\.\.\/src\/[\w/]+\.tsx?", import\.meta\.url\)/);
    }
  });

  it('prints what the sources print through tsx', () => {
    for (const args of [['--help'], ['clv', 'fit', '--help'], ['scenario', '--help']])
      expect(worth(args)).toBe(worth(args, { WORTH_TSX: '1' }));
  });
});
