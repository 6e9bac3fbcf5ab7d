import { ArenaInputError, describeValue } from './errors';
import type { ControllerAction } from './controller';
import type { BoxSpace, Space } from './spaces';
import type { World } from './world';

/**
 * The one action codec: an agent's action as PettingZoo defines it, in its three forms.
 *
 * - **Discrete index** k: a movable agent's move is `k % 5` (no-op, left, right, down, up) and an agent that
 *   speaks says `floor(k / 5)` (or `k` itself when it cannot move), as a one-hot message.
 * - **Continuous vector**: 5 move values `[no_action, left, right, down, up]` (movable agents), then `dim_c`
 *   message values (speaking agents). The force is `(right - left, up - down) * sensitivity`, the
 *   differences rounded to float32 as NumPy does for float32 input; a `Float64Array` is treated like a
 *   float64 NumPy array (no rounding), like PettingZoo.
 * - **Move and symbol** (`decodeDiscrete` / `encodeDiscrete`), what both of the others are made of.
 *
 * The env applies both forms (`applyDiscreteAction`, `applyContinuousAction`); controllers convert between
 * them (`discreteToVector`, `vectorToDiscrete`, `directionToMove`). Nothing else knows the layout.
 */

const MOVE_X = [0, -1, 1, 0, 0];
const MOVE_Y = [0, 0, 0, -1, 1];
export const MOVE_COUNT = 5;

/** What an agent's actions hold: a move, a message, both (or neither). */
export interface ActionLayout {
  movable: boolean;
  speaks: boolean;
  /** Width of the continuous vector. */
  width: number;
  /** Size of the discrete space. */
  n: number;
}

export function actionLayout(world: World, agent: number): ActionLayout {
  const movable = world.isMovable(agent);
  const speaks = !world.isSilent(agent);
  return { movable, speaks, width: (movable ? MOVE_COUNT : 0) + (speaks ? world.dimC : 0), n: (movable ? MOVE_COUNT : 1) * (speaks ? world.dimC : 1) };
}

/** A discrete index as its move (0 for an agent that cannot move) and its spoken symbol. */
export function decodeDiscrete(k: number, movable: boolean): { move: number; say: number } {
  if (!movable) return { move: 0, say: k };
  const move = k % MOVE_COUNT;
  return { move, say: (k - move) / MOVE_COUNT };
}

export function encodeDiscrete(move: number, say: number, movable: boolean): number {
  return movable ? say * MOVE_COUNT + move : say;
}

export function applyDiscreteAction(world: World, agent: number, action: number): void {
  const s = world.sensitivity(agent);
  const dimC = world.dimC;
  const movable = world.isMovable(agent);
  const { move, say } = decodeDiscrete(action, movable);
  world.actionForce[2 * agent] = movable ? MOVE_X[move] * s : 0;
  world.actionForce[2 * agent + 1] = movable ? MOVE_Y[move] * s : 0;
  const off = agent * dimC;
  for (let j = 0; j < dimC; j++) world.actionComm[off + j] = 0;
  if (!world.isSilent(agent)) world.actionComm[off + say] = 1.0;
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

function boxAllowed(space: BoxSpace): string {
  const width = space.shape[0];
  return `${width} finite numbers in [${space.low}, ${space.high}] (Box(${space.low}, ${space.high}, (${width},), float32))`;
}

/** An array or a typed array of numbers (not a DataView, not BigInt64). */
function isVector(value: unknown): boolean {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array));
}

/** Throws an ArenaInputError naming the agent (or `field`) unless `value` is a valid action of `space`. */
export function checkAction(space: Space, agentName: string, value: unknown, field = `actions.${agentName}`): void {
  if (space.type === 'Discrete') {
    const allowed = `an integer from 0 to ${space.n - 1} (Discrete(${space.n}))`;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= space.n) {
      throw new ArenaInputError(field, value, allowed);
    }
    return;
  }
  const width = space.shape[0];
  const allowed = boxAllowed(space);
  if (!isVector(value)) throw new ArenaInputError(field, value, allowed);
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
 * The action `value` read exactly once into a plain copy, then checked (`checkAction`): the env uses only
 * the copy, so a getter or proxy that answers differently on a second read cannot slip past the check.
 * A `Float64Array` stays one (it means "no float32 rounding"); other vectors become plain arrays.
 */
