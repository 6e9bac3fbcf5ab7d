import type { ControllerAction, ObservationBatch } from '../../controller';
import { greedyAssignment } from './scenario';
import type { World } from '../../world';
import { directionToMove } from '../../actions';
import { arrive } from '../../steering';

export function goToLandmark(world: World, agent: number, landmark: number): Float32Array {
  if (landmark < 0) return directionToMove(0, 0);
  const dir = arrive(world, agent, world.pos[2 * landmark], world.pos[2 * landmark + 1]);
  return directionToMove(dir.x, dir.y);
}

/** Every agent heads for the landmark a greedy assignment (closest pair first) gives it, and brakes there. */
export function scripted(batch: ObservationBatch): ControllerAction[] {
  const w = batch.ctx.scenario.world;
  const target = greedyAssignment(w, w.numAgents);
  return batch.agents.map((s) => goToLandmark(w, s.index, target[s.index]));
}
