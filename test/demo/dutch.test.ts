import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_TABLES } from '../../src/demo/index.ts';
import { designColumns } from './designContract.ts';
import { isoFromDutch, readCsv } from './readCsv.ts';
import { demoWorkspace, removeWorkspaces } from './workspace.ts';

afterAll(removeWorkspaces);

describe('worth demo --format dutch', () => {
  it('writes ; decimal comma and dd-mm-yyyy that parse back to the standard values', async () => {
    const std = await demoWorkspace({ customers: 300, seed: 5 });
    const nl = await demoWorkspace({ customers: 300, seed: 5, format: 'dutch' });
    expect(nl.totals).toEqual(std.totals);
    for (const t of DEMO_TABLES) {
      const dutch = readCsv(nl.files[t], ';');
      const kinds = designColumns(t).map((c) => c.kind);
      const back = dutch.rows.map((r) =>
        r
          .map((v, i) => {
            const k = kinds[i];
            if (k === 'date') return isoFromDutch(v);
            if (k === 'money' || k === 'decimal') {
              expect(v, `${t}: ${v}`).not.toContain('.');
              return v.replace(',', '.');
            }
            return v;
          })
          .join(','),
      );
      const standard = readFileSync(std.files[t], 'utf8').trimEnd().split('\n');
      expect([dutch.header.join(','), ...back], t).toEqual(standard);
    }
    const yaml = readFileSync(`${nl.dir}/worth.yaml`, 'utf8');
    expect(yaml).toContain(
      'format: { delimiter: ";", decimal: ",", date_format: "dd-mm-yyyy", encoding: utf-8, header: true }',
    );
    expect(yaml).not.toContain('delimiter: ","');
  });
});
