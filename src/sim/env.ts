import { applyContinuousAction, applyDiscreteAction, readAction } from './actions';
import { ArenaInputError, describeValue } from './errors';
import { guardRead, inputError, isRecord, readOnlyError, readPlain, refuseUnknownKeys } from './readInput';
import { entropySeed, NumpyRandom } from './rng';
import type { AgentInfo, Scenario } from './scenario';
import { scenarioEntry } from './scenarios';
import { BaseScenario } from './scenarios/common';
import { box, type BoxSpace, type Space } from './spaces';
import { loadSnapshot, snapshotOf, type WorldSnapshot } from './worldState';

export type AgentDict<T> = Record<string, T>;
export type Action = number | ArrayLike<number>;

export interface ResetResult {
  observations: AgentDict<Float32Array>;
  infos: AgentDict<AgentInfo>;
}

export interface StepResult {
  observations: AgentDict<Float32Array>;
  rewards: AgentDict<number>;
  terminations: AgentDict<boolean>;
  truncations: AgentDict<boolean>;
  infos: AgentDict<AgentInfo>;
}

export interface ResetArgs {
  /** Same seed → same episode; the same seed also gives the same start as PettingZoo's `reset(seed=...)`. */
  seed?: number;
  options?: Record<string, unknown>;
}

const NO_AGENTS: readonly string[] = Object.freeze([]);

/**
 * The PettingZoo parallel API over one MPE world:
 * `const env = new ParallelEnv('simple_spread', { N: 3 }); env.reset({ seed: 0 }); env.step({ agent_0: 4, ... })`.
 *
 * Observations are float32 (as PettingZoo's), rewards float64. After `max_cycles` steps every agent is
 * truncated and `agents` becomes empty; `reset()` starts the next episode. A rejected call throws an
 * ArenaInputError and leaves the env exactly as it was.
 */
export class ParallelEnv {
  readonly metadata: Readonly<{ name: string; is_parallelizable: true; render_fps: number }>;

  // private, behind getters: a caller writing `env.t = 'x'` or `env.agents = null` would corrupt the episode
  private readonly sc: Scenario;
  private readonly names: readonly string[];
  private live: readonly string[] = NO_AGENTS;
  private steps = 0;
  private rng: NumpyRandom | null = null;
  private readonly agentIndex = new Map<string, number>();
  private readonly rewardBuf: Float64Array;

  constructor(scenario: string | Scenario, options?: Record<string, unknown>) {
    if (typeof scenario === 'string') {
      const entry = scenarioEntry(scenario);
      const given = readPlain(`${entry.id} options`, options, `an object with keys ${Object.keys(entry.options).join(', ')}`);
      this.sc = entry.create(given as Record<string, unknown> | undefined);
    } else if (isScenario(scenario)) {
      this.sc = scenario;
    } else {
      const shown = scenario !== null && (typeof scenario === 'object' || typeof scenario === 'function') ? 'an object that is not a Scenario' : scenario;
      throw new ArenaInputError('ParallelEnv scenario', shown, 'a scenario name (simple_spread, simple_tag, ...) or a Scenario from createScenario()');
    }
    this.names = Object.freeze([...this.sc.agentNames]);
    this.names.forEach((name, i) => this.agentIndex.set(name, i));
    this.rewardBuf = new Float64Array(this.names.length);
    this.metadata = Object.freeze({ name: this.sc.envName, is_parallelizable: true, render_fps: 10 });
  }

  get scenario(): Scenario {
    return this.sc;
  }
  set scenario(value: never) {
    throw readOnly('scenario', value);
  }

  /** Every agent, in environment order (frozen). */
  get possibleAgents(): readonly string[] {
    return this.names;
  }
  set possibleAgents(value: never) {
    throw readOnly('possibleAgents', value);
  }

  /** Live agents (frozen): all of them after reset, none once the episode is over. */
  get agents(): readonly string[] {
    return this.live;
  }
  set agents(value: never) {
    throw readOnly('agents', value);
  }

  /** Steps taken in the current episode. */
  get t(): number {
    return this.steps;
  }
  set t(value: never) {
    throw readOnly('t', value);
  }

  get numAgents(): number {
    return this.live.length;
  }

  get maxNumAgents(): number {
    return this.names.length;
  }

  private indexOf(agent: string, field = 'agent'): number {
    const i = this.agentIndex.get(agent);
    if (i === undefined) throw inputError(field, agent, this.names.join(', '));
    return i;
  }

  observationSpace(agent: string): BoxSpace {
    return box(this.sc.obsDims[this.indexOf(agent)]);
  }

  actionSpace(agent: string): Space {
    return this.sc.actionSpaces[this.indexOf(agent)];
  }

  reset(args: ResetArgs = {}): ResetResult {
    const allowed = "nothing, or { seed } (as PettingZoo's reset(seed=...))";
    const given = readPlain('reset', args, allowed);
    if (!isRecord(given)) throw new ArenaInputError('reset', given, allowed);
    refuseUnknownKeys('reset', given, ['seed', 'options'], allowed);
    const { seed, options } = given;
    if (seed !== undefined && (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0)) {
      throw new ArenaInputError('reset.seed', seed, 'a non-negative integer, or nothing for a fresh random seed');
    }
    if (options !== undefined && (!isRecord(options) || Object.keys(options).length > 0)) {
      // PettingZoo's MPE ignores reset options; saying so beats silently dropping them.
      throw new ArenaInputError('reset.options', options, 'nothing or {} (MPE scenarios take their options in the constructor)');
    }
    if (seed !== undefined) this.rng = new NumpyRandom(seed);
    else if (this.rng === null) this.rng = new NumpyRandom(entropySeed());
    this.sc.resetWorld(this.rng);
    this.sc.world.syncBodies();
    this.steps = 0;
    this.live = this.names;
    return { observations: this.observations(), infos: this.infos() };
  }

