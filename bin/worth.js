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
  await start(() => import(pathToFileURL(entry).href));
} else {
  await start(async () => {
    const { register } = await import('tsx/esm/api');
    register();
    await import('../src/cli/main.ts');
  });
}

/**
 * Loads the CLI. Loading opens a few hundred files; under a low limit on open files
 * (`ulimit -n 64`) that fails before the CLI's own error handler exists, and Node printed its
 * stack. Said here in one sentence instead, in English: the words catalogue cannot be loaded
 * without open files (src/words' `tooManyFiles` says it once the CLI runs).
 */
async function start(load) {
  try {
    await load();
  } catch (e) {
    if (e?.code !== 'EMFILE' && e?.code !== 'ENFILE') throw e;
    process.stderr.write(
      'worth: too many files are open for this command: raise the limit on open files (ulimit -n 1024) and run again\n',
    );
    process.exit(3);
  }
}
