import type { Scenario } from '../sim/scenario';
import type { VectorEnv } from '../sim/vectorEnv';
import type { PPOConfig } from './config';

/**
 * Training aids on the reward. Potential-based reward shaping: after every step each agent's training
 * reward gets `weight * (gamma * phi(s') - phi(s))` with the scenario's potential phi
 * (`Scenario.shapingPotentials`). An episode that ended bootstraps from phi of its last world (kept before
 * the auto-reset); the next one starts from its own first world. And the boundary weight: the scenario's
 * boundary penalty of the world after the step counts `boundaryWeight` times instead of once (it is not
 * potential-based: it changes what is best, towards staying in the arena). Logged returns and evaluation
 * never see either.
 */
export class RewardShaping {
  /** Bonus of the last step, [env][agent]. */
  readonly bonus: Float64Array;
  private readonly potential: Float64Array;
  private readonly finalPotential: Float64Array;
  /** Boundary penalties of every env's world after the step, [env][agent] (an ended episode: its last world). */
  private readonly penalty: Float64Array;
  /** Potentials of one env's world right after the step. */
  private readonly now: Float64Array;
  private readonly numAgents: number;

  constructor(
    private readonly venv: VectorEnv,
    private readonly cfg: PPOConfig,
  ) {
    this.numAgents = venv.scenarios[0].agentNames.length;
    const cells = cfg.numEnvs * this.numAgents;
    this.bonus = new Float64Array(cells);
    this.potential = new Float64Array(cells);
    this.finalPotential = new Float64Array(cells);
    this.penalty = new Float64Array(cells);
    this.now = new Float64Array(this.numAgents);
    if (cfg.surround !== 0) for (const sc of venv.scenarios) sc.setSurroundWeight(cfg.surround);
    this.reset();
  }

  get active(): boolean {
    return this.cfg.shaping !== 0 || this.cfg.boundaryWeight !== 1;
  }

  /** Potentials of every env's current world (after the envs were reset or restored). */
  reset(): void {
    if (!this.active) return;
    this.venv.scenarios.forEach((sc, e) => sc.shapingPotentials(this.potential, e * this.numAgents));
  }

  /** Env `e` ended an episode: remember the potentials of its last world. */
  episodeEnded(e: number, sc: Scenario): void {
    if (!this.active) return;
    sc.shapingPotentials(this.finalPotential, e * this.numAgents);
    if (this.cfg.boundaryWeight !== 1) sc.boundaryPenalties(this.penalty, e * this.numAgents);
  }

  /** After a step: every agent's bonus; `progress` (0..1 through the run) fades the weight with `shapingAnneal`. */
  afterStep(progress: number): void {
    if (!this.active) return;
    const weight = this.cfg.shaping * (this.cfg.shapingAnneal ? Math.max(0, 1 - progress) : 1);
    const extraPenalty = this.cfg.boundaryWeight - 1;
    const n = this.numAgents;
    const venv = this.venv;
    for (let e = 0; e < this.cfg.numEnvs; e++) {
      const ended = venv.truncated[e] === 1 || venv.terminated[e] === 1;
      venv.scenarios[e].shapingPotentials(this.now, 0);
      if (extraPenalty !== 0 && !ended) venv.scenarios[e].boundaryPenalties(this.penalty, e * n);
      for (let i = 0; i < n; i++) {
        const k = e * n + i;
        const next = venv.terminated[e] ? 0 : ended ? this.finalPotential[k] : this.now[i];
        this.bonus[k] = weight * (this.cfg.gamma * next - this.potential[k]) - extraPenalty * this.penalty[k];
        this.potential[k] = this.now[i];
      }
    }
  }
}