  /** Reads every action once into a copy and validates it; only then changes the world, from the copies. */
  step(actions: AgentDict<Action>): StepResult {
    if (this.live.length === 0) {
      throw new ArenaInputError('step', 'no live agents', 'a call to reset() first', this.steps > 0 ? 'the episode is over' : 'the env has not been reset');
    }
    const taken = this.readActions(actions);
    const world = this.sc.world;
    for (const [i, a] of taken) {
      if (typeof a === 'number') applyDiscreteAction(world, i, a);
      else applyContinuousAction(world, i, a);
    }
    world.step();
    this.steps += 1;

    this.sc.rewards(this.rewardBuf);
    const truncated = this.steps >= this.sc.maxCycles;
    const rewards: AgentDict<number> = {};
    const terminations: AgentDict<boolean> = {};
    const truncations: AgentDict<boolean> = {};
    for (const name of this.live) {
      rewards[name] = this.rewardBuf[this.indexOf(name)];
      terminations[name] = false;
      truncations[name] = truncated;
    }
    const result: StepResult = { observations: this.observations(), rewards, terminations, truncations, infos: this.infos() };
    if (truncated) this.live = NO_AGENTS;
    return result;
  }

  /**
   * Each live agent's action, read exactly once and checked (a getter cannot answer differently later).
   * Own properties only: an action inherited through a prototype is refused as missing.
   */
  private readActions(actions: AgentDict<Action>): [number, number | number[] | Float64Array][] {
    const allowed = `an object with one action for each of ${this.live.join(', ')}`;
    const keys = guardRead('actions', allowed, () => {
      // inside the guard: Array.isArray throws on a revoked Proxy
      if (actions === null || typeof actions !== 'object' || Array.isArray(actions)) throw new ArenaInputError('actions', actions, allowed);
      return Object.keys(actions);
    });
    for (const name of keys) {
      if (this.agentIndex.has(name)) continue;
      const only = `actions only for the agents ${this.live.join(', ')}`;
      throw guardRead(`actions.${name}`, only, () => new ArenaInputError(`actions.${name}`, actions[name], only, 'unknown agent'));
    }
    return this.live.map((name) => {
      const i = this.indexOf(name);
      return guardRead(`actions.${name}`, allowed, () => {
        if (!Object.hasOwn(actions, name)) {
          throw new ArenaInputError(
            `actions.${name}`,
            undefined,
            `an action for every live agent (${this.live.join(', ')}), as an own property`,
            'missing action',
          );
        }
        return [i, readAction(this.sc.actionSpaces[i], name, actions[name])];
      });
    });
  }

  observe(agent: string): Float32Array {
    const i = this.indexOf(agent);
    const out = new Float32Array(this.sc.obsDims[i]);
    this.sc.observe(i, out, 0);
    return out;
  }

  /** PettingZoo's `state()`: every agent's observation concatenated in agent order. */
  state(): Float32Array {
    const dims = this.sc.obsDims;
    const out = new Float32Array(dims.reduce((a, b) => a + b, 0));
    let off = 0;
    for (let i = 0; i < dims.length; i++) {
      this.sc.observe(i, out, off);
      off += dims[i];
    }
    return out;
  }

  /** Positions, velocities, comm, goals and step count, in the recorded-trajectory format. */
  worldState(): WorldSnapshot {
    return snapshotOf(this.sc, this.steps);
  }

  /**
   * Load a full world state (for example a recorded trajectory's `initial.state` with its `goals`) and
   * continue the episode from it; returns the observations of that state. The random generator is kept.
   */
  loadWorldState(snapshot: WorldSnapshot): ResetResult {
    const given = readPlain('state', snapshot, 'an object {p_pos, p_vel, c, goals?, t?}');
    this.steps = loadSnapshot(this.sc, given as WorldSnapshot);
    this.live = this.names;
    if (this.rng === null) this.rng = new NumpyRandom(entropySeed());
    return { observations: this.observations(), infos: this.infos() };
  }

  close(): void {
    this.live = NO_AGENTS;
  }

  private observations(): AgentDict<Float32Array> {
    const out: AgentDict<Float32Array> = {};
    for (const name of this.names) out[name] = this.observe(name);
    return out;
  }

  private infos(): AgentDict<AgentInfo> {
    const out: AgentDict<AgentInfo> = {};
    this.names.forEach((name, i) => (out[name] = this.sc.info(i)));
    return out;
  }

  toString(): string {
    return `${this.sc.envName}(${describeValue(this.sc.options)})`;
  }
}

/** The env's own scenarios only: any other object would fail later with a raw TypeError (`{world: 1}`). */
function isScenario(value: unknown): value is Scenario {
  try {
    return value instanceof BaseScenario;
  } catch {
    return false; // a revoked Proxy
  }
}

const readOnly = (field: string, value: unknown) => readOnlyError(field, value, 'reset(), step() and loadWorldState()');
