import { expect } from 'vitest';
import { ArenaInputError } from '../../src/sim/errors';

/** `fn` throws an ArenaInputError whose field matches `field` (when given) and whose message matches `message`. */
export function expectRefused(fn: () => unknown, field: RegExp | null, message: RegExp): ArenaInputError {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ArenaInputError);
  const e = err as ArenaInputError;
  if (field) expect(e.field).toMatch(field);
  expect(e.message).toMatch(message);
  return e;
}

/** A getter's body that throws: hostile input read at the wrong moment. */
export const boom = (): never => {
  throw new Error('boom');
};

/** A revoked Proxy (typed as anything, as hostile callers pass it): any look at it throws. */
export const revoked = (): any => {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
};
