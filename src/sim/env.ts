import { applyContinuousAction, applyDiscreteAction, readAction } from './actions';
import { ArenaInputError, describeValue } from './errors';
import { entropySeed, NumpyRandom } from './rng';
import type { AgentInfo, Scenario } from './scenario';
import { createScenario } from './scenarios';
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

/**
 * The PettingZoo parallel API over one MPE world:
 * `const env = new ParallelEnv('simple_spread', { N: 3 }); env.reset({ seed: 0 }); env.step({ agent_0: 4, ... })`.
 *
 * Observations are float32 (as PettingZoo's), rewards float64. After `max_cycles` steps every agent is
 * truncated and `agents` becomes empty; `reset()` starts the next episode. A rejected call throws an
 * ArenaInputError and leaves the env exactly as it was.
 */
export class ParallelEnv {
  readonly scenario: Scenario;
  readonly possibleAgents: readonly string[];
  readonly metadata: { name: string; is_parallelizable: true; render_fps: number };
  agents: string[] = [];
  /** Steps taken in the current episode. */
  t = 0;

  private rng: NumpyRandom | null = null;
  private readonly agentIndex = new Map<string, number>();
  private readonly rewardBuf: Float64Array;

  constructor(scenario: string | Scenario, options?: Record<string, unknown>) {
    if (typeof scenario !== 'string' && !(scenario && typeof scenario === 'object' && 'world' in scenario)) {
      throw new ArenaInputError('ParallelEnv scenario', scenario, 'a scenario name (simple_spread, simple_tag, ...) or a Scenario object');
    }
    this.scenario = typeof scenario === 'string' ? createScenario(scenario, options) : scenario;
    this.possibleAgents = [...this.scenario.agentNames];
    this.possibleAgents.forEach((name, i) => this.agentIndex.set(name, i));
    this.rewardBuf = new Float64Array(this.possibleAgents.length);
    this.metadata = { name: this.scenario.envName, is_parallelizable: true, render_fps: 10 };
  }

  get numAgents(): number {
    return this.agents.length;
  }

  get maxNumAgents(): number {
    return this.possibleAgents.length;
  }

  private indexOf(agent: string, field = 'agent'): number {
    const i = this.agentIndex.get(agent);
    if (i === undefined) throw new ArenaInputError(field, agent, this.possibleAgents.join(', '));
    return i;
  }

  observationSpace(agent: string): BoxSpace {
    return box(this.scenario.obsDims[this.indexOf(agent)]);
  }

  actionSpace(agent: string): Space {
    return this.scenario.actionSpaces[this.indexOf(agent)];
  }

  reset(args: ResetArgs = {}): ResetResult {
    if (args === null || typeof args !== 'object' || Array.isArray(args)) {
      throw new ArenaInputError('reset', args, "nothing, or { seed } (as PettingZoo's reset(seed=...))");
    }
    const { seed, options } = args;
    if (seed !== undefined && (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0)) {
      throw new ArenaInputError('reset.seed', seed, 'a non-negative integer, or nothing for a fresh random seed');
    }
    if (options !== undefined && (options === null || typeof options !== 'object' || Object.keys(options).length > 0)) {
      // PettingZoo's MPE ignores reset options; saying so beats silently dropping them.
      throw new ArenaInputError('reset.options', options, 'nothing or {} (MPE scenarios take their options in the constructor)');
    }
    if (seed !== undefined) this.rng = new NumpyRandom(seed);
    else if (this.rng === null) this.rng = new NumpyRandom(entropySeed());
    this.scenario.resetWorld(this.rng);
    this.scenario.world.syncBodies();
    this.t = 0;
    this.agents = [...this.possibleAgents];
    return { observations: this.observations(), infos: this.infos() };
  }

