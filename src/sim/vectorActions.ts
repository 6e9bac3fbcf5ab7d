import { checkAction } from './actions';
import { ArenaInputError } from './errors';
import { isArenaInputError, unreadable } from './readInput';
import type { RoleBatch } from './vectorEnv';

/** An action slot as errors name it: agent, env and role. */
export function slotName(r: RoleBatch, slot: number): string {
  return `${r.agentNames[slot % r.count]} (env ${Math.floor(slot / r.count)}, role ${r.name})`;
}

/**
 * Check a vector env's actions before anything moves: the role buffers, or the given per-role arrays read
 * once each into `scratch` (a getter cannot answer differently after the check; one that throws is
 * refused by name). Throws an ArenaInputError naming the role, env and agent of the first bad value.
 */
export function readVectorActions(roles: readonly RoleBatch[], numEnvs: number, scratch: readonly Float64Array[], actions?: ArrayLike<number>[]): void {
  if (actions !== undefined) {
    // messages built only on failure: a good step allocates nothing
    const allowed = () => `a list of ${roles.length} arrays, one per role (${roles.map((r) => r.name).join(', ')})`;
    let i = -1;
    try {
      // Array.isArray throws on a revoked Proxy: inside the try
      if (!Array.isArray(actions) || actions.length !== roles.length) throw new ArenaInputError('actions', actions, allowed());
      for (i = 0; i < roles.length; i++) copyActions(roles[i], i, actions[i], numEnvs, scratch[i]);
    } catch (err) {
      if (isArenaInputError(err)) throw err;
      throw unreadable(i < 0 ? 'actions' : `actions[${i}] (${roles[i].name})`, allowed(), err);
    }
  }
  for (let ri = 0; ri < roles.length; ri++) {
    const r = roles[ri];
    const src = actions ? scratch[ri] : r.actions;
    const space = r.actionSpace;
    for (let slot = 0; slot < numEnvs * r.count; slot++) {
      const base = slot * r.actionWidth;
      let bad = false;
      for (let j = 0; j < r.actionWidth; j++) {
        const v = src[base + j];
        if (space.type === 'Discrete') bad = !(Number.isInteger(v) && v >= 0 && v < space.n);
        else bad = !(v >= space.low && v <= space.high);
        if (bad) break;
      }
      if (bad) {
        const value = space.type === 'Discrete' ? src[base] : Array.from({ length: r.actionWidth }, (_, j) => src[base + j]);
        checkAction(space, slotName(r, slot), value);
      }
    }
  }
}

/** Role `i`'s actions from a caller, each value read once into the role's scratch copy (no allocation). */
function copyActions(r: RoleBatch, i: number, a: unknown, numEnvs: number, copy: Float64Array): void {
  const want = r.actions.length;
  const allowed = () => `${want} numbers (${numEnvs} envs x ${r.count} agents x ${r.actionWidth})`;
  let k = -1;
  try {
    const length = a !== null && typeof a === 'object' ? (a as ArrayLike<unknown>).length : undefined;
    if (length !== want) throw new ArenaInputError(`actions[${i}] (${r.name})`, a, allowed());
    for (k = 0; k < want; k++) {
      const v: unknown = (a as ArrayLike<unknown>)[k];
      // a string or null would become a number in the copy: refused here, as the single env refuses it
      if (typeof v !== 'number') {
        const space = r.actionSpace;
        const one = space.type === 'Discrete' ? `an integer from 0 to ${space.n - 1}` : `numbers in [${space.low}, ${space.high}]`;
        throw new ArenaInputError(`actions.${slotName(r, Math.floor(k / r.actionWidth))}`, v, one, `component ${k % r.actionWidth}`);
      }
      copy[k] = v;
    }
  } catch (err) {
    if (isArenaInputError(err)) throw err;
    throw unreadable(k < 0 ? `actions[${i}] (${r.name})` : `actions[${i}][${k}] (${slotName(r, Math.floor(k / r.actionWidth))})`, allowed(), err);
  }
}
