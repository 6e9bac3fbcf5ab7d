import { ArenaInputError } from '../sim/errors';
import { findNonFinite, NonFiniteError } from '../sim/json';
import { FastRandom } from '../sim/fastRandom';
import { scenarioEntry } from '../sim/scenarios';
import { VectorEnv } from '../sim/vectorEnv';
import { ALGOS, trainingPolicySpecs, type Algo } from './algorithms';
import { resolvePPOConfig, type PPOConfig } from './config';
import type { GradientSplitter } from './gradientSplitter';
import { minibatchGradients } from './minibatchGradients';
import { DiverseActor } from './diverseActor';
import { TrainingPolicy } from './trainingPolicy';
import { ppoUpdate, type UpdateStats } from './ppoUpdate';
import { RewardShaping } from './rewardShaping';
import { RolloutCollector, type FixedRole } from './rollout';
import { SnapshotPool } from './snapshotPool';

export { ALGOS, type Algo } from './algorithms';
export type { FixedRole } from './rollout';

export interface TrainerOptions {
  scenario: string;
  options?: Record<string, unknown>;
  algo: Algo;
  config?: Partial<PPOConfig>;
  /** comm ablation: agents receive all-zero messages. */
  zeroMessages?: boolean;
  /** Roles played by a fixed policy instead of being trained (e.g. `{ good: scripted prey }`). */
  fixedRoles?: Record<string, FixedRole>;
  /** Warm start (`warmStartSteps`): per learning role, the controller whose actions the actor imitates. */
  teachers?: Record<string, FixedRole>;
}

export interface IterationMetrics extends UpdateStats {
  iteration: number;
  step: number;
  seconds: number;
  envStepsPerSec: number;
  agentSamplesPerSec: number;
  /** Share of the iteration's time spent in the update (the rest is rollout). */
  updateShare: number;
  learningRate: number;
  /** competitive: the team that played a frozen snapshot this iteration (it did not learn). */
  frozen?: string;
  /** Warm start: the actors imitated the scripted controller this iteration. */
  imitation?: boolean;
  entCoef: number;
  /** Curriculum: the scenario's difficulty in this iteration's rollout (1: PettingZoo's rules). */
  difficulty: number;
  /** Mean per-agent return (PettingZoo's reward) of episodes that ended in this iteration, per policy (NaN if none ended). */
  returns: Record<string, number>;
  /** Mean over all agents. */
  meanReturn: number;
  episodes: number;
  /** Value normaliser: mean and std of the critic's targets (returns), averaged over the learning policies. */
  valueMean?: number;
  valueStd?: number;
  /** Diversity set-point runs: the acting team's measured diversity on this rollout (mean over diverse teams). */
  diversity?: number;
  /** spread: share of landmarks occupied at the final step of the episodes that ended. */
  coverage?: number;
  /** speaker-listener: the listener's distance to its goal at the end of the episodes that ended. */
  finalDistance?: number;
}

/**
 * PPO on the vector env for every algorithm (the table in `algorithms.ts` says how agents are split into
 * policies and what critics see). Each iteration reads like CleanRL's `ppo.py`: anneal the learning rate,
 * collect a rollout, compute advantages and update every learning policy, log.
 */
export class Trainer {
  readonly cfg: PPOConfig;
  readonly algo: Algo;
  readonly venv: VectorEnv;
  readonly policies: TrainingPolicy[];
  readonly scenarioId: string;
  readonly options: Record<string, number | boolean>;
  readonly zeroMessages: boolean;
  readonly fixedRoles: Record<string, FixedRole>;
  /** Warm start: per learning role, the controllers that label its states. */
  readonly teachers: Record<string, FixedRole>;
  readonly numIterations: number;
  readonly numAgents: number;
  step = 0;
  iteration = 0;
  /** Seeded generators: action sampling (in the collector), minibatch shuffling, competitive snapshots. */
  readonly shuffleRng: FastRandom;
  readonly shaping: RewardShaping;
  readonly collector: RolloutCollector;
  readonly pool: SnapshotPool;
  /** competitive: the policy playing a snapshot this iteration (or null). */
  frozen: string | null = null;
  /** Where minibatch gradients are computed: here (null), or split with worker threads (`useGradients`). */
  private gradients: GradientSplitter | null = null;