  /** Reads every action once into a copy and validates it; only then changes the world, from the copies. */
  step(actions: AgentDict<Action>): StepResult {
    if (this.agents.length === 0) {
      throw new ArenaInputError('step', 'no live agents', 'a call to reset() first', this.t > 0 ? 'the episode is over' : 'the env has not been reset');
    }
    const taken = this.readActions(actions);
    const world = this.scenario.world;
    for (const [i, a] of taken) {
      if (typeof a === 'number') applyDiscreteAction(world, i, a);
      else applyContinuousAction(world, i, a);
    }
    world.step();
    this.t += 1;

    this.scenario.rewards(this.rewardBuf);
    const truncated = this.t >= this.scenario.maxCycles;
    const rewards: AgentDict<number> = {};
    const terminations: AgentDict<boolean> = {};
    const truncations: AgentDict<boolean> = {};
    for (const name of this.agents) {
      rewards[name] = this.rewardBuf[this.indexOf(name)];
      terminations[name] = false;
      truncations[name] = truncated;
    }
    const result: StepResult = { observations: this.observations(), rewards, terminations, truncations, infos: this.infos() };
    if (truncated) this.agents = [];
    return result;
  }

  /** Each live agent's action, read exactly once and checked (a getter cannot answer differently later). */
  private readActions(actions: AgentDict<Action>): [number, number | number[] | Float64Array][] {
    const allowed = `an object with one action for each of ${this.agents.join(', ')}`;
    if (actions === null || typeof actions !== 'object' || Array.isArray(actions)) throw new ArenaInputError('actions', actions, allowed);
    try {
      for (const name of Object.keys(actions)) {
        if (!this.agentIndex.has(name))
          throw new ArenaInputError(`actions.${name}`, actions[name], `actions only for the agents ${this.agents.join(', ')}`, 'unknown agent');
      }
      return this.agents.map((name) => {
        if (!(name in actions)) {
          throw new ArenaInputError(`actions.${name}`, undefined, `an action for every live agent (${this.agents.join(', ')})`, 'missing action');
        }
        const i = this.indexOf(name);
        return [i, readAction(this.scenario.actionSpaces[i], name, actions[name])];
      });
    } catch (err) {
      if (err instanceof ArenaInputError) throw err;
      // a getter or proxy that throws: still a refused call, named
      throw new ArenaInputError('actions', 'an object that threw while being read', allowed, `reading it threw: ${(err as Error)?.message ?? String(err)}`);
    }
  }

  observe(agent: string): Float32Array {
    const i = this.indexOf(agent);
    const out = new Float32Array(this.scenario.obsDims[i]);
    this.scenario.observe(i, out, 0);
    return out;
  }

  /** PettingZoo's `state()`: every agent's observation concatenated in agent order. */
  state(): Float32Array {
    const dims = this.scenario.obsDims;
    const out = new Float32Array(dims.reduce((a, b) => a + b, 0));
    let off = 0;
    for (let i = 0; i < dims.length; i++) {
      this.scenario.observe(i, out, off);
      off += dims[i];
    }
    return out;
  }

  /** Positions, velocities, comm, goals and step count, in the recorded-trajectory format. */
  worldState(): WorldSnapshot {
    return snapshotOf(this.scenario, this.t);
  }

  /**
   * Load a full world state (for example a recorded trajectory's `initial.state` with its `goals`) and
   * continue the episode from it; returns the observations of that state. The random generator is kept.
   */
  loadWorldState(snapshot: WorldSnapshot): ResetResult {
    const t = loadSnapshot(this.scenario, snapshot);
    this.t = t;
    this.agents = [...this.possibleAgents];
    if (this.rng === null) this.rng = new NumpyRandom(entropySeed());
    return { observations: this.observations(), infos: this.infos() };
  }

  close(): void {
    this.agents = [];
  }

  private observations(): AgentDict<Float32Array> {
    const out: AgentDict<Float32Array> = {};
    for (const name of this.possibleAgents) out[name] = this.observe(name);
    return out;
  }

  private infos(): AgentDict<AgentInfo> {
    const out: AgentDict<AgentInfo> = {};
    this.possibleAgents.forEach((name, i) => (out[name] = this.scenario.info(i)));
    return out;
  }

  toString(): string {
    return `${this.scenario.envName}(${describeValue(this.scenario.options)})`;
  }
}
