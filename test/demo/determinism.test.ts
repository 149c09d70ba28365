import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_TABLES, demoTotals } from '../../src/demo/index.ts';
import { demoWorkspace, removeWorkspaces } from './workspace.ts';

afterAll(removeWorkspaces);

describe('worth demo is deterministic', () => {
  it('writes byte-identical files for the same seed and different ones for another seed', async () => {
    const a = await demoWorkspace({ customers: 300, seed: 42 });
    const b = await demoWorkspace({ customers: 300, seed: 42 });
    const c = await demoWorkspace({ customers: 300, seed: 43 });
    for (const t of DEMO_TABLES) {
      expect(readFileSync(b.files[t]).equals(readFileSync(a.files[t])), t).toBe(true);
    }
    expect(readFileSync(`${a.dir}/worth.yaml`, 'utf8')).toBe(readFileSync(`${b.dir}/worth.yaml`, 'utf8'));
    expect(readFileSync(c.files.order_lines).equals(readFileSync(a.files.order_lines))).toBe(false);
    expect(readFileSync(c.files.customers).equals(readFileSync(a.files.customers))).toBe(false);
  });

  it('computes the same totals without writing', async () => {
    const a = await demoWorkspace({ customers: 300, seed: 7 });
    expect(await demoTotals({ customers: 300, seed: 7 })).toEqual(a.totals);
  });
});