  constructor(opts: TrainerOptions) {
    if (!(ALGOS as readonly string[]).includes(opts.algo)) throw new ArenaInputError('algo', opts.algo, ALGOS.join(', '));
    this.cfg = resolvePPOConfig(opts.config ?? {});
    this.algo = opts.algo;
    this.zeroMessages = opts.zeroMessages ?? false;
    this.fixedRoles = opts.fixedRoles ?? {};
    this.teachers = opts.teachers ?? {};
    const entry = scenarioEntry(opts.scenario);
    this.scenarioId = entry.id;
    this.venv = new VectorEnv({ scenario: entry.id, options: { ...opts.options, continuous_actions: false }, numEnvs: this.cfg.numEnvs, seed: this.cfg.seed });
    const sc0 = this.venv.scenarios[0];
    this.options = { ...sc0.options };
    this.numAgents = sc0.agentNames.length;
    this.numIterations = Math.max(1, Math.ceil(this.cfg.totalSteps / (this.cfg.numEnvs * this.cfg.numSteps)));
    const fixed = Object.keys(this.fixedRoles);
    if (opts.algo === 'competitive' && this.venv.roles.length - fixed.length < 2) {
      throw new ArenaInputError('algo', opts.algo, 'a scenario with two teams (tag)', `${entry.id} has one team`);
    }
    for (const role of fixed) {
      if (!this.venv.roles.some((r) => r.name === role)) throw new ArenaInputError('fixedRoles', role, this.venv.roles.map((r) => r.name).join(', '));
    }
    for (const [role, controllers] of [...Object.entries(this.fixedRoles), ...Object.entries(this.teachers)]) {
      if (controllers.length !== this.cfg.numEnvs) {
        throw new ArenaInputError(
          `fixedRoles.${role}`,
          `${controllers.length} controllers`,
          `one controller per env: ${this.cfg.numEnvs} (the trainer's numEnvs)`,
        );
      }
    }
    if (fixed.length >= this.venv.roles.length) throw new ArenaInputError('fixedRoles', fixed, 'at most all roles but one (something must learn)');

    if (this.cfg.diversity > 0 && (this.cfg.agentId || this.cfg.normObs)) {
      throw new ArenaInputError(
        'diversity',
        this.cfg.diversity,
        `0 with ${this.cfg.agentId ? '--agent-id' : '--norm-obs'} (the per-agent parts are picked by a raw one-hot id, which the shared part does not read)`,
      );
    }
    if (this.cfg.surround > 0 && this.cfg.shaping === 0) {
      throw new ArenaInputError('surround', this.cfg.surround, '0 with --shaping 0 (the surround term is part of the shaping potential)');
    }
    const seed = this.cfg.seed * 7919;
    const initRng = new FastRandom(seed + 1);
    this.shuffleRng = new FastRandom(seed + 3);
    this.pool = new SnapshotPool(new FastRandom(seed + 4));
    const globalDim = sc0.obsDims.reduce((a, b) => a + b, 0);
    this.policies = trainingPolicySpecs(
      this.algo,
      this.venv.scenarios[0],
      this.venv.roles,
      new Set(fixed),
      this.zeroMessages,
      this.cfg.sortEntities,
      this.cfg.diversity,
      { comm: this.cfg.comm, viewRadius: this.cfg.viewRadius },
    ).map((spec) => new TrainingPolicy(spec, this.cfg.numEnvs, globalDim, this.numAgents, this.cfg, initRng));
    this.shaping = new RewardShaping(this.venv, this.cfg);
    if (this.cfg.warmStartSteps > 0) {
      const untaught = [...new Set(this.policies.map((g) => g.role.name))].filter((r) => !this.teachers[r]);
      if (untaught.length)
        throw new ArenaInputError('warmStartSteps', this.cfg.warmStartSteps, `0, or a teacher for every learning role (missing: ${untaught.join(', ')})`);
    }
    // a scenario without a curriculum says so now, not at the first iteration
    if (this.cfg.curriculumStart < 1) this.applyCurriculum();
    this.collector = new RolloutCollector(this.venv, this.policies, this.cfg, this.fixedRoles, this.shaping, new FastRandom(seed + 2), this.teachers);
  }

