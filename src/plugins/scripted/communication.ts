import type { World } from '../../sim/world';
import { arrive } from '../steering';
import { directionToMove } from '../../sim/actions';

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
