import { directionToMove } from './actions';
import type { World } from './world';

/** Small steering rules the scripted controllers share. All return a direction of length ≤ 1. */

export interface Vec {
  x: number;
  y: number;
}

const unit = (x: number, y: number): Vec => {
  const len = Math.hypot(x, y);
  return len > 1e-9 ? { x: x / len, y: y / len } : { x: 0, y: 0 };
};

/**
 * Arrive at a point: push towards it, brake with the current velocity so the agent settles instead of
 * orbiting (MPE damping alone lets it overshoot). `gain` trades speed for overshoot.
 */
export function arrive(world: World, agent: number, tx: number, ty: number, gain = 3, brake = 0.9): Vec {
  const px = world.pos[2 * agent];
  const py = world.pos[2 * agent + 1];
  const vx = world.vel[2 * agent];
  const vy = world.vel[2 * agent + 1];
  const fx = gain * (tx - px) - brake * gain * 0.35 * vx;
  const fy = gain * (ty - py) - brake * gain * 0.35 * vy;
  const len = Math.hypot(fx, fy);
  return len > 1 ? { x: fx / len, y: fy / len } : { x: fx, y: fy };
}

/** Full-speed pursuit of a moving target, aiming a little ahead of it. */
export function pursue(world: World, agent: number, target: number, lead = 0.25): Vec {
  const tx = world.pos[2 * target] + world.vel[2 * target] * lead;
  const ty = world.pos[2 * target + 1] + world.vel[2 * target + 1] * lead;
  const vx = world.vel[2 * agent];
  const vy = world.vel[2 * agent + 1];
  const d = unit(tx - world.pos[2 * agent], ty - world.pos[2 * agent + 1]);
  // steer the velocity towards the wanted one rather than only pushing at the target
  return unit(d.x * 1.5 - vx * 0.5, d.y * 1.5 - vy * 0.5);
}

/**
 * A pull back towards the centre along one axis: nothing inside |p| = 0.6, growing to dominate by 0.9,
 * where the prey's boundary penalty starts (tag, world_comm).
 */
export function wallPull(p: number): number {
  return Math.abs(p) > 0.6 ? -Math.sign(p) * ((Math.abs(p) - 0.6) / 0.3) ** 2 * 3 : 0;
}

export { unit };

/** Index of the largest value in `obs[from..from+n)`, or -1 when all are zero (nothing heard yet). */
export function heard(obs: Float32Array, from: number, n: number): number {
  let best = -1;
  let bestV = 0;
  for (let k = 0; k < n; k++) {
    if (obs[from + k] > bestV) {
      bestV = obs[from + k];
      best = k;
    }
  }
  return best;
}

/** Move part of an action towards landmark `heardIndex` (landmarks start after the agents), or brake. */
export function moveToHeard(world: World, agent: number, heardIndex: number, out: Float32Array): void {
  const landmark = world.numAgents + heardIndex;
  if (heardIndex < 0) {
    const v = arrive(world, agent, world.pos[2 * agent], world.pos[2 * agent + 1]);
    directionToMove(v.x, v.y, out, 0);
    return;
  }
  const dir = arrive(world, agent, world.pos[2 * landmark], world.pos[2 * landmark + 1]);
  directionToMove(dir.x, dir.y, out, 0);
}
