/**
 * When in a tag episode the prey pays its boundary penalty: the mean penalty at each step over held-out
 * episodes against the scripted chasers, and how often the prey starts beyond 0.9.
 * Usage: npx tsx scripts/prey-boundary-by-step.mts <checkpoint | scripted | random> [episodes] [steps]
 */
import { initTfNode } from '../src/agents/tfNode';
import { loadCheckpointFile } from '../src/cli/checkpointFile';
import { policyControllerInfo } from '../src/plugins/policyController';
import { builtinControllers } from '../src/plugins/registry';
import { Match } from '../src/plugins/match';
import { boundPenalty } from '../src/sim/scenarios/tag';

await initTfNode();
const [preyArg = 'scripted', episodesArg = '200', stepsArg = '25'] = process.argv.slice(2);
const registry = builtinControllers();
let prey = preyArg;
if (preyArg !== 'scripted' && preyArg !== 'random') {
  const { ckpt, policies } = loadCheckpointFile(preyArg);
  registry.register(policyControllerInfo('checkpoint', preyArg, ckpt, policies, true));
  prey = 'checkpoint';
}
const episodes = Number(episodesArg);
const steps = Number(stepsArg);
const byStep = new Float64Array(steps);
let startsOutside = 0;
for (let e = 0; e < episodes; e++) {
  const match = new Match({ scenario: 'simple_tag', options: { max_cycles: steps }, seed: 1000 + e, controllers: { predators: 'scripted', prey }, registry });
  const w = match.scenario.world;
  const i = w.numAgents - 1; // the prey comes after the predators
  if (Math.abs(w.pos[2 * i]) > 0.9 || Math.abs(w.pos[2 * i + 1]) > 0.9) startsOutside++;
  for (let t = 0; t < steps; t++) {
    match.step();
    byStep[t] += (boundPenalty(Math.abs(w.pos[2 * i])) + boundPenalty(Math.abs(w.pos[2 * i + 1]))) / episodes;
  }
  match.dispose();
}
const total = byStep.reduce((a, b) => a + b, 0);
console.log(
  JSON.stringify({
    prey: preyArg,
    episodes,
    startsBeyond09: startsOutside / episodes,
    boundaryPerEpisode: +total.toFixed(3),
    firstThreeSteps: +(byStep[0] + byStep[1] + byStep[2]).toFixed(3),
    byStep: Array.from(byStep, (v) => +v.toFixed(3)),
  }),
);
