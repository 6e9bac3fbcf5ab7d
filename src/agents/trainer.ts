import { ArenaInputError } from '../sim/errors';
import { FastRandom } from '../sim/fastRandom';
import type { Scenario } from '../sim/scenario';
import { scenarioEntry } from '../sim/scenarios';
import { VectorEnv, type RoleBatch } from '../sim/vectorEnv';
import { resolvePPOConfig, type PPOConfig } from './config';
import { computeGae } from './gae';
import type { DenseWeights } from './mlp';
import { PolicyGroup, type GroupSpec } from './policyGroup';
import { Adam } from './adam';
import { ValueNorm } from './valueNorm';
import { minibatchGradients } from './minibatchGradients';
import type { GradientSplitter } from './gradientSplitter';
import { logProb, sampleLogits } from './categorical';
import { base64ToF32 } from './base64';
import { layersFromJson, normFromJson, type CheckpointJson, type LoadedPolicyData } from './checkpoint';

export const ALGOS = ['independent', 'shared', 'mappo', 'comm', 'competitive'] as const;

/** competitive: share of iterations in which one side plays a frozen past snapshot of itself. */
const SNAPSHOT_PLAY = 0.3;
/** competitive: iterations between snapshots, and how many are kept. */
const SNAPSHOT_EVERY = 10;
const SNAPSHOT_POOL = 8;
export type Algo = (typeof ALGOS)[number];

/** Observation ranges that carry messages, per scenario and role (zeroed by the comm ablation). */
export const MESSAGE_RANGES: Record<string, Record<string, [number, number][]>> = {
  simple_speaker_listener: { listener: [[8, 11]] },
  simple_reference: { agent: [[11, 21]] },
};

/**
 * A fixed (not learning) policy for a whole role, e.g. a scripted opponent: it writes the role's discrete
 * actions for env `e` into `role.actions`. Supplied from outside, so the trainer needs no controller code.
 */
export interface FixedRolePolicy {
  act(role: RoleBatch, e: number, scenario: Scenario, t: number): void;
  /** What it must remember for an exact resume (JSON), and how it takes it back. */
  getState?(): unknown;
  setState?(state: unknown): void;
}

export interface TrainerOptions {
  scenario: string;
  options?: Record<string, unknown>;
  algo: Algo;
  config?: Partial<PPOConfig>;
  /** comm ablation: agents receive all-zero messages. */
  zeroMessages?: boolean;
  /** Roles played by a fixed policy instead of being trained (e.g. `{ good: scripted prey }`). */
  fixedRoles?: Record<string, FixedRolePolicy>;
}

export interface IterationMetrics {
  iteration: number;
  step: number;
  seconds: number;
  envStepsPerSec: number;
  agentSamplesPerSec: number;
  /** Share of the iteration's time spent in the update (the rest is rollout). */
  updateShare: number;
  learningRate: number;
  /** competitive: the side that played a frozen snapshot this iteration (it did not learn). */
  frozen?: string;
  /** Mean per-agent return of episodes that ended in this iteration, per policy (NaN if none ended). */
  returns: Record<string, number>;
  /** Mean over all agents. */
  meanReturn: number;
  episodes: number;
  /** spread: share of landmarks occupied at the final step of the episodes that ended. */
  coverage?: number;
  pgLoss: number;
  vLoss: number;
  entropy: number;
  approxKl: number;
  clipFrac: number;
  /** Actor gradient norm before clipping. */
  gradNorm: number;
}

/**
 * PPO on the vector env for every algorithm: what differs is how agents are grouped into policies and what
 * the critic sees. independent: a policy per agent; shared: a policy per role (team); mappo: a shared actor
 * per role with a critic on the global state; comm: a policy per role where messages are actions learned
 * by the policy gradient through the env's comm channel; competitive: a policy per side (tag's predators and
 * prey) learning against each other, where now and then one side plays a frozen past snapshot of itself
 * (and does not learn that iteration), so neither side over-fits to the other's latest habits.
 */
export class Trainer {
  readonly cfg: PPOConfig;
  readonly algo: Algo;
  readonly venv: VectorEnv;
  readonly groups: PolicyGroup[];
  readonly scenarioId: string;
  readonly options: Record<string, number | boolean>;
  readonly zeroMessages: boolean;
  readonly fixedRoles: Record<string, FixedRolePolicy>;
  step = 0;
  iteration = 0;
  readonly numIterations: number;

