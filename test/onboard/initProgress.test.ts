/**
 * `worth init --from` shows its progress through the long passes of a big export (copy, read,
 * recognise, trial load), in the language of the export's column names; with standard output
 * piped (a script) it prints the final lines only. A small export at test time stands for the
 * 5M-line one: the phases are the same, only their length differs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initFromExport } from '../../src/onboard/index.ts';
import type { Progress } from '../../src/core/index.ts';
import { joinedMonthlyExports } from '../fixtures/dutchShapes4.ts';
import { worth } from './worthCli.ts';

/** A progress reporter that writes down what it is told. */
function recorder(): { progress: Progress; events: string[] } {
  const events: string[] = [];
  return {
    events,
    progress: {
      start: (label, total) => events.push(`start ${label} /${total}`),
      update: (done) => events.push(`update ${done}`),
      stop: () => events.push('stop'),
    },
  };
}

function exportFile(): { root: string; file: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'worth-initprogress-'));
  const x = joinedMonthlyExports(71);
  const file = path.join(root, x.name);
  writeFileSync(file, x.bytes);
  return { root, file };
}

describe('init --from progress', () => {
  it('goes through copy, read, recognise and the trial load with Dutch labels for a Dutch export, and stops', async () => {
    const { root, file } = exportFile();
    const { progress, events } = recorder();
    await initFromExport(path.join(root, 'ws'), file, { progress });
    const starts = events.filter((e) => e.startsWith('start'));
    const name = path.basename(file);
    expect(starts.slice(0, 4)).toEqual([
      `start ${name}: export kopiëren /4`,
      `start ${name}: export lezen /4`,
      `start ${name}: kolommen herkennen /4`,
      `start ${name}: proeflading /4`,
    ]);
    // The trial load's own steps under the same label (not "ingest").
    expect(starts.length).toBeGreaterThan(4);
    for (const s of starts.slice(4)) expect(s).toMatch(new RegExp(`^start ${name}: proeflading /[0-9]+$`));
    expect(events.filter((e) => e.startsWith('update')).length).toBeGreaterThan(4);
    expect(events[events.length - 1]).toBe('stop');
  }, 300_000);

  it('piped: only the final lines, no bar', () => {
    const { root, file } = exportFile();
    const r = worth(['init', path.join(root, 'ws'), '--from', file]);
    expect(r.status, r.stderr).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/stappen|steps|\[█|░/);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('worth.yaml geschreven');
  }, 300_000);
});
