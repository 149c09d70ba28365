/**
 * Test helper: demo workspaces written once per test file into a temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoWorkspace, type DemoOptions, type DemoSummary } from '../../src/demo/index.ts';

const made: string[] = [];

/** Writes a demo workspace into a fresh temporary folder. */
export async function demoWorkspace(options: Partial<DemoOptions>): Promise<DemoSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'worth-demo-test-'));
  made.push(dir);
  return writeDemoWorkspace(dir, options);
}

/** A fresh empty temporary folder (removed by {@link removeWorkspaces}). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'worth-demo-test-'));
  made.push(dir);
  return dir;
}

/** Removes every folder made by this file's tests. */
export function removeWorkspaces(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}
