/**
 * A folder or file name in a command Worth prints to copy (`worth ingest {dir:sh}`) is one word
 * to the shell: as it is when plain, in double quotes with a space, in single quotes when double
 * quotes would leave a character special. Each case is checked against bash itself.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fill, shellWord } from '../../src/words/index.ts';

/** The words bash makes of `printf '%s\n' <text>`. */
function bashWords(text: string): string[] {
  const r = spawnSync('bash', ['-c', `printf '%s\\n' ${text}`], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').slice(0, -1);
}

describe('shellWord', () => {
  it('leaves a plain path as it is, letters of any script included', () => {
    for (const p of ['/tmp/my-company', 'demo-workspace', '/data/Bakkerij_Ĳssel.é', 'C:/Users/x', '.'])
      expect(shellWord(p)).toBe(p);
  });

  it('quotes a path with a space, a quote, $, `, \\, !, * or ( so that bash reads it back whole', () => {
    const paths = [
      '/tmp/Bakkerij Ĳssel é',
      "/tmp/Jansen's Bakkerij",
      '/tmp/a $HOME b',
      '/tmp/a`b`',
      '/tmp/a\\b',
      '/tmp/wow!',
      '/tmp/*',
      '/tmp/(2024)',
      '/tmp/"quoted"',
      '',
    ];
    for (const p of paths) {
      expect(shellWord(p)).not.toBe(p);
      expect(bashWords(shellWord(p)), shellWord(p)).toEqual([p]);
    }
    expect(shellWord('/tmp/Bakkerij Ĳssel é')).toBe('"/tmp/Bakkerij Ĳssel é"');
  });

  it('is what {name:sh} fills in a template; {name} stays the value as it is', () => {
    const vars = { dir: '/tmp/Mijn Bedrijf' };
    expect(fill('`worth ingest {dir:sh}` in {dir}', vars)).toBe(
      '`worth ingest "/tmp/Mijn Bedrijf"` in /tmp/Mijn Bedrijf',
    );
  });
});
