/**
 * Every shipped policy where the game uses it: 200 held-out episodes (seed 1000, deterministic) of 25, 100
 * and 300 steps against the scripted and the random opponent, on PettingZoo's reward. Prints JSON and the
 * markdown table of assets/policies/README.md.
 *
 *     npx tsx scripts/evaluate-shipped.mts [--episodes 200] [--only tag-prey,spread-n3-shared]
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCheckpointFile } from '../src/cli/checkpointFile';
import { initTfNode } from '../src/agents/tfNode';
import { evaluate, type EvalReport } from '../src/plugins/evaluate';
import { policyControllerInfo } from '../src/plugins/policyController';
import { builtinControllers } from '../src/plugins/registry';
import { teamsOf } from '../src/plugins/teams';

const { values } = parseArgs({ options: { episodes: { type: 'string', default: '200' }, only: { type: 'string' } } });
const episodes = Number(values.episodes);
const DIR = resolve(import.meta.dirname, '../assets/policies');
await initTfNode();
const registry = builtinControllers();
const only = values.only ? new Set(values.only.split(',')) : null;
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && (!only || only.has(f.replace(/\.json$/, ''))))
  .sort();
const loaded = files.map((f) => {
  const { ckpt, policies } = loadCheckpointFile(join(DIR, f));
  const id = `ppo-${f.replace(/\.json$/, '')}`;
  registry.register(policyControllerInfo(id, f, ckpt, policies, true));
  return { file: f, id, ckpt, roles: new Set(policies.map((p) => p.json.role)) };
});

/** The numbers that matter for a scenario, from a report. */
function summary(r: EvalReport, learned: string[]): string {
  const own = r.teams
    .filter((t) => learned.includes(t.team))
    .map((t) => `${t.team} ${t.meanReturn.toFixed(2)}`)
    .join(', ');
  const extra =
    r.coverage !== undefined
      ? `, ${(100 * r.coverage).toFixed(1)}% covered`
      : r.captureRate !== undefined
        ? `, ${r.touchesPerEpisode!.toFixed(2)} touches, capture ${(100 * r.captureRate).toFixed(1)}%, predators off ${(100 * r.predatorsOutShare!).toFixed(2)}%, prey boundary ${r.preyBoundaryPenalty!.toFixed(2)}`
        : r.finalDistance !== undefined
          ? `, listener ${r.finalDistance.toFixed(3)} from its goal`
          : '';
  return own + extra;
}

const out: Record<string, Record<string, string>> = {};
for (const { file, id, ckpt, roles } of loaded) {
  const scenario = ckpt.scenario.id;
  const teams = teamsOf(scenario);
  const learned = teams.filter((t) => roles.has(t.role)).map((t) => t.name);
  const others = teams.filter((t) => !roles.has(t.role)).map((t) => t.name);
  out[file] = {};
  for (const steps of [25, 100, 300]) {
    for (const opponent of others.length ? ['scripted', 'random'] : ['-']) {
      const controllers: Record<string, string> = Object.fromEntries(learned.map((t) => [t, id]));
      for (const t of others) controllers[t] = opponent;
      const options = { ...ckpt.scenario.options, continuous_actions: false, max_cycles: steps };
      const r = evaluate({ scenario, options, controllers, registry, episodes, seed: 1000, deps: { seed: 1000 } });
      out[file][`${steps} steps${others.length ? ` vs ${opponent}` : ''}`] = summary(r, learned);
    }
  }
}
console.log(JSON.stringify(out, null, 1));
console.log('\n| file | episodes | result |\n|---|---|---|');
for (const [file, rows] of Object.entries(out)) for (const [k, v] of Object.entries(rows)) console.log(`| \`${file}\` | ${k} | ${v} |`);
