import { applyContinuousAction, applyDiscreteAction } from './actions';
import { ArenaInputError } from './errors';
import { inputError, isRecord, readOnlyError, readPlain, refuseUnknownKeys } from './readInput';
import { entropySeed, NumpyRandom } from './rng';
import type { Role, Scenario } from './scenario';
import { createScenario } from './scenarios';
import { actionWidth, type Space } from './spaces';
import { readVectorActions } from './vectorActions';
import { checkVectorEnvState, type VectorEnvState } from './vectorEnvState';
import { applySnapshot, snapshotOf } from './worldState';

/**
 * Flat buffers for one role (e.g. all adversaries of all envs), laid out `[env][agent of role][...]`.
 * Training code reads and writes these directly; nothing is allocated per step.
 */
export interface RoleBatch {
  name: string;
  /** Agent indices (environment order) that play this role in each env. */
  agents: readonly number[];
  agentNames: readonly string[];
  count: number;
  obsDim: number;
  actionSpace: Space;
  /** 1 for Discrete, the vector length for Box. */
  actionWidth: number;
  /** Current observations: numEnvs * count * obsDim. After an auto-reset, the new episode's first ones. */
  obs: Float32Array;
  /** Actions to apply at the next `step()`: Int32Array (Discrete) or Float32Array (Box), numEnvs * count * actionWidth. */
  actions: Int32Array | Float32Array;
  /** Rewards of the last step: numEnvs * count. */
  rewards: Float32Array;
  /** Last observation of an episode that ended at the last step (valid where `truncated`/`terminated` is set). */
  finalObs: Float32Array;
  /** Running return of the current episode per agent. */
  episodeReturns: Float64Array;
  /** Return of the episode that ended at the last step (valid where it ended). */
  finishedReturns: Float64Array;
}

export type { VectorEnvState } from './vectorEnvState';

export type EpisodeEndHook = (e: number, scenario: Scenario) => void;

export interface VectorEnvConfig {
  scenario: string;
  options?: Record<string, unknown>;
  numEnvs: number;
  /** Env i is reset with seed + i at the first reset (Gymnasium's convention); later resets continue its stream. */
  seed?: number;
}

/**
 * K copies of one scenario stepped together, with auto-reset. Observations, actions, rewards and done
 * flags live in flat typed arrays grouped by role, so a policy does one forward pass per role per step.
 */
export class VectorEnv {
  readonly numEnvs: number;
  readonly scenarios: readonly Scenario[];
  readonly roles: readonly RoleBatch[];
  readonly maxCycles: number;
  /** 1 where the env's episode ended at the last step (MPE never terminates; it truncates at max_cycles). */
  readonly terminated: Uint8Array;
  readonly truncated: Uint8Array;
  /** Steps taken in each env's current episode. */
  readonly t: Int32Array;
  private done = 0;
  private episodeEndHook: EpisodeEndHook | null = null;

  private readonly rngs: NumpyRandom[] = [];
  /** Set while `onEpisodeEnd` runs: a callback that steps, resets or loads would see (and break) a half-done step. */
  private inCallbacks = false;
  private readonly rewardScratch: Float64Array;
  private readonly continuous: boolean;
  /** Per role: a caller's actions, copied before they are checked. */
  private readonly actionScratch: Float64Array[];

  constructor(config: VectorEnvConfig) {
    const allowed = 'an object {scenario, options?, numEnvs, seed?}';
    const given = readPlain('VectorEnv config', config, allowed);
    if (!isRecord(given)) throw new ArenaInputError('VectorEnv config', given, allowed);
    refuseUnknownKeys('VectorEnv config', given, CONFIG_KEYS, allowed);
    const { scenario, options, numEnvs, seed } = given;
    if (typeof numEnvs !== 'number' || !Number.isInteger(numEnvs) || numEnvs < 1 || numEnvs > 4096) {
      throw new ArenaInputError('numEnvs', numEnvs, 'an integer from 1 to 4096');
    }
    this.numEnvs = numEnvs;
    this.scenarios = Array.from({ length: numEnvs }, () => createScenario(scenario as string, options as Record<string, unknown> | undefined));
    const first = this.scenarios[0];
    this.maxCycles = first.maxCycles;
    this.continuous = first.continuousActions;
    this.roles = first.roles.map((role) => this.makeBatch(role, first));
    this.actionScratch = this.roles.map((r) => new Float64Array(r.actions.length));
    this.terminated = new Uint8Array(numEnvs);
    this.truncated = new Uint8Array(numEnvs);
    this.t = new Int32Array(numEnvs);
    this.rewardScratch = new Float64Array(first.agentNames.length);
    this.reset(seed as number | undefined);
  }