  /** One iteration: a rollout, then a PPO update of every learning policy. */
  trainIteration(): IterationMetrics {
    const t0 = performance.now();
    this.iteration++;
    const progress = (this.iteration - 1) / this.numIterations;
    const lr = (this.cfg.annealLr ? 1 - progress : 1) * this.cfg.learningRate;
    this.frozen = this.algo === 'competitive' ? this.pool.pick(this.policies) : null;
    const imitation = this.step < this.cfg.warmStartSteps;
    const difficulty = this.difficulty;
    if (this.cfg.curriculumStart < 1) this.applyCurriculum();
    const { entCoef: ent0, entCoefEnd: ent1 } = this.cfg;
    const entCoef = ent1 < 0 ? ent0 : ent0 + (ent1 - ent0) * progress;
    const loss = { clipCoef: this.cfg.clipCoef, clipVloss: this.cfg.clipVloss, entCoef, vfCoef: this.cfg.vfCoef, huberDelta: this.cfg.huberDelta };

    // rollout
    const rollout = this.collector.collect(this.frozen, progress, imitation);
    this.step += this.cfg.numEnvs * this.cfg.numSteps;
    const t1 = performance.now();

    // diversity: how far apart the acting team's agents were on this rollout's observations
    const diverse = this.policies.filter((g) => g.actor instanceof DiverseActor && g.id !== this.frozen);
    const rolloutRows = this.cfg.numSteps * this.cfg.numEnvs;
    const measured = diverse.map((g) => (g.actor as DiverseActor).measure(g.actorInputs, rolloutRows * g.count));

    // advantages and update
    const gradients = (g: TrainingPolicy, mb: Parameters<typeof minibatchGradients>[2]) =>
      this.gradients ? this.gradients.compute(this.policies.indexOf(g), g, mb, loss) : minibatchGradients(g.actor, g.critic, mb, loss);
    const per = this.policies.filter((g) => g.id !== this.frozen).map((g) => ppoUpdate(g, this.cfg, lr, this.shuffleRng, gradients, imitation));
    if (this.algo === 'competitive') this.pool.maybeSnapshot(this.iteration, this.policies);
    // the next rollout acts with parts scaled back to the set-point, measured on the rollout just learnt from
    diverse.forEach((g) => (g.actor as DiverseActor).calibrate(g.actorInputs, rolloutRows * g.count));
    const t2 = performance.now();

    // log
    const avg = (k: keyof UpdateStats) => per.reduce((a, p) => a + p[k], 0) / per.length;
    const seconds = Math.max(1e-6, (t2 - t0) / 1000); // a timer tick of 0 would write Infinity rates
    const envSteps = this.cfg.numEnvs * this.cfg.numSteps;
    const agentReturns = this.policies.map((g) => [rollout.returns[g.id], g.count] as const).filter(([r]) => Number.isFinite(r));
    const meanReturn = agentReturns.reduce((a, [r, n]) => a + r * n, 0) / agentReturns.reduce((a, [, n]) => a + n, 0);
    const metrics: IterationMetrics = {
      iteration: this.iteration,
      step: this.step,
      seconds,
      envStepsPerSec: envSteps / seconds,
      agentSamplesPerSec: (envSteps * this.numAgents) / seconds,
      updateShare: t2 > t0 ? (t2 - t1) / (t2 - t0) : 0,
      learningRate: lr,
      entCoef,
      difficulty,
      returns: rollout.returns,
      meanReturn,
      episodes: rollout.episodes,
      pgLoss: avg('pgLoss'),
      vLoss: avg('vLoss'),
      entropy: avg('entropy'),
      approxKl: avg('approxKl'),
      clipFrac: avg('clipFrac'),
      gradNorm: avg('gradNorm'),
    };
    const scales = this.policies.filter((g) => g.id !== this.frozen && g.valueNorm).map((g) => g.valueNorm!.stats());
    if (scales.length) {
      metrics.valueMean = scales.reduce((a, s) => a + s.mean, 0) / scales.length;
      metrics.valueStd = scales.reduce((a, s) => a + s.std, 0) / scales.length;
    }
    Object.assign(metrics, rollout.finalMeasures); // the scenario's end-of-episode measures (spread: coverage)
    if (diverse.length) metrics.diversity = measured.reduce((a, b) => a + b, 0) / measured.length;
    if (this.frozen) metrics.frozen = this.frozen;
    if (imitation) metrics.imitation = true;
    this.checkFinite(metrics, Object.keys(rollout.finalMeasures));
    return metrics;
  }

