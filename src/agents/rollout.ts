import { controllerActionToDiscrete } from '../sim/actions';
import type { Controller, DrivenAgent } from '../sim/controller';
import type { FastRandom } from '../sim/fastRandom';
import type { Scenario } from '../sim/scenario';
import type { EpisodeMeasure } from '../sim/episodeMeasures';
import { SCENARIOS } from '../sim/scenarios';
import type { RoleBatch, VectorEnv } from '../sim/vectorEnv';
import { logProb, sampleLogits } from './categorical';
import type { PPOConfig } from './config';
import type { TrainingPolicy } from './trainingPolicy';
import type { RewardShaping } from './rewardShaping';
import type { RunningMeanStd } from './runningStats';

/** The agents of role `roleName` as a controller sees them. */
export function drivenAgents(sc: Scenario, roleName: string): DrivenAgent[] {
  const r = sc.roles.find((x) => x.name === roleName)!;
  return r.agents.map((index) => ({ index, name: sc.agentNames[index], role: r.name, obsDim: r.obsDim, discreteSpace: r.actionSpace }));
}

/**
 * Controller `c` acts for `role` in env e of the vector env: its answers become the nearest discrete
 * actions in `role.actions`, and it starts its episode at t = 0.
 */
export function controllerActs(venv: VectorEnv, role: RoleBatch, c: Controller, e: number, agents: readonly DrivenAgent[]): void {
  const sc = venv.scenarios[e];
  const ctx = { scenario: sc, t: venv.t[e] };
  if (ctx.t === 0) c.episodeStart?.(ctx);
  const n = role.count;
  const obs = agents.map((_, k) => role.obs.subarray((e * n + k) * role.obsDim, (e * n + k + 1) * role.obsDim));
  const actions = c.act({ agents, obs, ctx });
  for (let k = 0; k < n; k++) role.actions[e * n + k] = controllerActionToDiscrete(actions[k], sc.world, agents[k].index);
}

/**
 * A role that does not learn (an opponent, or a warm start's teacher): one controller per env, the same
 * contract the game and `arena eval` drive agents with. Their answers become the nearest discrete action.
 */
export type FixedRole = readonly Controller[];

export interface RolloutResult {
  /** Mean PettingZoo return per agent of the episodes that ended, per policy (NaN if none ended). */
  returns: Record<string, number>;
  episodes: number;
  /** The scenario's final-step measures (spread: `coverage`), averaged over the episodes that ended. */
  finalMeasures: Record<string, number>;
}

/**
 * Collects `numSteps` steps from every env into each training policy's storage: inputs (normalisers learn
 * from the raw rows), sampled actions and their log-probabilities, values, training rewards (PettingZoo's
 * plus shaping), episode ends, and the values GAE bootstraps from.
 */
export class RolloutCollector {
  private readonly numAgents: number;
  /** For the global state: where each env agent's obs lives. */
  private readonly agentLoc: { role: RoleBatch; position: number }[];
  /** The scenario's measures taken at an episode's last step (spread's coverage), summed over the rollout's episodes. */
  private readonly finalMeasures: EpisodeMeasure[];
  private finalSums: number[] = [];
  private finalCount = 0;

  constructor(
    private readonly venv: VectorEnv,
    private readonly policies: readonly TrainingPolicy[],
    private readonly cfg: PPOConfig,
    private readonly fixedRoles: Record<string, FixedRole>,
    private readonly shaping: RewardShaping,
    readonly sampleRng: FastRandom,
    private readonly teachers: Record<string, FixedRole> = {},
  ) {
    const sc0 = venv.scenarios[0];
    this.numAgents = sc0.agentNames.length;
    this.agentLoc = sc0.agentNames.map((_, i) => {
      const role = venv.roles.find((r) => r.agents.includes(i))!;
      return { role, position: role.agents.indexOf(i) };
    });
    this.finalMeasures = (SCENARIOS[venv.scenarios[0].id]?.measures ?? []).filter((m) => m.over === 'final');
    venv.onEpisodeEnd = (e, sc) => this.episodeEnded(e, sc);
  }

  private episodeEnded(e: number, sc: Scenario): void {
    this.shaping.episodeEnded(e, sc);
    if (this.finalMeasures.length === 0) return;
    const infos = sc.agentNames.map((_, i) => sc.info(i));
    this.finalMeasures.forEach((m, k) => (this.finalSums[k] += m.value(sc, infos)));
    this.finalCount++;
  }

