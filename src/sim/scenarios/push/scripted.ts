import type { ControllerAction, ObservationBatch } from '../../controller';
import type { PushScenario } from './scenario';
import { directionToMove } from '../../actions';
import { arrive } from '../../steering';
import { goToLandmark } from '../spread/scripted';

/** Good agent: straight to its goal (it knows it from its own colour). */
export function reachGoal(sc: PushScenario): Float32Array {
  return goToLandmark(sc.world, 1, sc.goal);
}

/**
 * Adversary: guess the goal as the landmark the good agent is closest to and stand between the two,
 * a third of the way from the landmark, to block the approach.
 */
export function blockGoal(sc: PushScenario): Float32Array {
  const w = sc.world;
  const guess = w.distance(1, 2) <= w.distance(1, 3) ? 2 : 3;
  const tx = w.pos[2 * guess] + (w.pos[2] - w.pos[2 * guess]) / 3;
  const ty = w.pos[2 * guess + 1] + (w.pos[3] - w.pos[2 * guess + 1]) / 3;
  const dir = arrive(w, 0, tx, ty);
  return directionToMove(dir.x, dir.y);
}

/** The good agent goes to its goal; the adversary blocks the landmark it takes for the goal. */
export function scripted(batch: ObservationBatch): ControllerAction[] {
  const push = batch.ctx.scenario as PushScenario;
  return batch.agents.map((s) => (s.role === 'adversary' ? blockGoal(push) : reachGoal(push)));
}
