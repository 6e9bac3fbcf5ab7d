// The scripted controller acting through the discrete action space (each action mapped to the nearest
// discrete one, as the warm-start teacher and the training opponents do), scored on PettingZoo's reward
// over 200 episodes of a vector env seeded 100000: what imitation can reach.
//   npx tsx scripts/scripted-discrete.mts spread [N] | speaker_listener | reference
import { controllerActs, drivenAgents } from '../src/agents/rollout';
import { VectorEnv } from '../src/sim/vectorEnv';
import { trainingOpponents } from '../src/plugins/trainingOpponents';
import { teamsOf } from '../src/plugins/teams';
import { scenarioEntry } from '../src/sim/scenarios';

const [name = 'spread', n] = process.argv.slice(2);
const id = scenarioEntry(name).id;
const options: Record<string, unknown> = n ? { N: Number(n) } : {};
const episodes = 200;
const venv = new VectorEnv({ scenario: id, options: { ...options, continuous_actions: false }, numEnvs: episodes, seed: 100000 });
const teachers = trainingOpponents(
  id,
  options,
  `scripted:${teamsOf(id)
    .map((t) => t.name)
    .join(',')}`,
  episodes,
  1,
);
let coverage = 0;
venv.onEpisodeEnd = (_, sc) => {
  if (id === 'simple_spread') coverage += sc.info(0).occupied_landmarks / sc.world.numAgents / episodes;
};
const length = venv.scenarios[0].maxCycles;
let sum = 0;
let count = 0;
for (let t = 0; t < length; t++) {
  for (const [role, teacher] of Object.entries(teachers)) {
    const agents = drivenAgents(venv.scenarios[0], role);
    for (let e = 0; e < episodes; e++) controllerActs(venv, venv.role(role), teacher[e], e, agents);
  }
  venv.step(); // every env ends its episode at the same step
}
for (const r of venv.roles) {
  for (const ret of r.finishedReturns) {
    sum += ret;
    count++;
  }
}
console.log(
  JSON.stringify({
    scenario: id,
    options,
    episodes,
    returnPerAgent: Number((sum / count).toFixed(3)),
    ...(id === 'simple_spread' ? { coverage: Number(coverage.toFixed(3)) } : {}),
  }),
);
