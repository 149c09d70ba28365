/** Initiative files are checked when loaded: a break-even must name an effect the initiative has. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInitiative, TEMPLATES_DIR } from '../../src/scenario/index.ts';

const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return '(no error)';
};

describe('initiative validation', () => {
  it('a break-even on an effect the initiative does not list names the file, the line and the field', () => {
    const text = 'name: desk\neffects:\n  contacts: { value: 10, basis: judgment }\nbreak_even: frequency\n';
    const m = message(() => parseInitiative(text, 'desk.yaml'));
    expect(m).toContain('desk.yaml line 4 at break_even');
    expect(m).toContain('"frequency"');
    expect(m).toContain('contacts');
  });

  it('a break-even with no effects at all is refused too', () => {
    expect(message(() => parseInitiative('name: x\nbreak_even: retention\n', 'x.yaml'))).toMatch(
      /x\.yaml line 2 at break_even: "retention".*lists no effects/,
    );
  });

  it('a break-even on a listed effect loads', () => {
    const ini = parseInitiative(
      'name: ok\neffects:\n  retention: { value: 1, basis: measured }\nbreak_even: retention\n',
      'ok.yaml',
    );
    expect(ini.break_even).toBe('retention');
  });

  it('every shipped template loads (its break-even names one of its effects)', () => {
    const files = readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBe(11);
    for (const f of files) {
      const ini = parseInitiative(readFileSync(path.join(TEMPLATES_DIR, f), 'utf8'), f);
      if (ini.break_even) expect(Object.keys(ini.effects), f).toContain(ini.break_even);
    }
  });
});
