import type { FlagSpec } from './args';

/** Size flags shared by train, eval and bench: PettingZoo's options under short names. */
export const SCENARIO_SIZE_FLAGS: Record<string, FlagSpec> = {
  n: { type: 'int', min: 1, max: 64, doc: 'spread: N agents; adversary: N good agents' },
  adversaries: { type: 'int', min: 1, max: 32, doc: 'tag, world_comm: predators' },
  good: { type: 'int', min: 1, max: 32, doc: 'tag, world_comm: prey' },
  obstacles: { type: 'int', min: 0, max: 32, doc: 'tag, world_comm: obstacles' },
  food: { type: 'int', min: 1, max: 32, doc: 'world_comm: food items' },
  forests: { type: 'int', min: 0, max: 32, doc: 'world_comm: forests' },
  'max-cycles': { type: 'int', min: 1, max: 100_000, doc: 'steps per episode (PettingZoo default 25)' },
};

export function scenarioOptionsFromFlags(flags: Record<string, unknown>): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  if (flags.n !== undefined) options.N = flags.n;
  if (flags.adversaries !== undefined) options.num_adversaries = flags.adversaries;
  if (flags.good !== undefined) options.num_good = flags.good;
  if (flags.obstacles !== undefined) options.num_obstacles = flags.obstacles;
  if (flags.food !== undefined) options.num_food = flags.food;
  if (flags.forests !== undefined) options.num_forests = flags.forests;
  if (flags['max-cycles'] !== undefined) options.max_cycles = flags['max-cycles'];
  return options;
}
