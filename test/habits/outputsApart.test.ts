// No output imports another output: the report, exports, the CLI and the dashboard read a finished
// run through src/readmodel, never through the server (types included: the dashboard's API types
// are the read model's). One file is let through by name: the CLI command that starts the server.
// Nor does any output import another output's folder: the CLI's commands run the server, the
// report and the exports (each through its index), and nothing but the browser build imports the
// dashboard's sources (src/web): where the built dashboard lives is src/dashboard's.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Every module a source names: `import ... from`, `import type`, `export ... from`, side-effect `import '...'` and `import('...')`. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const forms = [
    /\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]/g,
  ];
  for (const re of forms) for (const m of text.matchAll(re)) found.push(m[1]!);
  return found;
}

/** The specifiers of `file` (a path under src/) that resolve into src/server. */
function serverImports(file: string, text: string): string[] {
  const server = path.resolve('src', 'server');
  return specifiers(text).filter((s) => {
    if (!s.startsWith('.')) return false;
    const target = path.resolve(path.dirname(file), s);
    return target === server || target.startsWith(server + path.sep);
  });
}

/** Outputs that must not reach into the server. */
const OUTPUTS = ['report', 'export', 'cli', 'web'];
/** `worth serve` itself: the one place an output starts the server. */
const STARTS_THE_SERVER = path.join('src', 'cli', 'serveActions.ts');

describe('outputs read through the read model, not the server', () => {
  it('the check sees every form of import (it can fail)', () => {
    const file = path.join('src', 'report', 'probe.ts');
    const probe = [
      "import { a } from '../server/index.ts';",
      "import type { B } from '../server/workspaceReader.ts';",
      "export { c } from '../server/index.ts';",
      'export type { D } from "../server";',
      "import '../server/index.ts';",
      "const e = await import('../server/index.ts');",
      "import { f } from '../readmodel/index.ts';",
      "import { g } from './server.ts';",
    ].join('\n');
    expect(serverImports(file, probe)).toEqual([
      '../server/index.ts',
      '../server/workspaceReader.ts',
      '../server/index.ts',
      '../server',
      '../server/index.ts',
      '../server/index.ts',
    ]);
    expect(
      serverImports(
        path.join('src', 'web', 'pages', 'Probe.tsx'),
        "import { h } from '../../server/index.ts';",
      ),
    ).toEqual(['../../server/index.ts']);
  });

  for (const folder of OUTPUTS) {
    it(`src/${folder} does not import from src/server`, () => {
      const files = sources(path.join('src', folder));
      expect(files.length).toBeGreaterThan(0);
      const hits = files
        .filter((f) => f !== STARTS_THE_SERVER)
        .flatMap((f) => serverImports(f, readFileSync(f, 'utf8')).map((s) => `${f}: ${s}`));
      expect(hits).toEqual([]);
    });
  }

  it('the one file let through still exists and only starts the server', () => {
    const named = serverImports(STARTS_THE_SERVER, readFileSync(STARTS_THE_SERVER, 'utf8'));
    expect(named).toEqual(['../server/index.ts']);
    const line = readFileSync(STARTS_THE_SERVER, 'utf8')
      .split('\n')
      .find((l) => l.includes("'../server/index.ts'"));
    expect(line).toBe("import { maskToken, resolveToken, startServer } from '../server/index.ts';");
  });
});

/** The specifiers of `file` that resolve into the src folder `folder`. */
function importsOf(file: string, text: string, folder: string): string[] {
  const target = path.resolve('src', folder);
  return specifiers(text).filter((s) => {
    if (!s.startsWith('.')) return false;
    const t = path.resolve(path.dirname(file), s);
    return t === target || t.startsWith(target + path.sep);
  });
}

/** Every output folder: none imports another, but for the CLI commands named below. */
const ALL_OUTPUTS = ['cli', 'server', 'web', 'report', 'export'];
/** The CLI commands that run an output, each with the one output it runs. */
const COMMANDS_RUN: Record<string, string> = {
  [path.join('src', 'cli', 'serveActions.ts')]: 'server',
  [path.join('src', 'cli', 'reportActions.ts')]: 'report',
  [path.join('src', 'cli', 'analyzeCommands.ts')]: 'export',
};

describe('no output imports another output', () => {
  it('the check sees an output importing another (it can fail)', () => {
    const file = path.join('src', 'cli', 'serveActions.ts');
    const probe = "import { DASHBOARD_DIR, ensureDashboardBuilt } from '../web/index.ts';";
    expect(importsOf(file, probe, 'web')).toEqual(['../web/index.ts']);
    expect(importsOf(file, "import { x } from '../dashboard/index.ts';", 'web')).toEqual([]);
    expect(importsOf(path.join('src', 'report', 'a.ts'), "import type { Y } from '../web';", 'web')).toEqual([
      '../web',
    ]);
  });

  for (const from of ALL_OUTPUTS)
    for (const to of ALL_OUTPUTS.filter((o) => o !== from)) {
      it(`src/${from} does not import src/${to}${from === 'cli' && Object.values(COMMANDS_RUN).includes(to) ? ' (but for the command that runs it)' : ''}`, () => {
        const hits = sources(path.join('src', from))
          .filter((f) => COMMANDS_RUN[f] !== to)
          .flatMap((f) => importsOf(f, readFileSync(f, 'utf8'), to).map((s) => `${f}: ${s}`));
        expect(hits).toEqual([]);
      });
    }

  it('the commands let through still exist and import their output', () => {
    for (const [file, output] of Object.entries(COMMANDS_RUN))
      expect(importsOf(file, readFileSync(file, 'utf8'), output)).toEqual([`../${output}/index.ts`]);
  });
});
