import { FastRandom } from '../sim/fastRandom';
import type { DrivenAgent, Controller, ControllerAction, ObservationBatch } from '../sim/controller';

/** Uniform over the agent's discrete actions: PettingZoo's `action_space.sample()` baseline. */
export class RandomController implements Controller {
  readonly id = 'random';
  private readonly rng: FastRandom;

  constructor(seed = 0) {
    this.rng = new FastRandom(seed);
  }

  /** The generator's state (training checkpoints keep it, so a resumed run draws the same actions). */
  getState(): number {
    return this.rng.state;
  }

  setState(state: unknown): void {
    this.rng.restore(state, 'random controller state');
  }

  act(batch: ObservationBatch): ControllerAction[] {
    return batch.agents.map((slot: DrivenAgent) => (slot.discreteSpace.type === 'Discrete' ? this.rng.int(slot.discreteSpace.n) : 0));
  }
}
