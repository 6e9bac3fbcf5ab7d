import type { World } from '../../sim/world';
import { directionToMove } from '../../sim/actions';
import { arrive } from '../steering';

export function goToLandmark(world: World, agent: number, landmark: number): Float32Array {
  if (landmark < 0) return directionToMove(0, 0);
  const dir = arrive(world, agent, world.pos[2 * landmark], world.pos[2 * landmark + 1]);
  return directionToMove(dir.x, dir.y);
}