export function readAction(space: Space, agentName: string, value: unknown): number | number[] | Float64Array {
  // a number is read once already; anything that is not a vector is refused by the check
  if (space.type === 'Discrete' || !isVector(value)) {
    checkAction(space, agentName, value);
    return value as number;
  }
  const arr = value as ArrayLike<unknown>;
  const length = arr.length;
  const width = space.shape[0];
  if (length !== width) throw new ArenaInputError(`actions.${agentName}`, value, boxAllowed(space), `length ${length} instead of ${width}`);
  const copy: unknown[] | Float64Array = value instanceof Float64Array ? new Float64Array(width) : new Array<unknown>(width);
  for (let j = 0; j < width; j++) copy[j] = arr[j] as number;
  checkAction(space, agentName, copy);
  return copy as number[] | Float64Array;
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

/**
 * A discrete action as the continuous vector that sets the very same force and message (one move
 * component 1, a one-hot message), so a discrete controller acts exactly as in PettingZoo's discrete env
 * when the env runs continuous actions (the game's does, for a human's diagonals).
 */
export function discreteToVector(k: number, world: World, agent: number, out?: Float32Array): Float32Array {
  const { movable, speaks, width } = actionLayout(world, agent);
  const vec = out ?? new Float32Array(width);
  vec.fill(0);
  const { move, say } = decodeDiscrete(k, movable);
  if (move > 0) vec[move] = 1;
  if (speaks) vec[(movable ? MOVE_COUNT : 0) + say] = 1;
  return vec;
}

/**
 * The discrete action closest to a continuous one: the move becomes the cardinal move along its larger
 * axis (no-op when it barely pushes), the message its strongest symbol.
 */
export function vectorToDiscrete(vec: ArrayLike<number>, world: World, agent: number): number {
  const { movable, speaks } = actionLayout(world, agent);
  let move = 0;
  if (movable) {
    const dx = vec[2] - vec[1];
    const dy = vec[4] - vec[3];
    if (Math.max(Math.abs(dx), Math.abs(dy)) >= 0.1) move = Math.abs(dx) >= Math.abs(dy) ? (dx > 0 ? 2 : 1) : dy > 0 ? 4 : 3;
  }
  if (!speaks) return move;
  const off = movable ? MOVE_COUNT : 0;
  let say = 0;
  for (let k = 1; k < world.dimC; k++) if (vec[off + k] > vec[off + say]) say = k;
  return encodeDiscrete(move, say, movable);
}

/**
 * A steering direction (any length; clipped to length 1) as the 5 move components. Diagonals keep the
 * length of a cardinal move, so a human is never faster than a discrete agent.
 */
export function directionToMove(dx: number, dy: number, out: Float32Array = new Float32Array(MOVE_COUNT), offset = 0): Float32Array {
  const len = Math.hypot(dx, dy);
  const scale = len > 1 ? 1 / len : 1;
  const x = Number.isFinite(dx) ? dx * scale : 0;
  const y = Number.isFinite(dy) ? dy * scale : 0;
  out[offset] = 0;
  out[offset + 1] = Math.max(0, -x);
  out[offset + 2] = Math.max(0, x);
  out[offset + 3] = Math.max(0, -y);
  out[offset + 4] = Math.max(0, y);
  return out;
}

/**
 * A controller's answer (a discrete index or a vector) as the continuous vector
 * the game's env takes, checked against the agent's spaces.
 */
export function controllerActionToVector(action: ControllerAction, discreteSpace: Space, world: World, agent: number, out?: Float32Array): Float32Array {
  if (typeof action !== 'number') {
    const { width } = actionLayout(world, agent);
    if (action.length !== width) throw new RangeError(`continuous action for ${world.entities[agent].name} needs ${width} values, got ${action.length}`);
    return action;
  }
  if (discreteSpace.type !== 'Discrete' || !Number.isInteger(action) || action < 0 || action >= discreteSpace.n) {
    throw new RangeError(`discrete action ${action} is outside ${JSON.stringify(discreteSpace)}`);
  }
  return discreteToVector(action, world, agent, out);
}

/** A controller's answer as the nearest discrete action (training against built-in controllers). */
export function controllerActionToDiscrete(action: ControllerAction, world: World, agent: number): number {
  return typeof action === 'number' ? action : vectorToDiscrete(action, world, agent);
}
