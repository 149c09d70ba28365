/** YAML aliases are bounded (alias bombs), with the file and the line of the first alias. */
import { describe, expect, it } from 'vitest';
import { MAX_YAML_ALIASES, parseYaml } from '../../src/workspace/index.ts';

describe('YAML alias limit', () => {
  it('an alias bomb is refused with the file and the line of the first alias', () => {
    const bomb = [
      'company: x',
      'a: &a [1,2,3,4,5,6,7,8,9]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    ].join('\n');
    expect(() => parseYaml(bomb, 'worth.yaml')).toThrow(
      `worth.yaml line 3: its aliases (*name) expand to too many copies (expected at most ${MAX_YAML_ALIASES} alias expansions; write the values out instead)`,
    );
  });

  it('ordinary aliases still work', () => {
    expect(parseYaml('base: &f { delimiter: ";" }\nother: *f\n', 'worth.yaml').value).toEqual({
      base: { delimiter: ';' },
      other: { delimiter: ';' },
    });
  });
});
