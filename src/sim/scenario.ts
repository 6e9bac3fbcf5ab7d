import type { ControllerAction, ObservationBatch } from './controller';
import type { EpisodeMeasure } from './episodeMeasures';
import type { OptionSchema } from './options';
import type { NumpyRandom } from './rng';
import type { Space } from './spaces';
import type { World } from './world';

/** A role: the agents that share observation and action shapes (and, usually, a policy); people call it a team. */
export interface Role {
  name: string;
  /** Agent indices in environment order. */
  agents: number[];
  obsDim: number;
  actionSpace: Space;
}

/**
 * People speak of teams ("predators", "prey"); scenarios of roles ("adversary", "good"). A team names a
 * role for URLs, flags and labels.
 */
export interface Team {
  /** Name in URLs and flags, e.g. `predators`. */
  name: string;
  /** The scenario role it stands for. */
  role: string;
  label: string;
}

export const team = (name: string, role: string, label: string): Team => ({ name, role, label });

/** Per-agent benchmark quantities reported in `infos` (PettingZoo's `benchmark_data`). */
export type AgentInfo = Record<string, number>;

/**
 * One MPE scenario, shaped like PettingZoo's `BaseScenario` (`make_world`, `reset_world`, `reward`,
 * `observation`). The world is made in the constructor; the env calls the rest.
 */
export interface Scenario {
  /** PettingZoo module name without version, e.g. `simple_spread`. */
  readonly id: string;
  /** Versioned env name, e.g. `simple_spread_v3`. */
  readonly envName: string;
  readonly options: Readonly<Record<string, number | boolean>>;
  readonly maxCycles: number;
  readonly continuousActions: boolean;
  readonly world: World;
  readonly agentNames: readonly string[];
  readonly obsDims: readonly number[];
  readonly actionSpaces: readonly Space[];
  readonly roles: readonly Role[];
  /** Agents that are given a goal landmark at reset (speaker_listener, reference); empty elsewhere. */
  readonly goalHolders: readonly number[];

  /**
   * Landmarks drawn at reset that positions do not show (adversary, push, crypto: the goal; crypto: the
   * key), as entity indices; absent where a scenario draws none. A saved world state carries them.
   */
  landmarkPicks?(): { goal?: number; key?: number };
  /** Set them back (from a saved state), with whatever depends on them (colours). */
  setLandmarkPicks?(picks: { goal?: number; key?: number }): void;
  /** Draw goals, colours and positions (PettingZoo's draw order), zero velocities and comm. */
  resetWorld(rng: NumpyRandom): void;
  /** After goals were loaded from a saved state: recompute what depends on them (colours). */
  goalsChanged(): void;
  /** Reward of every agent after the physics step, written to `out` in agent order. */
  rewards(out: Float64Array): void;
  /** Observation of one agent, written as float32 to `out` from `offset`; returns the offset after it. */
  observe(agent: number, out: Float32Array, offset: number): number;
  info(agent: number): AgentInfo;
  /**
   * Training aid, never part of PettingZoo's reward: every agent's potential in the current world, written
   * to `out` from `offset` in agent order. A trainer may add `gamma * potential(s') - potential(s)` to an
   * agent's reward (potential-based shaping, which leaves the best policies unchanged). 0 where the
   * scenario defines none. One call per world, so a shared computation (spread's assignment) runs once.
   */
  shapingPotentials(out: Float64Array, offset: number): void;
  /**
   * Every agent's boundary penalty in the current world, as its PettingZoo reward subtracts it (0 where
   * the scenario has none), written to `out` from `offset`: a trainer may weigh it more (a training aid).
   */
  boundaryPenalties(out: Float64Array, offset: number): void;
  /**
   * Training aid (a curriculum), never used in evaluation: play the scenario's hard part at `fraction`
   * of its strength, 1 being PettingZoo's rules (tag: the prey's acceleration and top speed). Scenarios
   * without a curriculum accept only 1.
   */
  setTrainingDifficulty(fraction: number): void;
  /**
   * Training aid, never used in evaluation: the weight of a team term in the shaping potential that pays
   * for surrounding (tag: predators spread around the prey). Scenarios without one accept only 0.
   */
  setSurroundWeight(weight: number): void;
}

/**
 * Interchangeable entities in an observation (spread's landmarks, the other agents): `count` blocks of
 * `width` floats from `start`, each beginning with the entity's position relative to the observer.
 * `companions` are blocks elsewhere that list the same entities in the same order (their messages).
 */
export interface EntityGroup {
  start: number;
  count: number;
  width: number;
  companions: { start: number; width: number }[];
}

/**
 * Everything about one scenario, in its folder under `src/sim/scenarios/` and registered in
 * `src/sim/scenarios/index.ts`: the CLI, the menu, links, the trainer, the evaluator, the HUD and the
 * scripted controller all read it from here.
 */
export interface ScenarioDefinition {
  /** PettingZoo module name without version, e.g. `simple_spread`. */
  id: string;
  envName: string;
  /** Short names people type (`spread`); PettingZoo's names are always accepted too. */
  aliases: readonly string[];
  /** One line for menus: what the scenario is about. */
  title: string;
  /** One line for someone watching: the goal, and how to read the picture (the game's HUD shows it). */
  howToWatch?: string;
  options: OptionSchema;
  teams: Team[];
  /** What the scenario calls its landmarks on screen (tag: obstacles). */
  landmarkWord?: string;
  /**
   * Per role, the observation ranges [from, to) that hold other agents' messages (for the
   * zeroed-message ablation and scripted listeners); empty where nobody hears anything.
   */
  heard(scenario: Scenario): Record<string, [number, number][]>;
  /**
   * Per role, the groups of interchangeable entities in its observation: a policy input may list them
   * nearest first (`--sort-entities`), which no reward can tell apart. Absent: none.
   */
  interchangeable?(scenario: Scenario): Record<string, EntityGroup[]>;
  /**
   * Per role, every other entity its observation places relative to the agent (blocks of x, y first, with
   * their companion blocks): what a view limit (`--view-radius`) hides when it is farther. Absent: the
   * scenario has no view limit.
   */
  entities?(scenario: Scenario): Record<string, EntityGroup[]>;
  /** How an episode went beyond the returns (coverage, touches, ...): for the evaluator, the training log and the HUD. */
  measures: EpisodeMeasure[];
  create(options?: Record<string, unknown>): Scenario;
  /** The hand-written baseline for every role: one action per agent of the batch. */
  scripted(batch: ObservationBatch): ControllerAction[];
}