  /**
   * One rollout. `frozen`: the policy that acts with its snapshot actor (competitive); `progress`: 0..1
   * through the run; `label`: the teachers also say what they would do (warm start), into `teacherActions`.
   */
  collect(frozen: string | null, progress: number, label = false): RolloutResult {
    const { numSteps: T, numEnvs: K } = this.cfg;
    const venv = this.venv;
    const retSum = new Map<string, number>();
    const retCount = new Map<string, number>();
    let episodes = 0;
    this.finalSums = this.finalMeasures.map(() => 0);
    this.finalCount = 0;
    for (let t = 0; t < T; t++) {
      // act: every learning policy in one forward pass, then the fixed opponents
      for (const g of this.policies) {
        const base = t * g.rows;
        this.writeInputs(g, g.actorInputs, base * g.inDim, g.criticInputs, base * g.criticDim, false, true);
        const x = g.actorInputs.subarray(base * g.inDim, (base + g.rows) * g.inDim);
        const c = g.criticInputs.subarray(base * g.criticDim, (base + g.rows) * g.criticDim);
        const { logits, values } = frozen === g.id ? g.forwardOpponent(x, c, g.rows) : g.forward(x, c, g.rows);
        for (let r = 0; r < g.rows; r++) {
          const a = sampleLogits(logits, r, g.nActions, this.sampleRng);
          g.actions[base + r] = a;
          g.logp[base + r] = logProb(logits, r, g.nActions, a);
        }
        g.values.set(values, base);
        const ra = g.role.actions;
        for (let e = 0; e < K; e++) for (let j = 0; j < g.count; j++) ra[e * g.role.count + g.members[j]] = g.actions[base + e * g.count + j];
      }
      for (const [name, controllers] of Object.entries(this.fixedRoles)) for (let e = 0; e < K; e++) this.actFixed(venv.role(name), controllers[e], e);
      if (label) this.label(t);
      // step, then record rewards and episode ends
      venv.step();
      this.shaping.afterStep(progress);
      let anyEnded = false;
      for (let e = 0; e < K; e++) if (venv.truncated[e] || venv.terminated[e]) anyEnded = true;
      for (const g of this.policies) {
        const base = t * g.rows;
        for (let e = 0; e < K; e++) {
          const ended = venv.truncated[e] === 1 || venv.terminated[e] === 1;
          const teamMean = this.cfg.shareReward ? meanOf(g.role.rewards, e * g.role.count, g.role.count) : 0;
          for (let j = 0; j < g.count; j++) {
            const row = base + e * g.count + j;
            const roleRow = e * g.role.count + g.members[j];
            const own = this.cfg.shareReward ? teamMean : g.role.rewards[roleRow];
            g.rewards[row] = own + this.shaping.bonus[e * this.numAgents + g.role.agents[g.members[j]]];
            g.episodeEnd[row] = ended ? 1 : 0;
            g.terminated[row] = venv.terminated[e];
            if (ended) {
              retSum.set(g.id, (retSum.get(g.id) ?? 0) + g.role.finishedReturns[roleRow]);
              retCount.set(g.id, (retCount.get(g.id) ?? 0) + 1);
            }
          }
        }
        if (anyEnded) {
          // value of the last observation of each truncated episode: the return bootstraps from it
          this.writeInputs(g, g.scratchActorInputs, 0, g.scratchCriticInputs, 0, true, false);
          g.finalValues.set(g.criticOnly(g.scratchCriticInputs, g.rows), base);
        }
      }
      if (anyEnded) for (let e = 0; e < K; e++) if (venv.truncated[e] || venv.terminated[e]) episodes++;
    }
    for (const g of this.policies) {
      this.writeInputs(g, g.scratchActorInputs, 0, g.scratchCriticInputs, 0, false, false);
      g.lastValues.set(g.criticOnly(g.scratchCriticInputs, g.rows));
    }
    const returns: Record<string, number> = {};
    for (const g of this.policies) returns[g.id] = (retSum.get(g.id) ?? NaN) / (retCount.get(g.id) ?? NaN);
    const finalMeasures: Record<string, number> = {};
    if (this.finalCount > 0) this.finalMeasures.forEach((m, k) => (finalMeasures[m.name] = this.finalSums[k] / this.finalCount));
    return { returns, episodes, finalMeasures };
  }

