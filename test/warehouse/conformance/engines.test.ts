// Every engine of ENGINES (src/warehouse/engines.ts) against the conformance suite, with the
// parts its descriptor declares not done yet as expected failures. An engine's harness
// (harness/<kind>.ts) says how a test gets a fresh, empty instance of it; an engine without
// one fails here.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENGINES, type Engine } from '../../../src/warehouse/index.ts';
import { describeEngineConformance } from './engineConformance.ts';

/** What a harness file exports. */
interface Harness {
  harness(suite: (open: () => Promise<Engine>) => void): void;
}

for (const descriptor of ENGINES) {
  const file = path.join(import.meta.dirname, 'harness', `${descriptor.kind}.ts`);
  if (!existsSync(file)) {
    describe(`engine ${descriptor.kind}`, () => {
      it('has a conformance harness', () =>
        expect.fail(`write ${file}: how a test opens a fresh ${descriptor.kind}`));
    });
    continue;
  }
  const { harness } = (await import(pathToFileURL(file).href)) as Harness;
  harness((open) => describeEngineConformance(descriptor.kind, open, descriptor.conformanceNotYet));
}
