import type { ControllerRegistry } from '../../plugins/registry';
import { teamsOf } from '../../plugins/teams';
import { labelledOptions } from '../../sim/options';
import { SCENARIOS } from '../../sim/scenarios';

/** Everything needed to start a game: what the menu produces and a deep link describes. */
export interface GameSetup {
  scenario: string;
  /** Scenario options with PettingZoo names (sizes, max_cycles), and tag's `walls` in play rounds. */
  options: Record<string, number | boolean>;
  /** Controller id per team name. */
  controllers: Record<string, string>;
  seed: number;
  /** `play`: you are the prey; the round ends at max_cycles and waits for a restart. */
  mode: 'watch' | 'play';
  /** Play mode: how good the predators are (which shipped policy drives them). */
  difficulty?: Difficulty;
  /** "Watch the pack": the showcase of predators trained at a diversity set-point, and which one plays. */
  pack?: PackLevel;
  /** Watch a recorded episode instead of a live one. */
  replay?: import('../../plugins/recording').Recording;
  speed: number;
}

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];
export const DEFAULT_DIFFICULTY: Difficulty = 'medium';

/** The predators of each difficulty level: shipped policies of one training run at three budgets. */
export const DIFFICULTY_PREDATORS: Record<Difficulty, string> = {
  easy: 'ppo-tag-predators-easy',
  medium: 'ppo-tag-predators-medium',
  hard: 'ppo-tag-predators-hard',
};

/** Diversity set-points of the showcase packs (`arena train --diversity`): none, some, much. */
export const PACK_LEVELS = ['none', 'some', 'much'] as const;
export type PackLevel = (typeof PACK_LEVELS)[number];
export const DEFAULT_PACK: PackLevel = 'much';
/** The shipped pack of each set-point (assets/policies/tag-predators-roles-*.json). */
export const PACK_PREDATORS: Record<PackLevel, string> = {
  none: 'ppo-tag-predators-roles-none',
  some: 'ppo-tag-predators-roles-some',
  much: 'ppo-tag-predators-roles-much',
};
/** Who the pack hunts in the showcase: the prey that plans ahead (it makes the predators work together). */
export const PACK_PREY = 'lookahead';

/** The game you play (the landing page): you are tag's prey, trained predators hunt you. */
export const PLAY = { scenario: 'simple_tag', person: 'prey', opponents: 'predators' } as const;

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8];

/** Episode length of play-as-prey rounds: 30 s at 1x (PettingZoo's 25 steps would be 2.5 s). */
export const PLAY_MAX_CYCLES = 300;
/** Episode length when watching: 10 s at 1x, long enough to see a team do its job. */
export const WATCH_MAX_CYCLES = 100;

/** The best available controller for a team: a trained policy that fits, else scripted, else random. */
export function defaultController(registry: ControllerRegistry, scenario: string, role: string, options?: Record<string, number | boolean>): string {
  const ids = registry.forRole(scenario, role, options).map((c) => c.id);
  return ids.find((id) => id.startsWith('ppo-')) ?? (ids.includes('scripted') ? 'scripted' : 'random');
}

export function defaultSetup(
  registry: ControllerRegistry,
  scenario: string = PLAY.scenario,
  mode: GameSetup['mode'] = 'watch',
  difficulty: Difficulty = DEFAULT_DIFFICULTY,
): GameSetup {
  const controllers: Record<string, string> = {};
  const defaults = Object.fromEntries(Object.entries(SCENARIOS[scenario]?.options ?? {}).map(([k, spec]) => [k, spec.default]));
  for (const t of teamsOf(scenario)) controllers[t.name] = defaultController(registry, scenario, t.role, { ...defaults, continuous_actions: false });
  const options: Record<string, number | boolean> = { max_cycles: WATCH_MAX_CYCLES };
  if (mode === 'play') {
    controllers[PLAY.person] = 'human';
    // a level whose policy is missing (a file that failed its checks) plays with the best available
    if (registry.has(DIFFICULTY_PREDATORS[difficulty])) controllers[PLAY.opponents] = DIFFICULTY_PREDATORS[difficulty];
    options.max_cycles = PLAY_MAX_CYCLES;
    // solid walls: the prey cannot win by running off for ever (docs/game.md, "A fair arena")
    options.walls = true;
    return { scenario, options, controllers, seed: 1, mode, difficulty, speed: 1 };
  }
  return { scenario, options, controllers, seed: 1, mode, speed: 1 };
}

/** Size options the menu and deep links offer per scenario (PettingZoo names): the labelled ones. */
export function sizeOptions(scenario: string): string[] {
  return labelledOptions(SCENARIOS[scenario]?.options ?? {});
}

/** "Watch the pack": the showcase pack of a diversity set-point against the planning prey, trails on. */
export function packSetup(registry: ControllerRegistry, level: PackLevel = DEFAULT_PACK): GameSetup {
  const setup = defaultSetup(registry, PLAY.scenario, 'watch');
  setup.controllers[PLAY.person] = PACK_PREY;
  // a pack that is not shipped (a file that failed its checks): the default predators, and no pack panel
  if (!registry.has(PACK_PREDATORS[level])) return setup;
  setup.controllers[PLAY.opponents] = PACK_PREDATORS[level];
  return { ...setup, pack: level };
}
