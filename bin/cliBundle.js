// The CLI's prebuilt bundle: src/cli/main.ts and the sources it imports, bundled by esbuild
// (the one tsx runs on) into node_modules/.cache/worth-cli, split at every dynamic import so a
// command loads only what it uses (`worth clv fit` does not load the dashboard, ExcelJS,
// ECharts or Chromium). Running it saves the second tsx spends compiling the TypeScript at
// every start. It is used only while it matches the sources: a manifest lists every file that
// went in with its size and modification time, and any difference (an edited, moved or deleted
// source, a changed tsconfig.json, another folder) rebuilds it first. `npm ci` empties
// node_modules, so a fresh install always starts with a build.
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding package.json and src). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the bundle, its chunks and its manifest live (inside node_modules: ignored by git, emptied by `npm ci`). */
export const BUNDLE_DIR = path.join(ROOT, 'node_modules', '.cache', 'worth-cli');

const MANIFEST = path.join(BUNDLE_DIR, 'manifest.json');
const MAIN = 'src/cli/main.ts';
/** Files that change how the sources compile without being imported by them. */
const SETTINGS = ['tsconfig.json', 'package.json', 'bin/cliBundle.js'];
/** A chunk no manifest has named for this long is removed at the next build (a running `worth serve` may still load an old chunk lazily). */
const KEEP_OLD_CHUNKS_MS = 24 * 3600 * 1000;

/** Size and modification time of a file relative to the root, or null when it is gone. */
function stamp(rel) {
  try {
    const s = statSync(path.join(ROOT, rel));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
}

/**
 * The bundle's entry file when the manifest matches the sources as they are now, else null.
 * About 300 `stat` calls: a few milliseconds.
 */
export function currentBundle() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return null;
  }
  if (manifest.root !== ROOT || typeof manifest.entry !== 'string') return null;
  for (const [rel, was] of Object.entries(manifest.inputs)) if (stamp(rel) !== was) return null;
  return path.join(BUNDLE_DIR, manifest.entry);
}

/** Writes a file whole under a temporary name, then moves it into place: a concurrent reader never sees half of it. */
function writeWhole(file, contents) {
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
}

/**
 * esbuild plugin: `import.meta.url` in a source file keeps meaning that source file (templates,
 * the dashboard's build, worker entries and package look-ups resolve next to it), written as a
 * path relative to the bundle so the folder can move.
 */
const keepModuleUrls = {
  name: 'worth-keep-module-urls',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const rel = path.relative(BUNDLE_DIR, args.path).split(path.sep).join('/');
      return {
        contents: source.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(rel)}, import.meta.url).href`,
        ),
        loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
      };
    });
  },
};

/**
 * npm packages bundled in rather than loaded from node_modules: DuckDB's JavaScript client is
 * ~200 CommonJS files, and Node importing them from ESM (resolving and lexing each for its
 * exports) cost ~0.22 s CPU at every start of a command that opens the engine; bundled, ~0.05 s.
 * Its native binding (`@duckdb/node-bindings`, a `.node` file) stays external.
 */
const BUNDLED = ['@duckdb/node-api'];

/** Marks every bare import (an npm package or a Node built-in) external, except {@link BUNDLED}. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      BUNDLED.some((p) => args.path === p || args.path.startsWith(`${p}/`))
        ? undefined
        : { path: args.path, external: true },
    );
  },
};

/**
 * Builds the bundle and records its manifest; returns the entry file. Several processes may
 * build at once (tests start many): every output file is named by its content and written
 * whole, and the manifest is replaced in one rename, so each sees a complete bundle.
 */
export async function buildBundle() {
  // esbuild comes with tsx (which the project depends on), so it is found through tsx
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'))('esbuild');
  const result = await esbuild.build({
    entryPoints: [MAIN],
    absWorkingDir: ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // npm packages stay external (loaded from node_modules) except those listed in BUNDLED
    plugins: [keepModuleUrls, externalPackages],
    // bundled CommonJS code requires the external packages (DuckDB's native binding) at run time
    // (resolved from the repository root: the bundle is built for this checkout, see the manifest)
    banner: {
      js: `import { createRequire as __worthRequire } from 'node:module'; const require = __worthRequire(${JSON.stringify(path.join(ROOT, 'package.json'))});`,
    },
    outdir: BUNDLE_DIR,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  mkdirSync(BUNDLE_DIR, { recursive: true });
  const written = new Set();
  let entry;
  for (const f of result.outputFiles) {
    writeWhole(f.path, f.contents);
    written.add(path.basename(f.path));
    const out = path.relative(ROOT, f.path).split(path.sep).join('/');
    if (result.metafile.outputs[out]?.entryPoint === MAIN) entry = path.basename(f.path);
  }
  if (entry === undefined) throw new Error('the CLI bundle has no entry file');
  const inputs = {};
  for (const rel of [...Object.keys(result.metafile.inputs), ...SETTINGS]) inputs[rel] = stamp(rel);
  writeWhole(MANIFEST, `${JSON.stringify({ root: ROOT, entry, inputs }, null, 1)}\n`);
  const now = Date.now();
  for (const name of readdirSync(BUNDLE_DIR)) {
    if (written.has(name) || name === 'manifest.json') continue;
    try {
      if (now - statSync(path.join(BUNDLE_DIR, name)).mtimeMs > KEEP_OLD_CHUNKS_MS)
        unlinkSync(path.join(BUNDLE_DIR, name));
    } catch {
      // another process removed it first
    }
  }
  return path.join(BUNDLE_DIR, entry);
}