  private readonly sampleRng: FastRandom;
  private readonly shuffleRng: FastRandom;
  private readonly numAgents: number;
  private readonly globalDim: number;
  /** For the global state: where each env agent's obs lives. */
  private readonly agentLoc: { role: RoleBatch; slot: number }[];
  private coverageSum = 0;
  private coverageCount = 0;
  private readonly snapshots = new Map<string, DenseWeights[][]>();
  private readonly opponentRng: FastRandom;
  /** competitive: the group playing a snapshot this iteration (or null). */
  frozen: string | null = null;
  /** Where minibatch gradients are computed: here (null), or split with worker threads (`useGradients`). */
  private gradients: GradientSplitter | null = null;
  /** Shaping (see PPOConfig.shaping): each agent's potential now, its potential at its episode's end, and the bonus of the last step; [env][agent]. */
  private readonly potential: Float64Array;
  private readonly finalPotential: Float64Array;
  private readonly shapingBonus: Float64Array;

  constructor(opts: TrainerOptions) {
    if (!(ALGOS as readonly string[]).includes(opts.algo)) throw new ArenaInputError('algo', opts.algo, ALGOS.join(', '));
    this.cfg = resolvePPOConfig(opts.config ?? {});
    this.algo = opts.algo;
    this.zeroMessages = opts.zeroMessages ?? false;
    this.fixedRoles = opts.fixedRoles ?? {};
    const entry = scenarioEntry(opts.scenario);
    this.scenarioId = entry.id;
    this.venv = new VectorEnv({ scenario: entry.id, options: { ...opts.options, continuous_actions: false }, numEnvs: this.cfg.numEnvs, seed: this.cfg.seed });
    const sc0 = this.venv.scenarios[0];
    this.options = { ...sc0.options };
    this.numAgents = sc0.agentNames.length;
    this.globalDim = sc0.obsDims.reduce((a, b) => a + b, 0);
    this.agentLoc = sc0.agentNames.map((_, i) => {
      const role = this.venv.roles.find((r) => r.agents.includes(i))!;
      return { role, slot: role.agents.indexOf(i) };
    });
    const stepsPerIteration = this.cfg.numEnvs * this.cfg.numSteps;
    this.numIterations = Math.max(1, Math.ceil(this.cfg.totalSteps / stepsPerIteration));

    const initRng = new FastRandom(this.cfg.seed * 7919 + 1);
    this.sampleRng = new FastRandom(this.cfg.seed * 7919 + 2);
    this.shuffleRng = new FastRandom(this.cfg.seed * 7919 + 3);
    this.opponentRng = new FastRandom(this.cfg.seed * 7919 + 4);
    if (opts.algo === 'competitive' && this.venv.roles.length - Object.keys(opts.fixedRoles ?? {}).length < 2) {
      throw new ArenaInputError('algo', opts.algo, 'a scenario with two sides (tag)', `${entry.id} has one team`);
    }
    for (const role of Object.keys(this.fixedRoles)) {
      if (!this.venv.roles.some((r) => r.name === role)) throw new ArenaInputError('fixedRoles', role, this.venv.roles.map((r) => r.name).join(', '));
    }
    if (Object.keys(this.fixedRoles).length >= this.venv.roles.length) throw new ArenaInputError('fixedRoles', Object.keys(this.fixedRoles), 'at most all roles but one (something must learn)');
    this.groups = this.groupSpecs().map((spec) => new PolicyGroup(spec, this.cfg.numEnvs, this.globalDim, this.numAgents, this.cfg, initRng));
    const cells = this.cfg.numEnvs * this.numAgents;
    this.potential = new Float64Array(cells);
    this.finalPotential = new Float64Array(cells);
    this.shapingBonus = new Float64Array(cells);
    this.resetPotentials();
    this.venv.onEpisodeEnd = (e, sc) => this.recordEpisodeEnd(e, sc);
  }

  /** Potentials of every agent in every env's current world (after a reset of the envs). */
  private resetPotentials(): void {
    if (this.cfg.shaping === 0) return;
    this.venv.scenarios.forEach((sc, e) => {
      for (let i = 0; i < this.numAgents; i++) this.potential[e * this.numAgents + i] = sc.shapingPotential(i);
    });
  }

