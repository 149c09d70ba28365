import { describe, expect, it } from 'vitest';
import { isLoopback, resolveToken, startServer } from '../../src/server/index.ts';

describe('the access rule', () => {
  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])
      expect(isLoopback(h), h).toBe(true);
    for (const h of ['0.0.0.0', '192.168.1.5', '::', 'example.com']) expect(isLoopback(h), h).toBe(false);
  });
  it('needs a token for any other address, from --token or WORTH_TOKEN', () => {
    expect(resolveToken('127.0.0.1', undefined, {})).toBeNull();
    expect(() => resolveToken('0.0.0.0', undefined, {})).toThrow(
      /0\.0\.0\.0 is not a loopback address.*--token or WORTH_TOKEN/,
    );
    expect(resolveToken('0.0.0.0', 't', {})).toBe('t');
    expect(resolveToken('0.0.0.0', undefined, { WORTH_TOKEN: 'e' })).toBe('e');
  });
  it('refuses to start before opening anything', async () => {
    await expect(startServer('/nonexistent-workspace', { host: '0.0.0.0', env: {} })).rejects.toThrow(
      /not a loopback address/,
    );
  });
});
