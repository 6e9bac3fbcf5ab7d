import { MOVE_COUNT } from '../sim/actions';
import type { Space } from '../sim/spaces';
import type { World } from '../sim/world';
import type { ControllerAction } from './controller';

/**
 * The game's env runs with continuous actions. A discrete action k becomes the one-hot vector that sets
 * the very same force and message (`(right - left) * s` with one component 1), so discrete controllers
 * behave exactly as in PettingZoo's discrete env, and continuous ones (a human's diagonal) also work.
 */
export function toContinuous(action: ControllerAction, discreteSpace: Space, world: World, agent: number, out?: Float32Array): Float32Array {
  const movable = world.isMovable(agent);
  const speaks = !world.isSilent(agent);
  const width = (movable ? MOVE_COUNT : 0) + (speaks ? world.dimC : 0);
  if (typeof action !== 'number') {
    if (action.length !== width) throw new RangeError(`continuous action for ${world.entities[agent].name} needs ${width} values, got ${action.length}`);
    return action;
  }
  if (discreteSpace.type !== 'Discrete' || !Number.isInteger(action) || action < 0 || action >= discreteSpace.n) {
    throw new RangeError(`discrete action ${action} is outside ${JSON.stringify(discreteSpace)}`);
  }
  const vec = out ?? new Float32Array(width);
  vec.fill(0);
  let k = action;
  if (movable) {
    const move = k % MOVE_COUNT;
    k = (k - move) / MOVE_COUNT;
    if (move > 0) vec[move] = 1;
  }
  if (speaks) vec[(movable ? MOVE_COUNT : 0) + k] = 1;
  return vec;
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
 * The discrete action closest to a controller's action, for a discrete env: a continuous move vector
 * becomes the cardinal move along its larger axis (no-op when it barely pushes); a message becomes
 * its strongest symbol.
 */
export function toDiscrete(action: ControllerAction, world: World, agent: number): number {
  if (typeof action === 'number') return action;
  const movable = world.isMovable(agent);
  let move = 0;
  let off = 0;
  if (movable) {
    const dx = action[2] - action[1];
    const dy = action[4] - action[3];
    if (Math.max(Math.abs(dx), Math.abs(dy)) >= 0.1) move = Math.abs(dx) >= Math.abs(dy) ? (dx > 0 ? 2 : 1) : dy > 0 ? 4 : 3;
    off = MOVE_COUNT;
  }
  if (world.isSilent(agent)) return move;
  let say = 0;
  for (let k = 1; k < world.dimC; k++) if (action[off + k] > action[off + say]) say = k;
  return movable ? say * MOVE_COUNT + move : say;
}