  /**
   * After a step: the shaping bonus `shaping * (gamma * phi(s') - phi(s))` of every agent. An episode that
   * ended bootstraps from phi of its last world (kept before the auto-reset); the next one starts from its
   * own first world.
   */
  private updateShaping(): void {
    if (this.cfg.shaping === 0) return;
    const coef = this.cfg.shaping * (this.cfg.shapingAnneal ? Math.max(0, 1 - (this.iteration - 1) / this.numIterations) : 1);
    const n = this.numAgents;
    const venv = this.venv;
    for (let e = 0; e < this.cfg.numEnvs; e++) {
      const ended = venv.truncated[e] === 1 || venv.terminated[e] === 1;
      const sc = venv.scenarios[e];
      for (let i = 0; i < n; i++) {
        const k = e * n + i;
        const now = sc.shapingPotential(i);
        const next = ended ? this.finalPotential[k] : now;
        this.shapingBonus[k] = coef * (this.cfg.gamma * (venv.terminated[e] ? 0 : next) - this.potential[k]);
        this.potential[k] = now;
      }
    }
  }

  private groupSpecs(): GroupSpec[] {
    const critic = this.algo === 'mappo' ? 'global' : 'local';
    const specs: GroupSpec[] = [];
    for (const role of this.venv.roles) {
      if (this.fixedRoles[role.name]) continue;
      const zero = this.zeroMessages ? (MESSAGE_RANGES[this.scenarioId]?.[role.name] ?? []) : [];
      const slots = role.agents.map((_, k) => k);
      if (this.algo === 'independent') {
        for (const k of slots) specs.push({ id: role.agentNames[k], role, slots: [k], criticInput: critic, zeroRanges: zero });
      } else {
        specs.push({ id: role.name, role, slots, criticInput: critic, zeroRanges: zero });
      }
    }
    return specs;
  }

  private recordEpisodeEnd(e: number, sc: Scenario): void {
    if (this.cfg.shaping !== 0) for (let i = 0; i < this.numAgents; i++) this.finalPotential[e * this.numAgents + i] = sc.shapingPotential(i);
    if (this.scenarioId === 'simple_spread') {
      this.coverageSum += sc.info(0).occupied_landmarks / sc.world.numAgents;
      this.coverageCount++;
    }
  }

  /** Global state of env e (all observations in agent order) plus a one-hot of `agent`. */
  private writeGlobal(e: number, agent: number, final: boolean, out: Float32Array, offset: number): void {
    let o = offset;
    for (const { role, slot } of this.agentLoc) {
      const src = final ? role.finalObs : role.obs;
      const from = (e * role.count + slot) * role.obsDim;
      for (let k = 0; k < role.obsDim; k++) out[o++] = src[from + k];
    }
    for (let i = 0; i < this.numAgents; i++) out[o++] = i === agent ? 1 : 0;
  }

  /**
   * Actor and critic inputs of every row of a group for the current (or final) observations. With
   * `observe`, the raw rows first update the running normalisers (rollout steps only; bootstrap rows
   * are normalised with the statistics as they are).
   */
  private writeInputs(g: PolicyGroup, x: Float32Array, xOff: number, c: Float32Array, cOff: number, final: boolean, observe: boolean): void {
    const K = this.cfg.numEnvs;
    for (let e = 0; e < K; e++) {
      for (let j = 0; j < g.count; j++) {
        const row = e * g.count + j;
        g.writeActorInput(e, j, final, x, xOff + row * g.inDim);
        // a local critic shares the actor's input array: nothing more to write
        if (g.criticInput === 'global') this.writeGlobal(e, g.role.agents[g.slots[j]], final, c, cOff + row * g.criticDim);
      }
    }
    const rows = K * g.count;
    const norms: [{ observeAndApply(b: Float32Array, o: number, n: number): void; apply(b: Float32Array, o: number): void } | null, Float32Array, number, number][] = [
      [g.input.norm, x, xOff, g.inDim],
      [g.criticNorm, c, cOff, g.criticDim],
    ];
    for (const [norm, buf, off, dim] of norms) {
      if (!norm) continue;
      if (observe) norm.observeAndApply(buf, off, rows);
      else for (let r = 0; r < rows; r++) norm.apply(buf, off + r * dim);
    }
  }

