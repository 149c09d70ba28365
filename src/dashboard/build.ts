/**
 * Building the dashboard (Node side): Vite + React into dist/web at the repository root.
 * `worth serve` calls {@link ensureDashboardBuilt}, which builds only when the built files are
 * missing or older than the sources (src/web, src/charts, src/words, src/core), so a fresh clone needs no extra step.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Folder of the dashboard's sources (Vite root). */
export const DASHBOARD_SOURCE_DIR = path.join(ROOT, 'src', 'web');

/** Folder the dashboard is built into (served by `worth serve`). */
export const DASHBOARD_DIR = path.join(ROOT, 'dist', 'web');

// src/core too: the dashboard's CSV export is written by core's spreadsheet writer
const SOURCES = [
  DASHBOARD_SOURCE_DIR,
  path.join(ROOT, 'src', 'charts'),
  path.join(ROOT, 'src', 'words'),
  path.join(ROOT, 'src', 'core'),
];

/** Newest modification time (ms) of the files under `dir`; 0 when it is missing. */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Whether dist/web is missing or older than its sources. */
export function dashboardIsStale(outDir = DASHBOARD_DIR): boolean {
  const index = path.join(outDir, 'index.html');
  if (!existsSync(index)) return true;
  return Math.max(...SOURCES.map(newest)) > statSync(index).mtimeMs;
}

/** Builds the dashboard with Vite into `outDir` (default dist/web). */
export async function buildDashboard(outDir = DASHBOARD_DIR): Promise<void> {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  await build({
    root: DASHBOARD_SOURCE_DIR,
    configFile: false,
    base: '/',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  });
}

/** Builds the dashboard when it is missing or stale; returns whether it built. */
export async function ensureDashboardBuilt(outDir = DASHBOARD_DIR): Promise<boolean> {
  if (!dashboardIsStale(outDir)) return false;
  await buildDashboard(outDir);
  return true;
}
