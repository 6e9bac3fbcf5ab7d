import type { Scenario } from './scenario';
import type { Space } from './spaces';

/**
 * The controller contract. A controller drives a set of agents: each step it receives their observations
 * as one batch and answers one action per agent, so a learned policy does one forward pass for all of
 * them. Controllers are plain TypeScript (no Phaser), so the same ones run in the game, in `arena eval`
 * and in a Worker.
 */

/** One agent a controller drives. */
export interface DrivenAgent {
  /** Index in environment order. */
  index: number;
  name: string;
  /** Role in the scenario (spread `agent`; tag `adversary`/`good`; `speaker`/`listener`). */
  role: string;
  obsDim: number;
  /** The agent's action space in the scenario's discrete form (what PettingZoo's default env uses). */
  discreteSpace: Space;
}

/**
 * An action: an integer in the discrete space, or a continuous vector in [0, 1]
 * (`[no_action, left, right, down, up]` for moving agents, then `dim_c` message values for speakers).
 */
export type ControllerAction = number | Float32Array;

export interface ControllerContext {
  /** The live scenario (world state, goals, colours). Read it; never write it. */
  readonly scenario: Scenario;
  /** Steps taken in the current episode. */
  readonly t: number;
}

export interface ObservationBatch {
  agents: readonly DrivenAgent[];
  /** `obs[k]` belongs to `agents[k]`. */
  obs: readonly Float32Array[];
  ctx: ControllerContext;
}

/** A talking team's channel as the page and the analysis read it. */
export interface TeamChannel {
  /** The team's agents, in the order of `messages`' rows. */
  agents: readonly string[];
  messageDim: number;
  /** The team's view limit (0: full view). */
  viewRadius: number;
  /** Each agent's message at the team's last step, row by row (null before it acted). */
  messages: Float32Array | null;
}

export interface Controller {
  /** Registry id, e.g. `random`, `scripted`, `human`. */
  readonly id: string;
  /** Called whenever the set of agents it drives changes (also the first time). */
  attach?(agents: readonly DrivenAgent[], ctx: ControllerContext): void;
  /** Called after every reset, before the first step of the episode. */
  episodeStart?(ctx: ControllerContext): void;
  /** One action per agent of the batch, in batch order. */
  act(batch: ObservationBatch): ControllerAction[];
  /**
   * Learned policies only: the distribution over discrete actions that the policy of `agent` (a name it
   * drives) gives observation `obs`, which may be another agent's (behavioural diversity compares policies
   * on the same observations).
   */
  actionProbabilities?(agent: string, obs: Float32Array): Float32Array;
  /** Learned talking teams only: the channel of the team `agent` belongs to (null: it does not talk). */
  channel?(agent: string): TeamChannel | null;
  /**
   * Controllers with a generator or memory: what an exact training resume needs (JSON), and how it is
   * taken back (a bad state throws a named error).
   */
  getState?(): unknown;
  setState?(state: unknown): void;
  /** Called when it drives no agent any more. */
  detach?(): void;
}