  /** Sample one action per row from the logits; records log-probabilities. */
  private sample(g: PolicyGroup, logits: Float32Array, actions: Int32Array, logp: Float32Array, off: number): void {
    for (let r = 0; r < g.rows; r++) {
      const a = sampleLogits(logits, r, g.nActions, this.sampleRng);
      actions[off + r] = a;
      logp[off + r] = logProb(logits, r, g.nActions, a);
    }
  }

  /** Collect numSteps steps from every env with the current policies. */
  private rollout(): { returns: Record<string, number>; episodes: number } {
    const { numSteps: T, numEnvs: K } = this.cfg;
    const venv = this.venv;
    const retSum = new Map<string, number>();
    const retCount = new Map<string, number>();
    let episodes = 0;
    for (let t = 0; t < T; t++) {
      for (const g of this.groups) {
        const base = t * g.rows;
        this.writeInputs(g, g.x, base * g.inDim, g.c, base * g.criticDim, false, true);
        const { logits, values } = (this.frozen === g.id ? g.forwardOpponent : g.forward).call(g,g.x.subarray(base * g.inDim, (base + g.rows) * g.inDim), g.c.subarray(base * g.criticDim, (base + g.rows) * g.criticDim), g.rows);
        this.sample(g, logits, g.actions, g.logp, base);
        g.values.set(values, base);
        const ra = g.role.actions;
        for (let e = 0; e < K; e++) for (let j = 0; j < g.count; j++) ra[e * g.role.count + g.slots[j]] = g.actions[base + e * g.count + j];
      }
      for (const [name, policy] of Object.entries(this.fixedRoles)) {
        const role = venv.role(name);
        for (let e = 0; e < K; e++) policy.act(role, e, venv.scenarios[e], venv.t[e]);
      }
      venv.step();
      this.updateShaping();
      this.step += K;
      let anyEnded = false;
      for (let e = 0; e < K; e++) if (venv.truncated[e] || venv.terminated[e]) anyEnded = true;
      for (const g of this.groups) {
        const base = t * g.rows;
        for (let e = 0; e < K; e++) {
          const ended = venv.truncated[e] === 1 || venv.terminated[e] === 1;
          for (let j = 0; j < g.count; j++) {
            const row = base + e * g.count + j;
            const slot = e * g.role.count + g.slots[j];
            g.rewards[row] = g.role.rewards[slot] + this.shapingBonus[e * this.numAgents + g.role.agents[g.slots[j]]];
            g.episodeEnd[row] = ended ? 1 : 0;
            g.terminated[row] = venv.terminated[e];
            if (ended) {
              retSum.set(g.id, (retSum.get(g.id) ?? 0) + g.role.finishedReturns[slot]);
              retCount.set(g.id, (retCount.get(g.id) ?? 0) + 1);
            }
          }
        }
        if (anyEnded) {
          // value of the last observation of each truncated episode: the return bootstraps from it
          this.writeInputs(g, g.scratchX, 0, g.scratchC, 0, true, false);
          g.finalValues.set(g.criticOnly(g.scratchC, g.rows), base);
        }
      }
      if (anyEnded) for (let e = 0; e < K; e++) if (venv.truncated[e] || venv.terminated[e]) episodes++;
    }
    for (const g of this.groups) {
      this.writeInputs(g, g.scratchX, 0, g.scratchC, 0, false, false);
      g.lastValues.set(g.criticOnly(g.scratchC, g.rows));
    }
    const returns: Record<string, number> = {};
    for (const g of this.groups) returns[g.id] = (retSum.get(g.id) ?? NaN) / (retCount.get(g.id) ?? NaN);
    return { returns, episodes };
  }

