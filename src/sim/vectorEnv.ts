import { applyContinuousAction, applyDiscreteAction, checkAction } from './actions';
import { ArenaInputError } from './errors';
import { entropySeed, NumpyRandom } from './rng';
import type { Role, Scenario } from './scenario';
import { createScenario } from './scenarios';
import { actionWidth, type Space } from './spaces';
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
  /** Episodes finished since construction, over all envs. */
  episodesDone = 0;
  /** Called when env `e` ends an episode, before its auto-reset: read its final world here. */
  onEpisodeEnd: ((e: number, scenario: Scenario) => void) | null = null;

  private readonly rngs: NumpyRandom[] = [];
  private readonly rewardScratch: Float64Array;
  private readonly continuous: boolean;
  /** Per role: a caller's actions, copied before they are checked. */
  private readonly actionScratch: Float64Array[];

  constructor(config: VectorEnvConfig) {
    const { numEnvs } = config;
    if (!Number.isInteger(numEnvs) || numEnvs < 1 || numEnvs > 4096) {
      throw new ArenaInputError('numEnvs', numEnvs, 'an integer from 1 to 4096');
    }
    this.numEnvs = numEnvs;
    this.scenarios = Array.from({ length: numEnvs }, () => createScenario(config.scenario, config.options));
    const first = this.scenarios[0];
    this.maxCycles = first.maxCycles;
    this.continuous = first.continuousActions;
    this.roles = first.roles.map((role) => this.makeBatch(role, first));
    this.actionScratch = this.roles.map((r) => new Float64Array(r.actions.length));
    this.terminated = new Uint8Array(numEnvs);
    this.truncated = new Uint8Array(numEnvs);
    this.t = new Int32Array(numEnvs);
    this.rewardScratch = new Float64Array(first.agentNames.length);
    this.reset(config.seed);
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

  role(name: string): RoleBatch {
    const r = this.roles.find((x) => x.name === name);
    if (!r) throw new ArenaInputError('role', name, this.roles.map((x) => x.name).join(', '));
    return r;
  }

  /** Reset every env. With a seed, env i restarts from seed + i. */
  reset(seed?: number): void {
    if (seed !== undefined && (!Number.isSafeInteger(seed) || seed < 0)) {
      throw new ArenaInputError('seed', seed, 'a non-negative integer');
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
      episodesDone: this.episodesDone,
    };
  }

  /**
   * Continue from `getState()` of a vector env with the same scenario, options and size; `field` names it in
   * errors. The whole state is checked (every env) before any of it is applied.
   */
  setState(st: VectorEnvState, field = 'envState'): void {
    const checked = checkVectorEnvState(st, field, this.scenarios, this.roles);
    checked.worlds.forEach((world, e) => {
      applySnapshot(this.scenarios[e], world);
      this.t[e] = world.t;
      this.rngs[e] = new NumpyRandom(0);
      this.rngs[e].setState(checked.rngs[e]);
      this.writeObs(e, false);
    });
    this.roles.forEach((r, i) => r.episodeReturns.set(checked.returns[i]));
    this.episodesDone = checked.episodesDone;
    this.terminated.fill(0);
    this.truncated.fill(0);
  }

  /**
   * The actions to apply, checked before anything moves: the role buffers, or the given per-role arrays
   * read once each into scratch copies (a getter cannot answer differently after the check). Throws an
   * ArenaInputError naming the role, env and agent of the first bad value.
   */
  private readActions(actions?: ArrayLike<number>[]): void {
    if (actions !== undefined) {
      if (!Array.isArray(actions) || actions.length !== this.roles.length) {
        throw new ArenaInputError('actions', actions, `a list of ${this.roles.length} arrays, one per role (${this.roles.map((r) => r.name).join(', ')})`);
      }
      this.roles.forEach((r, i) => this.copyActions(r, i, actions[i]));
    }
    for (let ri = 0; ri < this.roles.length; ri++) {
      const r = this.roles[ri];
      const src = actions ? this.actionScratch[ri] : r.actions;
      const space = r.actionSpace;
      for (let slot = 0; slot < this.numEnvs * r.count; slot++) {
        const base = slot * r.actionWidth;
        let bad = false;
        for (let j = 0; j < r.actionWidth; j++) {
          const v = src[base + j];
          if (space.type === 'Discrete') bad = !(Number.isInteger(v) && v >= 0 && v < space.n);
          else bad = !(v >= space.low && v <= space.high);
          if (bad) break;
        }
        if (bad) {
          const value = space.type === 'Discrete' ? src[base] : Array.from({ length: r.actionWidth }, (_, j) => src[base + j]);
          checkAction(space, this.slotName(r, slot), value);
        }
      }
    }
  }

  private slotName(r: RoleBatch, slot: number): string {
    return `${r.agentNames[slot % r.count]} (env ${Math.floor(slot / r.count)}, role ${r.name})`;
  }

  /** Role `i`'s actions from a caller, each value read once into the role's scratch copy. */
  private copyActions(r: RoleBatch, i: number, a: unknown): void {
    const want = r.actions.length;
    const length = a !== null && typeof a === 'object' ? (a as ArrayLike<unknown>).length : undefined;
    if (length !== want) {
      throw new ArenaInputError(`actions[${i}] (${r.name})`, a, `${want} numbers (${this.numEnvs} envs x ${r.count} agents x ${r.actionWidth})`);
    }
    const copy = this.actionScratch[i];
    for (let k = 0; k < want; k++) {
      const v: unknown = (a as ArrayLike<unknown>)[k];
      // a string or null would become a number in the copy: refused here, as the single env refuses it
      if (typeof v !== 'number') {
        const space = r.actionSpace;
        const allowed = space.type === 'Discrete' ? `an integer from 0 to ${space.n - 1}` : `numbers in [${space.low}, ${space.high}]`;
        throw new ArenaInputError(`actions.${this.slotName(r, Math.floor(k / r.actionWidth))}`, v, allowed, `component ${k % r.actionWidth}`);
      }
      copy[k] = v;
    }
  }

  /**
   * Step every env with the actions in the role buffers (or copies of `actions`, one array per role).
   * Envs whose episode ends are reset at once: `finalObs` and `finishedReturns` keep what ended.
   */
  step(actions?: ArrayLike<number>[]): void {
    this.readActions(actions);
    if (actions) this.roles.forEach((r, i) => r.actions.set(this.actionScratch[i]));

    const rew = this.rewardScratch;
    for (let e = 0; e < this.numEnvs; e++) {
      const sc = this.scenarios[e];
      const world = sc.world;
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
      if (done) {
        this.writeObs(e, true);
        for (const r of this.roles) {
          for (let k = 0; k < r.count; k++) {
            const slot = e * r.count + k;
            r.finishedReturns[slot] = r.episodeReturns[slot];
            r.episodeReturns[slot] = 0;
          }
        }
        this.episodesDone++;
        this.onEpisodeEnd?.(e, sc);
        this.resetEnv(e);
      } else {
        this.writeObs(e, false);
      }
    }
  }
}
