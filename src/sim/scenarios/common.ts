import { ArenaInputError } from '../errors';
import { actionLayout } from '../actions';
import { NumpyRandom } from '../rng';
import { resolveOptions, type OptionSchema, type OptionValues } from '../options';
import type { AgentInfo, Role, Scenario } from '../scenario';
import { box, discrete, type Space } from '../spaces';
import type { World } from '../world';

/** PettingZoo's action space: move (5) if movable, times say (dim_c) if not silent. */
export function actionSpaceFor(world: World, agent: number, continuous: boolean): Space {
  const { width, n } = actionLayout(world, agent);
  return continuous ? box(width, 0, 1) : discrete(n);
}

/** Positions in entity order, x then y, agents from U(-1, 1), landmarks from U(-range, range). */
export function drawPositions(world: World, rng: NumpyRandom, landmarkRange: number): void {
  for (let i = 0; i < world.numEntities; i++) {
    const r = i < world.numAgents ? 1 : landmarkRange;
    world.pos[2 * i] = rng.uniform(-r, +r);
    world.pos[2 * i + 1] = rng.uniform(-r, +r);
  }
  world.clearDynamics();
}

/** Writes `p[to] - p[from]` at `out[offset..offset+1]`; returns the next offset. */
export function writeRelative(world: World, from: number, to: number, out: Float32Array, offset: number): number {
  out[offset] = world.pos[2 * to] - world.pos[2 * from];
  out[offset + 1] = world.pos[2 * to + 1] - world.pos[2 * from + 1];
  return offset + 2;
}

export function writePair(src: Float64Array, entity: number, out: Float32Array, offset: number): number {
  out[offset] = src[2 * entity];
  out[offset + 1] = src[2 * entity + 1];
  return offset + 2;
}

export function makeRole(name: string, agents: number[], obsDims: readonly number[], spaces: readonly Space[]): Role {
  return { name, agents, obsDim: obsDims[agents[0]], actionSpace: spaces[agents[0]] };
}

/** Scratch for measuring observation sizes: larger than any observation a scenario writes (a few hundred values). */
const OBSERVATION_PROBE = new Float32Array(1 << 16);

/**
 * Where heard messages sit when they close an observation (speaker_listener's listener, reference,
 * world_comm's predators: PettingZoo appends the other agents' `c` last): the last `dimC` values of each
 * named role's observation.
 */
export function messagesAtEnd(sc: Scenario, roles: readonly string[]): Record<string, [number, number][]> {
  const out: Record<string, [number, number][]> = {};
  for (const r of sc.roles) if (roles.includes(r.name)) out[r.name] = [[r.obsDim - sc.world.dimC, r.obsDim]];
  return out;
}

export const range = (n: number, start = 0): number[] => Array.from({ length: n }, (_, i) => start + i);

/**
 * What every scenario shares: resolved options, the world, names, spaces and roles. Subclasses build
 * their world in the constructor and hand it to `build`.
 */
export abstract class BaseScenario implements Scenario {
  readonly options: Readonly<OptionValues>;
  readonly maxCycles: number;
  readonly continuousActions: boolean;
  world!: World;
  agentNames!: string[];
  obsDims!: number[];
  actionSpaces!: Space[];
  roles!: Role[];
  readonly goalHolders: readonly number[] = [];

  constructor(
    readonly id: string,
    readonly envName: string,
    schema: OptionSchema,
    given: Record<string, unknown> = {},
  ) {
    this.options = resolveOptions(id, schema, given);
    this.maxCycles = this.options.max_cycles as number;
    this.continuousActions = this.options.continuous_actions as boolean;
  }

  shapingPotentials(out: Float64Array, offset: number): void {
    out.fill(0, offset, offset + this.world.numAgents);
  }

  boundaryPenalties(out: Float64Array, offset: number): void {
    out.fill(0, offset, offset + this.world.numAgents);
  }

  setTrainingDifficulty(fraction: number): void {
    if (fraction !== 1) throw new ArenaInputError('trainingDifficulty', fraction, `1 (${this.id} has no curriculum)`);
  }

  setSurroundWeight(weight: number): void {
    if (weight !== 0) throw new ArenaInputError('surround', weight, `0 (${this.id} has no surround term: tag only)`);
  }

  /**
   * Install the world and the roles (`[name, agent indices]`). Observation sizes are measured, as
   * PettingZoo does, by observing every agent once (after a throwaway reset, so goals are drawn).
   */
  protected build(world: World, roles: [string, number[]][]): void {
    this.world = world;
    this.agentNames = world.entities.slice(0, world.numAgents).map((e) => e.name);
    this.resetWorld(new NumpyRandom(0));
    const obsDims = this.agentNames.map((_, i) => this.observe(i, OBSERVATION_PROBE, 0));
    this.obsDims = obsDims;
    this.actionSpaces = this.agentNames.map((_, i) => actionSpaceFor(world, i, this.continuousActions));
    this.roles = roles.map(([name, agents]) => makeRole(name, agents, obsDims, this.actionSpaces));
  }

  goalsChanged(): void {}

  abstract resetWorld(rng: NumpyRandom): void;
  abstract rewards(out: Float64Array): void;
  abstract observe(agent: number, out: Float32Array, offset: number): number;
  abstract info(agent: number): AgentInfo;
}

/**
 * A scenario that draws a goal landmark at reset which positions do not show (adversary, push): the pick
 * a saved world state carries, and the colours that depend on it.
 */
export abstract class GoalScenario extends BaseScenario {
  /** Entity index of the goal landmark. */
  goal = -1;

  /** Paint what shows the goal (landmarks or an agent's colour). */
  protected abstract recolor(): void;

  landmarkPicks(): { goal: number } {
    return { goal: this.goal };
  }

  setLandmarkPicks(picks: { goal?: number }): void {
    this.goal = picks.goal!;
    this.recolor();
  }
}
