import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_TABLES, writeDemoWorkspace } from '../../src/demo/index.ts';
import { removeWorkspaces, tempDir } from './workspace.ts';

afterAll(removeWorkspaces);

describe('worth demo --threads', () => {
  it('writes the same bytes on worker threads as on one thread (several blocks of customers)', async () => {
    const options = { customers: 17_000, seed: 3 };
    const one = await writeDemoWorkspace(tempDir(), options, { threads: 1 });
    const two = await writeDemoWorkspace(tempDir(), options, { threads: 2 });
    expect(two.totals).toEqual(one.totals);
    for (const t of DEMO_TABLES) {
      expect(readFileSync(two.files[t]).equals(readFileSync(one.files[t])), t).toBe(true);
    }
  });
});
