/**
 * What the lookahead prey needs to know and how far it must look: it plays 25-step episodes against the
 * scripted chasers, planning on a belief about the world where the predators' velocities are the true
 * ones, zero (what the prey's observation tells), or those of the step before (what two stacked
 * observations would tell). `--continuous`: the chasers steer continuously, as in the game and `arena eval`,
 * and the plan's discrete model of them is only an approximation.
 *
 *     npx tsx scripts/lookahead-probe.mts [--horizon 10] [--distance-weight 0.2] [--velocities true|zero|previous] [--episodes 200] [--seed 100000] [--continuous]
 */
import { parseArgs } from 'node:util';
import { applyContinuousAction, applyDiscreteAction, vectorToDiscrete } from '../src/sim/actions';
import { ParallelEnv } from '../src/sim/env';
import { DISTANCE_WEIGHT, LookaheadPrey } from '../src/sim/scenarios/tag/lookahead';
import type { TagScenario } from '../src/sim/scenarios/tag/scenario';
import { chaseNearestPrey } from '../src/sim/scenarios/tag/scripted';

const { values } = parseArgs({
  options: {
    horizon: { type: 'string', default: '10' },
    'distance-weight': { type: 'string', default: String(DISTANCE_WEIGHT) },
    velocities: { type: 'string', default: 'true' },
    episodes: { type: 'string', default: '200' },
    seed: { type: 'string', default: '100000' },
    continuous: { type: 'boolean', default: false },
  },
});
const velocities = values.velocities!;
if (!['true', 'zero', 'previous'].includes(velocities)) throw new Error(`--velocities: got ${velocities}; allowed: true, zero, previous`);
const episodes = Number(values.episodes);
const seed = Number(values.seed);
const planner = new LookaheadPrey(Number(values.horizon), Number(values['distance-weight']));

const continuous = values.continuous!;
const env = new ParallelEnv('simple_tag', { continuous_actions: continuous });
const live = env.scenario as TagScenario;
const belief = new ParallelEnv('simple_tag', { continuous_actions: continuous }).scenario as TagScenario;
const prey = live.numAdversaries;
const previous = new Float64Array(live.world.vel.length);
const penalties = new Float64Array(live.world.numAgents);
let touches = 0;
let boundary = 0;
for (let e = 0; e < episodes; e++) {
  env.reset({ seed: seed + e });
  previous.fill(0);
  for (let t = 0; t < 25; t++) {
    belief.world.pos.set(live.world.pos);
    belief.world.vel.set(live.world.vel);
    for (let a = 0; a < live.numAdversaries; a++) {
      for (const k of [2 * a, 2 * a + 1]) belief.world.vel[k] = velocities === 'true' ? live.world.vel[k] : velocities === 'zero' ? 0 : previous[k];
    }
    const move = planner.act(belief, prey);
    // the discrete env's chasers (training's, PettingZoo's default) or the game's continuous ones
    for (let a = 0; a < live.numAdversaries; a++) {
      const chase = chaseNearestPrey(live, a);
      if (continuous) applyContinuousAction(live.world, a, chase);
      else applyDiscreteAction(live.world, a, vectorToDiscrete(chase, live.world, a));
    }
    applyDiscreteAction(live.world, prey, move);
    previous.set(live.world.vel);
    live.world.step();
    touches += live.touchesOn(prey);
    live.boundaryPenalties(penalties, 0);
    boundary += penalties[prey];
  }
}
console.log(
  JSON.stringify({
    continuous,
    horizon: planner.horizon,
    distanceWeight: planner.distanceWeight,
    velocities,
    episodes,
    seed,
    touchesPerEpisode: touches / episodes,
    preyBoundaryPenalty: boundary / episodes,
  }),
);
