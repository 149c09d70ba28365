// The exhaustive-switch guard: a switch that misses a member of the union does not compile
// (checked by `npm run typecheck`, which `npm test` runs first), and reaching the guard at
// run time is a bug that names the value.
import { describe, expect, it } from 'vitest';
import { unreachable } from '../../src/core/index.ts';
import { driverTableOf, type CompiledActivity } from '../../src/costing/index.ts';

describe('unreachable', () => {
  it('compiles only when every member is handled', () => {
    const kindName = (k: CompiledActivity['kind']): string => {
      switch (k) {
        case 'time':
        case 'direct':
        case 'fixed':
          return k;
        default:
          // @ts-expect-error 'credit' is not handled, so k is not never here: the build fails (tsc reports an unused @ts-expect-error if this ever compiles)
          return unreachable(k, 'activity kind');
      }
    };
    expect(kindName('time')).toBe('time');
    expect(() => kindName('credit')).toThrow('unhandled activity kind: "credit"');
  });

  it('driverTableOf names the event table of time and direct activities only', () => {
    const common = { id: 'x', name: 'x', behaviour: 'fixed' as const, params: {} };
    expect(driverTableOf({ ...common, kind: 'credit', costOfCapital: 0.08 })).toBeNull();
    expect(driverTableOf({ ...common, kind: 'fixed', perCustomerPerYear: '10.00' })).toBeNull();
  });
});
