import type { Controller, ControllerAction, ObservationBatch } from '../sim/controller';
import { LookaheadPrey } from '../sim/scenarios/tag/lookahead';
import type { TagScenario } from '../sim/scenarios/tag/scenario';

/** Tag prey that plan ten steps ahead in a copy of the world (see `LookaheadPrey`). */
export class LookaheadController implements Controller {
  readonly id = 'lookahead';
  private readonly planner = new LookaheadPrey();

  act(batch: ObservationBatch): ControllerAction[] {
    const tag = batch.ctx.scenario as TagScenario;
    return batch.agents.map((s) => this.planner.act(tag, s.index));
  }
}
