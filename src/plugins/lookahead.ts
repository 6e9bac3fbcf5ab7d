import { sampleLogits } from '../agents/categorical';
import { ArenaInputError } from '../sim/errors';
import { FastRandom } from '../sim/fastRandom';
import { MOVE_COUNT } from '../sim/actions';
import type { Controller, ControllerAction, ObservationBatch } from '../sim/controller';
import { LookaheadPrey } from '../sim/scenarios/tag/lookahead';
import type { TagScenario } from '../sim/scenarios/tag/scenario';

/**
 * Tag prey that plan ten steps ahead in a copy of the world (see `LookaheadPrey`). With a `temperature`
 * above 0 the move is drawn from a softmax of the moves' values divided by it, instead of the best one:
 * as a warm start's teacher, its labels then say how much worse the other moves are, not just which move
 * won a near tie (half of the planner's choices beat the runner-up by less than 0.08 of reward).
 */
export class LookaheadController implements Controller {
  readonly id: string = 'lookahead';
  protected planner = new LookaheadPrey();
  protected readonly rng: FastRandom;
  private readonly values = new Float64Array(MOVE_COUNT);
  private readonly logits = new Float64Array(MOVE_COUNT);

  constructor(
    seed = 0,
    protected temperature = 0,
  ) {
    if (!(temperature >= 0 && Number.isFinite(temperature))) throw new ArenaInputError('lookahead temperature', temperature, 'a finite number >= 0');
    this.rng = new FastRandom(seed);
  }

  /** The generator's state (training checkpoints keep it, so a resumed warm start draws the same labels). */
  getState(): unknown {
    return this.rng.state;
  }

  setState(state: unknown): void {
    this.rng.restore(state, 'lookahead controller state');
  }

  act(batch: ObservationBatch): ControllerAction[] {
    const tag = batch.ctx.scenario as TagScenario;
    // at temperature 0 the sampler's argmax: the best move, ties keeping the earlier one as the planner's do
    const rng = this.temperature > 0 ? this.rng : null;
    const scale = this.temperature > 0 ? this.temperature : 1;
    return batch.agents.map((s) => {
      this.planner.moveValues(tag, s.index, this.values);
      for (let m = 0; m < MOVE_COUNT; m++) this.logits[m] = this.values[m] / scale;
      return sampleLogits(this.logits, 0, MOVE_COUNT, rng);
    });
  }
}

/** Horizons and temperatures the varied lookahead prey draws from (one of each per episode). */
export const VARIED_HORIZONS = [3, 4, 5, 6, 8, 10, 12] as const;
export const VARIED_TEMPERATURES = [0, 0, 0.05, 0.1, 0.2, 0.4] as const;

/**
 * A family of planning prey for training predators: each episode draws a horizon (3 to 12 steps) and a
 * temperature (0: its best move; up to 0.4: a softmax of the moves' values), so a team meets short- and
 * far-sighted, sharp and sloppy evaders instead of learning one planner's habits.
 */
export class VariedLookaheadController extends LookaheadController {
  override readonly id = 'lookahead-varied';
  private readonly planners = new Map<number, LookaheadPrey>();

  episodeStart(): void {
    this.use(VARIED_HORIZONS[this.rng.int(VARIED_HORIZONS.length)], VARIED_TEMPERATURES[this.rng.int(VARIED_TEMPERATURES.length)]);
  }

  private use(horizon: number, temperature: number): void {
    this.temperature = temperature;
    let planner = this.planners.get(horizon);
    if (!planner) this.planners.set(horizon, (planner = new LookaheadPrey(horizon)));
    this.planner = planner;
  }

  /** The generator and this episode's draw (a resumed run goes on mid-episode with the same prey). */
  override getState(): { rng: number; horizon: number; temperature: number } {
    return { rng: this.rng.state, horizon: this.planner.horizon, temperature: this.temperature };
  }

  override setState(state: unknown): void {
    const s = state as { rng?: unknown; horizon?: unknown; temperature?: unknown } | null;
    const ok =
      s !== null &&
      typeof s === 'object' &&
      (VARIED_HORIZONS as readonly unknown[]).includes(s.horizon) &&
      (VARIED_TEMPERATURES as readonly unknown[]).includes(s.temperature);
    if (!ok)
      throw new ArenaInputError('lookahead-varied state', JSON.stringify(state)?.slice(0, 80), '{ rng, horizon, temperature } of a varied lookahead prey');
    super.setState(s.rng);
    this.use(s.horizon as number, s.temperature as number);
  }
}