  /** PPO update of one group over its rollout: epochs of shuffled minibatches. */
  private update(g: PolicyGroup, lr: number): { pgLoss: number; vLoss: number; entropy: number; approxKl: number; clipFrac: number; gradNorm: number } {
    const cfg = this.cfg;
    const N = cfg.numSteps * g.rows;
    computeGae({
      T: cfg.numSteps,
      N: g.rows,
      rewards: g.rewards,
      values: g.values,
      episodeEnd: g.episodeEnd,
      terminated: g.terminated,
      finalValues: g.finalValues,
      lastValues: g.lastValues,
      gamma: cfg.gamma,
      lambda: cfg.gaeLambda,
      advantages: g.advantages,
      returns: g.returns,
    });
    // the critic learns targets on the value normaliser's scale; old values move to it too (for clipping)
    const targets = g.returns.slice(0, N);
    const oldValues = g.values.slice(0, N);
    if (g.valueNorm) {
      g.valueNorm.update(targets, N);
      g.valueNorm.normalize(targets);
      g.valueNorm.normalize(oldValues);
    }
    const mbSize = Math.max(1, Math.floor(N / cfg.numMinibatches));
    const idx = Int32Array.from({ length: N }, (_, i) => i);
    const mbX = new Float32Array(mbSize * g.inDim);
    const mbC = new Float32Array(g.criticInput === 'global' ? mbSize * g.criticDim : 0);
    const mbA = new Int32Array(mbSize);
    const mbL = new Float32Array(mbSize);
    const mbV = new Float32Array(mbSize);
    const mbAdv = new Float32Array(mbSize);
    const mbR = new Float32Array(mbSize);
    const stats = { pgLoss: 0, vLoss: 0, entropy: 0, approxKl: 0, clipFrac: 0, gradNorm: 0 };
    let batches = 0;
    const nActorVars = g.actor.variables().length;
    for (let epoch = 0; epoch < cfg.updateEpochs; epoch++) {
      for (let i = N - 1; i > 0; i--) {
        const j = this.shuffleRng.int(i + 1);
        const tmp = idx[i];
        idx[i] = idx[j];
        idx[j] = tmp;
      }
      for (let start = 0; start + mbSize <= N; start += mbSize) {
        let mean = 0;
        for (let k = 0; k < mbSize; k++) {
          const s = idx[start + k];
          mbX.set(g.x.subarray(s * g.inDim, (s + 1) * g.inDim), k * g.inDim);
          if (g.criticInput === 'global') mbC.set(g.c.subarray(s * g.criticDim, (s + 1) * g.criticDim), k * g.criticDim);
          mbA[k] = g.actions[s];
          mbL[k] = g.logp[s];
          mbV[k] = oldValues[s];
          mbAdv[k] = g.advantages[s];
          mbR[k] = targets[s];
          mean += mbAdv[k];
        }
        if (cfg.normAdv) {
          mean /= mbSize;
          let v = 0;
          for (let k = 0; k < mbSize; k++) v += (mbAdv[k] - mean) ** 2;
          const std = Math.sqrt(v / Math.max(1, mbSize - 1));
          for (let k = 0; k < mbSize; k++) mbAdv[k] = (mbAdv[k] - mean) / (std + 1e-8);
        }
        const mb = { rows: mbSize, inDim: g.inDim, criticDim: g.criticDim, x: mbX, c: g.criticInput === 'global' ? mbC : null, actions: mbA, logp: mbL, values: mbV, advantages: mbAdv, returns: mbR };
        const out = this.gradients ? this.gradients.compute(this.groups.indexOf(g), g, mb) : minibatchGradients(g.actor, g.critic, mb, cfg);
        // Adam and gradient clipping on the host: the actor and the critic are clipped separately, since
        // with MPE's unnormalised returns the critic's gradient would otherwise set the joint norm
        const actorNorm = Adam.norm(out.grads.slice(0, nActorVars));
        const criticNorm = Adam.norm(out.grads.slice(nActorVars));
        const actorScale = Math.min(1, cfg.maxGradNorm / (actorNorm + 1e-6));
        const criticScale = Math.min(1, cfg.maxGradNorm / (criticNorm + 1e-6));
        g.optimizer.step(g.params, out.grads, lr, g.params.map((_, k) => (k < nActorVars ? actorScale : criticScale)));
        g.pushParams();
        stats.pgLoss += out.stats[0];
        stats.vLoss += out.stats[1];
        stats.entropy += out.stats[2];
        stats.approxKl += out.stats[3];
        stats.clipFrac += out.stats[4];
        stats.gradNorm += actorNorm;
        batches++;
      }
    }
    for (const k of Object.keys(stats) as (keyof typeof stats)[]) stats[k] /= Math.max(1, batches);
    return stats;
  }

