import type { ControllerAction, ObservationBatch } from '../../controller';
import { goToLandmark } from '../spread/scripted';

/** Go to the landmark and brake there. */
export function scripted(batch: ObservationBatch): ControllerAction[] {
  const w = batch.ctx.scenario.world;
  return batch.agents.map((s) => goToLandmark(w, s.index, 1));
}