  private makeBatch(role: Role, scenario: Scenario): RoleBatch {
    const n = this.numEnvs;
    const count = role.agents.length;
    const width = actionWidth(role.actionSpace);
    return {
      name: role.name,
      agents: role.agents,
      agentNames: role.agents.map((i) => scenario.agentNames[i]),
      count,
      obsDim: role.obsDim,
      actionSpace: role.actionSpace,
      actionWidth: width,
      obs: new Float32Array(n * count * role.obsDim),
      actions: role.actionSpace.type === 'Discrete' ? new Int32Array(n * count) : new Float32Array(n * count * width),
      rewards: new Float32Array(n * count),
      finalObs: new Float32Array(n * count * role.obsDim),
      episodeReturns: new Float64Array(n * count),
      finishedReturns: new Float64Array(n * count),
    };
  }

  /**
   * Called when env `e` ends an episode, after every env has stepped and before its auto-reset: read its
   * final world here. A function or null (checked here, not at the end of an episode).
   */
  get onEpisodeEnd(): EpisodeEndHook | null {
    return this.episodeEndHook;
  }
  set onEpisodeEnd(hook: EpisodeEndHook | null) {
    if (hook !== null && typeof hook !== 'function') throw new ArenaInputError('onEpisodeEnd', typeof hook, 'a function (e, scenario) => void, or null');
    this.episodeEndHook = hook;
  }

  /** Episodes finished since construction, over all envs (setState sets it). */
  get episodesDone(): number {
    return this.done;
  }
  set episodesDone(value: never) {
    throw readOnlyError('episodesDone', value, 'step() and setState()');
  }

  role(name: string): RoleBatch {
    const r = this.roles.find((x) => x.name === name);
    if (!r) throw inputError('role', name, this.roles.map((x) => x.name).join(', '));
    return r;
  }

  /** Reset every env. With a seed, env i restarts from seed + i. */
  reset(seed?: number): void {
    this.refuseInCallback('reset');
    if (seed !== undefined && (!Number.isSafeInteger(seed) || seed < 0)) {
      throw inputError('seed', seed, 'a non-negative integer');
    }
    const base = seed ?? entropySeed();
    for (let e = 0; e < this.numEnvs; e++) {
      this.rngs[e] = new NumpyRandom(BigInt(base) + BigInt(e));
      this.resetEnv(e);
    }
    this.terminated.fill(0);
    this.truncated.fill(0);
    for (const r of this.roles) r.episodeReturns.fill(0);
  }

  private resetEnv(e: number): void {
    const sc = this.scenarios[e];
    sc.resetWorld(this.rngs[e]);
    sc.world.syncBodies();
    this.t[e] = 0;
    this.writeObs(e, false);
  }

  private writeObs(e: number, final: boolean): void {
    const sc = this.scenarios[e];
    for (const r of this.roles) {
      const buf = final ? r.finalObs : r.obs;
      for (let k = 0; k < r.count; k++) sc.observe(r.agents[k], buf, (e * r.count + k) * r.obsDim);
    }
  }

  /** The envs' worlds, generators and running returns, to continue exactly (training checkpoints). */
  getState(): VectorEnvState {
    return {
      envs: this.scenarios.map((sc, e) => {
        const r = this.rngs[e].getState();
        return { world: snapshotOf(sc, this.t[e]), rng: { state: r.state.toString(), inc: r.inc.toString(), hasUint32: r.hasUint32, uinteger: r.uinteger } };
      }),
      episodeReturns: Object.fromEntries(this.roles.map((r) => [r.name, Array.from(r.episodeReturns)])),
      episodesDone: this.done,
    };
  }