  /** One iteration: a rollout, then a PPO update of every policy. */
  trainIteration(): IterationMetrics {
    const t0 = performance.now();
    this.iteration++;
    this.coverageSum = 0;
    this.coverageCount = 0;
    const frac = this.cfg.annealLr ? 1 - (this.iteration - 1) / this.numIterations : 1;
    const lr = frac * this.cfg.learningRate;
    if (this.algo === 'competitive') this.pickOpponent();
    const { returns, episodes } = this.rollout();
    const t1 = performance.now();
    const per = this.groups.filter((g) => g.id !== this.frozen).map((g) => this.update(g, lr));
    if (this.algo === 'competitive' && this.iteration % SNAPSHOT_EVERY === 0) this.takeSnapshots();
    const t2 = performance.now();
    const avg = (k: keyof (typeof per)[0]) => per.reduce((a, p) => a + p[k], 0) / per.length;
    const seconds = (t2 - t0) / 1000;
    const envSteps = this.cfg.numEnvs * this.cfg.numSteps;
    const agentReturns = this.groups.map((g) => [returns[g.id], g.count] as const).filter(([r]) => Number.isFinite(r));
    const meanReturn = agentReturns.reduce((a, [r, n]) => a + r * n, 0) / agentReturns.reduce((a, [, n]) => a + n, 0);
    const metrics: IterationMetrics = {
      iteration: this.iteration,
      step: this.step,
      seconds,
      envStepsPerSec: envSteps / seconds,
      agentSamplesPerSec: (envSteps * this.numAgents) / seconds,
      updateShare: (t2 - t1) / (t2 - t0),
      learningRate: lr,
      returns,
      meanReturn,
      episodes,
      pgLoss: avg('pgLoss'),
      vLoss: avg('vLoss'),
      entropy: avg('entropy'),
      approxKl: avg('approxKl'),
      clipFrac: avg('clipFrac'),
      gradNorm: avg('gradNorm'),
    };
    if (this.coverageCount > 0) metrics.coverage = this.coverageSum / this.coverageCount;
    if (this.frozen) metrics.frozen = this.frozen;
    return metrics;
  }

  /** competitive: now and then one side (chosen at random) plays one of its past snapshots. */
  private pickOpponent(): void {
    this.frozen = null;
    const u = this.opponentRng.next();
    const side = this.groups[this.opponentRng.int(this.groups.length)];
    const pool = this.snapshots.get(side.id) ?? [];
    if (u < SNAPSHOT_PLAY && pool.length > 0) {
      side.setOpponent(pool[this.opponentRng.int(pool.length)]);
      this.frozen = side.id;
    }
  }

  private takeSnapshots(): void {
    for (const g of this.groups) {
      const pool = this.snapshots.get(g.id) ?? [];
      pool.push(g.actor.getWeights());
      if (pool.length > SNAPSHOT_POOL) pool.shift();
      this.snapshots.set(g.id, pool);
    }
  }

  /**
   * Compute each minibatch's gradient with `splitter` (worker threads sharing the rows). The same seed and
   * the same number of workers give the same run; a different number of workers sums in another order.
   */
  useGradients(splitter: GradientSplitter | null): void {
    this.gradients = splitter;
  }

