import { ArenaInputError, describeValue } from './errors';
import type { Space } from './spaces';
import type { World } from './world';

/**
 * PettingZoo's `_set_action`: turn one agent's action into its force `u` and message `c`.
 *
 * Discrete: a movable agent's move is `k % 5` (no-op, left, right, down, up), and an agent that speaks
 * says `floor(k / 5)` (or `k` itself when it cannot move), as a one-hot message.
 * Continuous: the move part is 5 values `[no_action, left, right, down, up]`; the force is
 * `(right - left, up - down) * sensitivity`, with the differences rounded to float32 as NumPy does for
 * float32 input. A `Float64Array` is treated like a float64 NumPy array (no rounding), like PettingZoo.
 */

const MOVE_X = [0, -1, 1, 0, 0];
const MOVE_Y = [0, 0, 0, -1, 1];
export const MOVE_COUNT = 5;

export function applyDiscreteAction(world: World, agent: number, action: number): void {
  const s = world.sensitivity(agent);
  const dimC = world.dimC;
  let k = action;
  let fx = 0;
  let fy = 0;
  if (world.isMovable(agent)) {
    const move = k % MOVE_COUNT;
    k = (k - move) / MOVE_COUNT;
    fx = MOVE_X[move] * s;
    fy = MOVE_Y[move] * s;
  }
  world.actionForce[2 * agent] = fx;
  world.actionForce[2 * agent + 1] = fy;
  const off = agent * dimC;
  for (let j = 0; j < dimC; j++) world.actionComm[off + j] = 0;
  if (!world.isSilent(agent)) world.actionComm[off + k] = 1.0;
}

export function applyContinuousAction(world: World, agent: number, action: ArrayLike<number>, offset = 0): void {
  const asFloat64 = action instanceof Float64Array;
  const f = asFloat64 ? (v: number) => v : Math.fround;
  const dimC = world.dimC;
  let i = offset;
  let fx = 0;
  let fy = 0;
  if (world.isMovable(agent)) {
    const s = world.sensitivity(agent);
    fx = (0.0 + f(f(action[i + 2]) - f(action[i + 1]))) * s;
    fy = (0.0 + f(f(action[i + 4]) - f(action[i + 3]))) * s;
    i += MOVE_COUNT;
  }
  world.actionForce[2 * agent] = fx;
  world.actionForce[2 * agent + 1] = fy;
  const off = agent * dimC;
  const speaks = !world.isSilent(agent);
  for (let j = 0; j < dimC; j++) world.actionComm[off + j] = speaks ? f(action[i + j]) : 0;
}

/** Throws an ArenaInputError naming the agent unless `value` is a valid action of `space`. */
export function checkAction(space: Space, agentName: string, value: unknown): void {
  const field = `actions.${agentName}`;
  if (space.type === 'Discrete') {
    const allowed = `an integer from 0 to ${space.n - 1} (Discrete(${space.n}))`;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= space.n) {
      throw new ArenaInputError(field, value, allowed);
    }
    return;
  }
  const width = space.shape[0];
  const allowed = `${width} finite numbers in [${space.low}, ${space.high}] (Box(${space.low}, ${space.high}, (${width},), float32))`;
  const isArrayLike = Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array));
  if (!isArrayLike) throw new ArenaInputError(field, value, allowed);
  const arr = value as ArrayLike<unknown>;
  if (arr.length !== width) throw new ArenaInputError(field, value, allowed, `length ${arr.length} instead of ${width}`);
  for (let j = 0; j < width; j++) {
    const v = arr[j];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < space.low || v > space.high) {
      throw new ArenaInputError(field, value, allowed, `component ${j} is ${describeValue(v)}`);
    }
  }
}

/**
 * PettingZoo's `ClipOutOfBoundsWrapper` for continuous actions, for callers who want its leniency: values
 * outside [low, high] are clipped (a Float64Array stays float64, anything else becomes float32). The env
 * itself rejects out-of-range actions, so a bug upstream is seen rather than silently clipped. NaN is
 * still an error, as it is in PettingZoo.
 */
export function clipContinuousAction(space: Space, agentName: string, value: ArrayLike<number>): Float32Array | Float64Array {
  if (space.type !== 'Box') throw new ArenaInputError(`actions.${agentName}`, value, 'a Box action space (clipping applies to continuous actions)');
  const out = value instanceof Float64Array ? new Float64Array(value.length) : new Float32Array(value.length);
  for (let j = 0; j < value.length; j++) {
    const v = value[j];
    if (typeof v !== 'number' || Number.isNaN(v))
      throw new ArenaInputError(`actions.${agentName}`, value, 'numbers (NaN cannot be clipped)', `component ${j} is ${v}`);
    out[j] = Math.min(space.high, Math.max(space.low, v));
  }
  checkAction(space, agentName, out);
  return out;
}
