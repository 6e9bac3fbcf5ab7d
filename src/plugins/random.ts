import { FastRandom } from '../sim/fastRandom';
import type { AgentSlot, Controller, ControllerAction, ObservationBatch } from './controller';

/** Uniform over the agent's discrete actions: PettingZoo's `action_space.sample()` baseline. */
export class RandomController implements Controller {
  readonly id = 'random';
  private readonly rng: FastRandom;

  constructor(seed = 0) {
    this.rng = new FastRandom(seed);
  }

  act(batch: ObservationBatch): ControllerAction[] {
    return batch.agents.map((slot: AgentSlot) => (slot.discreteSpace.type === 'Discrete' ? this.rng.int(slot.discreteSpace.n) : 0));
  }
}
