#!/usr/bin/env node
// The `worth` command. Runs the prebuilt bundle of the TypeScript sources (bin/cliBundle.js)
// when it matches them, building it first when it does not (after `npm ci`, after an edit), so
// a clone works with no build step and an edit is always what runs. Where the bundle cannot be
// built (a source that does not compile, a read-only install), or with WORTH_TSX=1, the sources
// run through tsx as before, which then reports any compile error itself.
import { pathToFileURL } from 'node:url';
import { buildBundle, currentBundle } from './cliBundle.js';

let entry = null;
if (process.env.WORTH_TSX !== '1') {
  entry = currentBundle();
  if (entry === null) {
    try {
      entry = await buildBundle();
    } catch {
      entry = null;
    }
  }
}
if (entry !== null) {
  // --debug prints stacks: point them at the TypeScript sources, not the bundle
  if (process.argv.includes('--debug') || process.env.WORTH_DEBUG === '1') process.setSourceMapsEnabled(true);
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