  /**
   * Stop a run that diverged before it writes anything: a weight, optimizer moment or training statistic
   * that is not finite throws a NonFiniteError naming it (an episode measure with no episode stays NaN,
   * written as null: no data, not a fault).
   */
  private checkFinite(m: IterationMetrics, episodeMeasures: string[]): void {
    const noEpisode = new Set(['returns', 'meanReturn', ...episodeMeasures]);
    const stats = Object.fromEntries(Object.entries(m).filter(([k]) => !noEpisode.has(k)));
    const at = `training iteration ${this.iteration}`;
    const bad = findNonFinite(stats, 'metrics');
    if (bad) throw new NonFiniteError(at, bad);
    for (const g of this.policies) {
      const where =
        findNonFinite(g.params, `policies.${g.id}.params`) ??
        findNonFinite({ t: g.optimizer.t, m: g.optimizer.m, v: g.optimizer.v }, `policies.${g.id}.optimizer`) ??
        findNonFinite(g.valueNorm?.toJson() ?? null, `policies.${g.id}.valueNorm`);
      if (where) throw new NonFiniteError(at, where);
    }
  }

  /** The curriculum's difficulty at the current step (1: PettingZoo's rules). */
  get difficulty(): number {
    const { curriculumStart: f0, curriculumSteps, totalSteps } = this.cfg;
    const span = curriculumSteps > 0 ? curriculumSteps : totalSteps;
    return f0 + (1 - f0) * Math.min(1, this.step / span);
  }

  private applyCurriculum(): void {
    const f = this.difficulty;
    for (const sc of this.venv.scenarios) sc.setTrainingDifficulty(f);
  }

  /**
   * Compute each minibatch's gradient with `splitter` (worker threads sharing the rows). The same seed and
   * the same number of workers give the same run; a different number of workers sums in another order.
   */
  useGradients(splitter: GradientSplitter | null): void {
    this.gradients = splitter;
  }

  rngState(): Record<string, number> {
    return { sample: this.collector.sampleRng.state, shuffle: this.shuffleRng.state, opponent: this.pool.rng.state };
  }

  get done(): boolean {
    return this.iteration >= this.numIterations;
  }

  dispose(): void {
    this.policies.forEach((g) => g.dispose());
    void this.gradients?.dispose();
  }

  /** Like dispose, and waits until gradient workers have stopped. */
  async disposeAsync(): Promise<void> {
    this.policies.forEach((g) => g.dispose());
    await this.gradients?.dispose();
  }
}
