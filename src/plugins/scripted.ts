import type { Controller, ControllerAction, ObservationBatch } from '../sim/controller';
import { SCENARIOS } from '../sim/scenarios';

/**
 * The hand-written baselines: each scenario's own rule (its folder's `scripted.ts`), for every role, e.g.
 * tag predators chase the nearest prey, spread agents take landmarks by greedy assignment, the speaker
 * says the goal.
 */
export class ScriptedController implements Controller {
  readonly id = 'scripted';

  act(batch: ObservationBatch): ControllerAction[] {
    // by id, not by name lookup: this runs every step for every env a scripted opponent plays
    return SCENARIOS[batch.ctx.scenario.id].scripted(batch);
  }
}
