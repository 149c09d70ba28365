#!/usr/bin/env node
// The `worth` command. Runs the prebuilt bundle of the TypeScript sources (bin/cliBundle.js)
// when it matches them, building it first when it does not (after `npm ci`, after an edit), so
// a clone works with no build step and an edit is always what runs. Where the bundle cannot be
// built (a source that does not compile, a read-only install), or with WORTH_TSX=1, the sources
// run through tsx as before, which then reports any compile error itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
 * stack. Said here in one sentence instead, in the language the CLI would use (src/words'
 * `tooManyFiles`, which cannot be loaded without open files: its two sentences are copied here,
 * and test/cli/lowLimits.test.ts checks they stay the same).
 */
async function start(load) {
  // Read before loading: once the load has failed there is no file to spare for worth.yaml.
  const lang = language();
  try {
    await load();
  } catch (e) {
    if (e?.code !== 'EMFILE' && e?.code !== 'ENFILE') throw e;
    process.stderr.write(`worth: ${tooManyFiles(lang)}\n`);
    process.exit(3);
  }
}

/** src/words/errors.ts `tooManyFiles` in `lang`, word for word. */
function tooManyFiles(lang) {
  return lang === 'nl'
    ? 'er staan te veel bestanden open voor deze opdracht: verhoog de grens op open bestanden (ulimit -n 1024) en draai opnieuw'
    : 'too many files are open for this command: raise the limit on open files (ulimit -n 1024) and run again';
}

/**
 * The language of that sentence, read before the CLI loads (a failed load leaves no file to
 * spare): `--lang`, else the `language:` line of worth.yaml in a folder named on the command line (a few
 * microseconds: one open per argument), else the environment's `LC_ALL`, `LC_MESSAGES` or
 * `LANG` (`nl_NL.UTF-8`: Dutch), else English.
 */
function language() {
  const asked = process.argv.indexOf('--lang');
  const given = asked > 0 ? process.argv[asked + 1] : undefined;
  if (given === 'nl' || given === 'en') return given;
  for (const arg of process.argv.slice(3)) {
    if (arg.startsWith('-')) continue;
    try {
      const m = /^language:[ \t]*["']?(nl|en)\b/m.exec(readFileSync(join(arg, 'worth.yaml'), 'utf8'));
      if (m) return m[1];
    } catch {
      // not a workspace, no worth.yaml, or no file to spare: the environment decides
    }
  }
  const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return /^nl([_.@-]|$)/i.test(env) ? 'nl' : 'en';
}
