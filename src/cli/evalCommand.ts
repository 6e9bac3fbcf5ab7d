import { evaluate, type EvalReport } from '../plugins/evaluate';
import { ArenaInputError } from '../sim/errors';
import { scenarioEntry } from '../sim/scenarios';
import { teamsOf } from '../plugins/teams';
import { parseArgs, type FlagSpec } from './args';

const TEAM_FLAGS = ['predators', 'prey', 'agents', 'speaker', 'listener'];

export const EVAL_FLAGS: Record<string, FlagSpec> = {
  scenario: { type: 'string', default: 'tag', doc: 'spread, tag, speaker_listener or reference' },
  controller: { type: 'string', default: 'scripted', doc: 'controller for every team not named below' },
  ...Object.fromEntries(TEAM_FLAGS.map((t) => [t, { type: 'string', doc: `controller for the ${t} team` } as FlagSpec])),
  n: { type: 'int', min: 1, max: 64, doc: 'spread: N agents' },
  adversaries: { type: 'int', min: 1, max: 32, doc: 'tag: predators' },
  good: { type: 'int', min: 1, max: 32, doc: 'tag: prey' },
  obstacles: { type: 'int', min: 0, max: 32, doc: 'tag: obstacles' },
  'max-cycles': { type: 'int', min: 1, max: 100_000, doc: 'steps per episode (PettingZoo default 25)' },
  episodes: { type: 'int', default: 100, min: 1, max: 100_000, doc: 'episodes to play' },
  seed: { type: 'int', default: 0, min: 0, max: 2 ** 31, doc: 'seed of the first episode' },
  json: { type: 'bool', doc: 'print JSON only' },
};

export function evalCommand(argv: string[]): string {
  const { positional, flags } = parseArgs('eval', argv, EVAL_FLAGS);
  if (positional.length > 0) {
    throw new ArenaInputError('eval', positional[0], 'flags only for built-in controllers (checkpoints arrive with the learning work)');
  }
  const scenario = scenarioEntry(flags.scenario as string).id;
  const options: Record<string, unknown> = {};
  if (flags.n !== undefined) options.N = flags.n;
  if (flags.adversaries !== undefined) options.num_adversaries = flags.adversaries;
  if (flags.good !== undefined) options.num_good = flags.good;
  if (flags.obstacles !== undefined) options.num_obstacles = flags.obstacles;
  if (flags['max-cycles'] !== undefined) options.max_cycles = flags['max-cycles'];
  const teams = teamsOf(scenario);
  const controllers: Record<string, string> = { default: flags.controller as string };
  for (const t of TEAM_FLAGS) {
    const id = flags[t] as string | undefined;
    if (id === undefined) continue;
    if (!teams.some((x) => x.name === t)) throw new ArenaInputError(`eval --${t}`, id, `team flags of ${scenario}: ${teams.map((x) => `--${x.name}`).join(', ')}`);
    controllers[t] = id;
  }
  const report = evaluate({ scenario, options, controllers, episodes: flags.episodes as number, seed: flags.seed as number });
  return flags.json ? JSON.stringify(report) : formatEval(report);
}

function formatEval(r: EvalReport): string {
  const lines = [`${r.scenario} ${JSON.stringify(r.options)}: ${r.episodes} episodes from seed ${r.seed}`];
  for (const t of r.teams) lines.push(`  ${t.team.padEnd(10)} ${t.controller.padEnd(10)} return per agent ${t.meanReturn.toFixed(2)} ± ${t.ci95.toFixed(2)}`);
  if (r.coverage !== undefined) lines.push(`  coverage at the final step ${(100 * r.coverage).toFixed(1)}%, collisions per episode ${r.collisionsPerEpisode!.toFixed(2)}`);
  if (r.touchesPerEpisode !== undefined) lines.push(`  touches per episode ${r.touchesPerEpisode.toFixed(2)}, episodes with a capture ${(100 * r.captureRate!).toFixed(1)}%`);
  if (r.finalDistance !== undefined) lines.push(`  listener's final distance to the goal ${r.finalDistance.toFixed(3)}`);
  return lines.join('\n');
}
