import type { ControllerAction, ObservationBatch } from '../../controller';
import { MOVE_COUNT } from '../../actions';
import { heard, moveToHeard } from '../../steering';
import type { SpeakerListenerScenario } from './scenario';

/** The speaker says the goal; the listener goes to the landmark it hears. */
export function scripted(batch: ObservationBatch): ControllerAction[] {
  const sl = batch.ctx.scenario as SpeakerListenerScenario;
  const w = sl.world;
  return batch.agents.map((s, k) => {
    if (s.role === 'speaker') return sl.goalLandmark; // discrete: say k
    const out = new Float32Array(MOVE_COUNT);
    moveToHeard(w, s.index, heard(batch.obs[k], batch.obs[k].length - w.dimC, w.dimC), out);
    return out;
  });
}
