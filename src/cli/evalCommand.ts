import { registerCheckpointFiles } from './checkpointControllers';
import { loadCheckpointFile } from './checkpointFile';
import { initTfNode } from '../agents/tfNode';
import { evaluate, type EvalReport } from '../plugins/evaluate';
import { policyControllerInfo } from '../plugins/policyController';
import { builtinControllers } from '../plugins/registry';
import { ArenaInputError } from '../sim/errors';
import { formatSummary } from '../sim/episodeMeasures';
import { scenarioEntry } from '../sim/scenarios';
import { allTeamNames, teamsOf } from '../plugins/teams';
import { parseArgs, type FlagSpec } from './args';
import { scenarioFlag, scenarioOptionsFromFlags, SCENARIO_SIZE_FLAGS } from './scenarioFlags';

const TEAM_FLAGS = allTeamNames();

export const EVAL_FLAGS: Record<string, FlagSpec> = {
  scenario: { type: 'string', doc: `${scenarioFlag().doc}; default tag (a checkpoint sets its own)` },
  controller: { type: 'string', default: 'scripted', doc: 'controller for every team not named below' },
  ...Object.fromEntries(TEAM_FLAGS.map((t) => [t, { type: 'string', doc: `controller for the ${t} team` } as FlagSpec])),
  ...SCENARIO_SIZE_FLAGS,
  episodes: { type: 'int', default: 100, min: 1, max: 100_000, doc: 'episodes to play' },
  seed: { type: 'int', default: 0, min: 0, max: 2 ** 31, doc: 'seed of the first episode' },
  deterministic: { type: 'bool', doc: 'checkpoint policies take their most likely action instead of sampling' },
  'zero-messages': {
    type: 'bool',
    doc: "the intervention test: the checkpoint's talking teams (trained with --comm) hear all-zero messages, in the same episodes",
  },
  json: { type: 'bool', doc: 'print JSON only' },
};

/** What `eval` and `analyze` play: the scenario, its options and a controller per team, from flags. */
export interface MatchSetup {
  scenario: string;
  options: Record<string, unknown>;
  controllers: Record<string, string>;
  registry: ReturnType<typeof builtinControllers>;
  seed: number;
}

/**
 * The match a command's flags describe: a checkpoint (the one word allowed) sets the scenario and drives
 * the teams it has policies for; team flags name the others' controllers; every value is checked here.
 */
export async function matchSetupFromFlags(command: string, positional: string[], flags: Record<string, unknown>): Promise<MatchSetup> {
  if (positional.length > 1) throw new ArenaInputError(`${command} <checkpoint>`, positional, 'at most one checkpoint file');
  const registry = builtinControllers();
  let scenario = scenarioEntry((flags.scenario as string | undefined) ?? 'tag').id;
  let options: Record<string, unknown> = {};
  const controllers: Record<string, string> = { default: flags.controller as string };
  if (positional.length === 1) {
    // the episode length and tag's walls are not sizes: a policy plays on with them changed
    const free = ['max-cycles', 'walls'];
    for (const f of ['scenario', ...Object.keys(SCENARIO_SIZE_FLAGS).filter((k) => !free.includes(k))]) {
      if (flags[f] !== undefined)
        throw new ArenaInputError(
          `${command} --${f}`,
          flags[f],
          '--max-cycles or --walls only, with a checkpoint (it plays the scenario and sizes it was trained on)',
        );
    }
    // a checkpoint sets the scenario and drives the teams it has policies for
    const { ckpt, policies } = loadCheckpointFile(positional[0]);
    await initTfNode();
    scenario = ckpt.scenario.id;
    options = { ...ckpt.scenario.options, continuous_actions: false };
    if (flags['max-cycles'] !== undefined) options.max_cycles = flags['max-cycles'];
    if (flags.walls !== undefined) {
      if (scenario !== 'simple_tag') throw new ArenaInputError(`${command} --walls`, flags.walls, 'a tag checkpoint (walls are a tag option)');
      options.walls = flags.walls;
    }
    const silenced = Boolean(flags['zero-messages']);
    if (silenced && !policies.some((p) => p.comm))
      throw new ArenaInputError(`${command} --zero-messages`, positional[0], 'a checkpoint with a talking team (trained with --comm)');
    registry.register(policyControllerInfo('checkpoint', 'Checkpoint', ckpt, policies, Boolean(flags.deterministic), silenced));
    for (const team of teamsOf(scenario)) if (policies.some((p) => p.json.role === team.role)) controllers[team.name] = 'checkpoint';
  } else {
    if (flags['zero-messages']) throw new ArenaInputError(`${command} --zero-messages`, true, 'a checkpoint file to silence (trained with --comm)');
    Object.assign(options, scenarioOptionsFromFlags(scenario, flags));
  }
  const teams = teamsOf(scenario);
  // a team flag (or --controller) may name a checkpoint file: that trained policy plays the team
  await registerCheckpointFiles(
    registry,
    [flags.controller as string, ...TEAM_FLAGS.map((t) => flags[t] as string | undefined)].filter((x): x is string => typeof x === 'string'),
    Boolean(flags.deterministic),
  );
  for (const t of TEAM_FLAGS) {
    const id = flags[t] as string | undefined;
    if (id === undefined) continue;
    if (!teams.some((x) => x.name === t))
      throw new ArenaInputError(`${command} --${t}`, id, `team flags of ${scenario}: ${teams.map((x) => `--${x.name}`).join(', ')}`);
    registry.check(id, scenario, teams.find((x) => x.name === t)!.role, `${command} --${t}`, options as Record<string, number | boolean>);
    controllers[t] = id;
  }
  for (const [target, id] of Object.entries(controllers)) {
    if (id === 'human')
      throw new ArenaInputError(
        target === 'default' ? `${command} --controller` : `${command} --${target}`,
        id,
        'a controller that acts by itself (scripted, random, a checkpoint)',
        'nobody plays in headless evaluation',
      );
  }
  return { scenario, options, controllers, registry, seed: flags.seed as number };
}

export async function evalCommand(argv: string[]): Promise<string> {
  const { positional, flags } = parseArgs('eval', argv, EVAL_FLAGS, 1);
  const { scenario, options, controllers, registry, seed } = await matchSetupFromFlags('eval', positional, flags);
  // the seed also seeds the random controller and the sampling of a non-deterministic checkpoint
  const report = evaluate({ scenario, options, controllers, registry, episodes: flags.episodes as number, seed, deps: { seed } });
  return flags.json ? JSON.stringify(report) : formatEval(report);
}

function formatEval(r: EvalReport): string {
  const lines = [`${r.scenario} ${JSON.stringify(r.options)}: ${r.episodes} episodes from seed ${r.seed}`];
  for (const t of r.teams) lines.push(`  ${t.team.padEnd(10)} ${t.controller.padEnd(10)} return per agent ${t.meanReturn.toFixed(2)} ± ${t.ci95.toFixed(2)}`);
  // the scenario's own measures, named and formatted by its module
  const measures = scenarioEntry(r.scenario).measures.filter((m) => typeof (r as unknown as Record<string, unknown>)[m.name] === 'number');
  if (measures.length) lines.push(`  ${measures.map((m) => `${m.summary} ${formatSummary(m, (r as unknown as Record<string, number>)[m.name])}`).join(', ')}`);
  return lines.join('\n');
}
