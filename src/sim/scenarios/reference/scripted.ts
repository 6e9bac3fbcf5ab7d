import type { ControllerAction, ObservationBatch } from '../../controller';
import { MOVE_COUNT } from '../../actions';
import { heard, moveToHeard } from '../../steering';

/** Each agent says its partner's goal and goes to the landmark its partner says. */
export function scripted(batch: ObservationBatch): ControllerAction[] {
  const w = batch.ctx.scenario.world;
  return batch.agents.map((s, k) => {
    const out = new Float32Array(MOVE_COUNT + w.dimC);
    moveToHeard(w, s.index, heard(batch.obs[k], batch.obs[k].length - w.dimC, w.dimC), out);
    out[MOVE_COUNT + (w.goalB[s.index] - w.numAgents)] = 1; // tell the partner where to go
    return out;
  });
}