  /**
   * Continue from `getState()` of a vector env with the same scenario, options and size; `field` names it in
   * errors. The whole state is checked (every env) before any of it is applied.
   */
  setState(st: VectorEnvState, field = 'envState'): void {
    this.refuseInCallback('setState');
    const given = readPlain(field, st, 'an object {envs, episodeReturns, episodesDone} (VectorEnv.getState())');
    const checked = checkVectorEnvState(given, field, this.scenarios, this.roles);
    checked.worlds.forEach((world, e) => {
      applySnapshot(this.scenarios[e], world);
      this.t[e] = world.t;
      this.rngs[e] = new NumpyRandom(0);
      this.rngs[e].setState(checked.rngs[e]);
      this.writeObs(e, false);
    });
    this.roles.forEach((r, i) => r.episodeReturns.set(checked.returns[i]));
    this.done = checked.episodesDone;
    this.terminated.fill(0);
    this.truncated.fill(0);
  }

  /**
   * Step every env with the actions in the role buffers (or copies of `actions`, one array per role).
   * Envs whose episode ends are reset at once: `finalObs` and `finishedReturns` keep what ended.
   * `onEpisodeEnd` runs after every env has stepped and before the ended ones reset; should it throw,
   * the resets still happen and the first error is rethrown, so the envs stay consistent.
   */
  step(actions?: ArrayLike<number>[]): void {
    this.refuseInCallback('step');
    readVectorActions(this.roles, this.numEnvs, this.actionScratch, actions);
    if (actions) this.roles.forEach((r, i) => r.actions.set(this.actionScratch[i]));
    for (let e = 0; e < this.numEnvs; e++) this.stepEnv(e);
    let failure: { err: unknown } | null = null;
    const hook = this.episodeEndHook;
    if (hook) {
      this.inCallbacks = true;
      for (let e = 0; e < this.numEnvs; e++) {
        if (!this.truncated[e]) continue;
        try {
          hook(e, this.scenarios[e]);
        } catch (err) {
          failure ??= { err };
        }
      }
      this.inCallbacks = false;
    }
    for (let e = 0; e < this.numEnvs; e++) if (this.truncated[e]) this.resetEnv(e);
    if (failure) throw failure.err;
  }

  /** One env's step: physics, rewards, returns; an ended episode's final observations and returns. */
  private stepEnv(e: number): void {
    const sc = this.scenarios[e];
    const world = sc.world;
    const rew = this.rewardScratch;
    for (const r of this.roles) {
      for (let k = 0; k < r.count; k++) {
        const slot = e * r.count + k;
        if (this.continuous) applyContinuousAction(world, r.agents[k], r.actions, slot * r.actionWidth);
        else applyDiscreteAction(world, r.agents[k], r.actions[slot]);
      }
    }
    world.step();
    this.t[e] += 1;
    sc.rewards(rew);
    for (const r of this.roles) {
      for (let k = 0; k < r.count; k++) {
        const slot = e * r.count + k;
        const v = rew[r.agents[k]];
        r.rewards[slot] = v;
        r.episodeReturns[slot] += v;
      }
    }
    const done = this.t[e] >= this.maxCycles;
    this.terminated[e] = 0;
    this.truncated[e] = done ? 1 : 0;
    if (!done) {
      this.writeObs(e, false);
      return;
    }
    this.writeObs(e, true);
    for (const r of this.roles) {
      for (let k = 0; k < r.count; k++) {
        const slot = e * r.count + k;
        r.finishedReturns[slot] = r.episodeReturns[slot];
        r.episodeReturns[slot] = 0;
      }
    }
    this.done++;
  }

  private refuseInCallback(call: string): void {
    if (this.inCallbacks) throw new ArenaInputError(call, 'a call from onEpisodeEnd', `${call}() after step() returns`, 'the step is not finished');
  }
}

const CONFIG_KEYS = ['scenario', 'options', 'numEnvs', 'seed'];