  /** What the fixed-role opponents must remember for an exact resume. */
  opponentState(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [role, p] of Object.entries(this.fixedRoles)) if (p.getState) out[role] = p.getState();
    return out;
  }

  /** competitive: the past actor weights kept per policy. */
  snapshotPool(): Map<string, DenseWeights[][]> {
    return this.snapshots;
  }

  rngState(): Record<string, number> {
    return { sample: this.sampleRng.state, shuffle: this.shuffleRng.state, opponent: this.opponentRng.state };
  }

  /**
   * Continue from a checkpoint of the same scenario, algorithm and policies: weights, normalisers,
   * optimizer moments, generator states, counters, the envs mid-episode and the snapshot pool: the run goes on exactly as if never stopped.
   */
  async restore(ckpt: CheckpointJson, policies: LoadedPolicyData[]): Promise<string[]> {
    const warnings: string[] = [];
    if (ckpt.scenario.id !== this.scenarioId || ckpt.algo !== this.algo) {
      throw new ArenaInputError('checkpoint', `${ckpt.scenario.id}/${ckpt.algo}`, `a checkpoint of ${this.scenarioId}/${this.algo}`);
    }
    for (const g of this.groups) {
      const p = policies.find((x) => x.json.id === g.id);
      if (!p) throw new ArenaInputError('checkpoint.policies', policies.map((x) => x.json.id), `a policy with id ${g.id}`);
      if (p.json.observation.dim + p.json.observation.agentIdDim !== g.inDim || p.json.critic.inputDim !== g.criticDim || p.actor[0].outputs !== this.cfg.hidden) {
        throw new ArenaInputError(`checkpoint.policies.${g.id}`, 'its network sizes', `inputs ${g.inDim}, critic inputs ${g.criticDim}, hidden ${this.cfg.hidden}`);
      }
      if (p.json.actor.activation !== g.actor.activation) {
        throw new ArenaInputError(`checkpoint.policies.${g.id}.actor.activation`, p.json.actor.activation, `${g.actor.activation} (the training config's activation)`);
      }
      g.actor.setWeights(p.actor);
      g.critic.setWeights(p.critic);
      if (g.input.norm && p.json.observation.norm) Object.assign(g.input.norm, normFromJson(p.json.observation.norm, g.inDim));
      if (g.valueNorm && p.json.critic.valueNorm) {
        try {
          g.valueNorm = ValueNorm.fromJson(p.json.critic.valueNorm, 'valueNorm');
        } catch (err) {
          throw new ArenaInputError(`checkpoint.policies.${g.id}.critic.valueNorm`, p.json.critic.valueNorm, '{mean, meanSq, debias, beta}', (err as Error).message);
        }
      }
      if (g.criticNorm && p.json.critic.norm) Object.assign(g.criticNorm, normFromJson(p.json.critic.norm, g.criticDim));
      g.syncParams();
      const opt = ckpt.training?.optimizers[g.id];
      if (Array.isArray(opt)) {
        // checkpoints written before the optimizer moved to the host keep tfjs's layout
        warnings.push(`${g.id}: optimizer moments are in an older layout; Adam restarts from zero moments`);
      } else if (opt) {
        const sizes = g.params.map((p) => p.length);
        try {
          g.optimizer.setState({ t: opt.t, m: opt.m.map((b, k) => base64ToF32(b, sizes[k])), v: opt.v.map((b, k) => base64ToF32(b, sizes[k])) });
        } catch (err) {
          throw new ArenaInputError(`checkpoint.training.optimizers.${g.id}`, 'its moments', `${sizes.length} arrays sized ${sizes.join(', ')}`, (err as Error).message);
        }
      }
    }
    if (ckpt.training?.rng) {
      this.sampleRng.state = ckpt.training.rng.sample;
      this.shuffleRng.state = ckpt.training.rng.shuffle;
      if (ckpt.training.rng.opponent !== undefined) this.opponentRng.state = ckpt.training.rng.opponent;
    }
    for (const [id, pool] of Object.entries(ckpt.training?.snapshots ?? {})) {
      const g = this.groups.find((x) => x.id === id);
      if (!g || !Array.isArray(pool)) throw new ArenaInputError(`checkpoint.training.snapshots.${id}`, typeof pool, `snapshots of ${this.groups.map((x) => x.id).join(', ')}`);
      this.snapshots.set(id, pool.map((layers, k) => layersFromJson(`training.snapshots.${id}[${k}]`, layers, g.actor.sizes)));
    }
    this.step = ckpt.step;
    this.iteration = ckpt.iteration;
    for (const [role, st] of Object.entries(ckpt.training?.opponents ?? {})) this.fixedRoles[role]?.setState?.(st);
    if (ckpt.training?.envs) this.venv.setState(ckpt.training.envs);
    else {
      warnings.push('the checkpoint holds no env state (written by an older version): the envs restart with fresh episodes, so the curve will not match an uninterrupted run');
      this.venv.reset(this.cfg.seed + 1000 * this.iteration);
    }
    this.resetPotentials();
    return warnings;
  }

  get done(): boolean {
    return this.iteration >= this.numIterations;
  }

  dispose(): void {
    this.groups.forEach((g) => g.dispose());
    void this.gradients?.dispose();
  }

  /** Like dispose, and waits until gradient workers have stopped. */
  async disposeAsync(): Promise<void> {
    this.groups.forEach((g) => g.dispose());
    await this.gradients?.dispose();
  }
}