  /** The agents of each fixed role as a controller sees them. */
  private readonly drivenByRole = new Map<string, DrivenAgent[]>();

  private actFixed(role: RoleBatch, c: Controller, e: number): void {
    let agents = this.drivenByRole.get(role.name);
    if (!agents) this.drivenByRole.set(role.name, (agents = drivenAgents(this.venv.scenarios[0], role.name)));
    controllerActs(this.venv, role, c, e, agents);
  }

  /** The learners' actions while a teacher writes its own into the role batch (reused every step). */
  private readonly chosenScratch = new Map<string, Int32Array | Float32Array>();

  /** The teachers' actions for step t's rows; the actions the learners chose stay the ones the envs take. */
  private label(t: number): void {
    const K = this.cfg.numEnvs;
    for (const [name, teacher] of Object.entries(this.teachers)) {
      const role = this.venv.role(name);
      let chosen = this.chosenScratch.get(name);
      if (!chosen) this.chosenScratch.set(name, (chosen = role.actions.slice()));
      else chosen.set(role.actions);
      for (let e = 0; e < K; e++) this.actFixed(role, teacher[e], e);
      for (const g of this.policies) {
        if (g.role !== role) continue;
        const base = t * g.rows;
        for (let e = 0; e < K; e++) for (let j = 0; j < g.count; j++) g.teacherActions[base + e * g.count + j] = role.actions[e * role.count + g.members[j]];
      }
      role.actions.set(chosen);
    }
  }

  /**
   * Global state of env e plus a one-hot of `agent`: every observation in agent order (PettingZoo's
   * `state()`), or with `agentSpecificState` the agent's own observation first and the others' after it
   * in cyclic order (MAPPO's agent-specific global state).
   */
  private writeGlobal(e: number, agent: number, final: boolean, out: Float32Array, offset: number): void {
    let o = offset;
    const n = this.agentLoc.length;
    const first = this.cfg.agentSpecificState ? agent : 0;
    for (let k = 0; k < n; k++) {
      const { role, position } = this.agentLoc[(first + k) % n];
      const src = final ? role.finalObs : role.obs;
      const from = (e * role.count + position) * role.obsDim;
      for (let d = 0; d < role.obsDim; d++) out[o++] = src[from + d];
    }
    for (let i = 0; i < this.numAgents; i++) out[o++] = i === agent ? 1 : 0;
  }

  /**
   * Actor and critic inputs of every row of a policy for the current (or final) observations. With
   * `observe`, the raw rows first update the running normalisers (rollout steps only; bootstrap rows
   * are normalised with the statistics as they are).
   */
  private writeInputs(g: TrainingPolicy, x: Float32Array, xOff: number, c: Float32Array, cOff: number, final: boolean, observe: boolean): void {
    const K = this.cfg.numEnvs;
    for (let e = 0; e < K; e++) {
      for (let j = 0; j < g.count; j++) {
        const row = e * g.count + j;
        g.writeActorInput(e, j, final, x, xOff + row * g.inDim);
        // a local critic shares the actor's input array: nothing more to write
        if (g.criticInput === 'global') this.writeGlobal(e, g.role.agents[g.members[j]], final, c, cOff + row * g.criticDim);
      }
    }
    const rows = K * g.count;
    normaliseRows(g.input.normaliser, x, xOff, g.inDim, rows, observe);
    normaliseRows(g.criticNormaliser, c, cOff, g.criticDim, rows, observe);
  }
}

/** `rows` rows of one input, normalised in place (with `observe`, after the statistics learned them). */
function normaliseRows(norm: RunningMeanStd | null, buf: Float32Array, off: number, dim: number, rows: number, observe: boolean): void {
  if (!norm) return;
  if (observe) norm.observeAndApply(buf, off, rows);
  else for (let r = 0; r < rows; r++) norm.apply(buf, off + r * dim);
}

/** Mean of `count` values of `xs` from `start` (a team's rewards in one env). */
function meanOf(xs: Float32Array, start: number, count: number): number {
  let sum = 0;
  for (let k = 0; k < count; k++) sum += xs[start + k];
  return sum / count;
}
