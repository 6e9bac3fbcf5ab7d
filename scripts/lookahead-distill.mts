/**
 * Can a memoryless network copy the lookahead prey? Records the planner's move values on the states it
 * visits (25-step episodes against the discrete scripted chasers, `--explore` of its moves replaced by
 * random ones so the data also holds recoveries), fits an MLP to its choices offline, and plays the fitted
 * network (most likely move) on 200 held-out episodes from seed 100000.
 *
 * `--inputs`: what the network sees, comma-separated: `observation` (PettingZoo's prey observation),
 * `stacked` (that and the observation of the step before, zeros at the start), `velocities` (the
 * observation and the predators' true velocities, which the planner uses). `--temperature 0` fits the
 * planner's best move; above 0, a softmax of its move values over that temperature (reward units).
 *
 *     npx tsx scripts/lookahead-distill.mts [--episodes 4000] [--explore 0.2] [--hidden 64] [--epochs 30] [--temperature 0.3] [--inputs observation,stacked,velocities]
 */
import { parseArgs } from 'node:util';
// a probe: Keras-style fitting (tfjs-layers, part of the installed umbrella package) is the shortest way
import * as tfl from '@tensorflow/tfjs';
import { initTfNode } from '../src/agents/tfNode';
import { applyDiscreteAction, MOVE_COUNT, vectorToDiscrete } from '../src/sim/actions';
import { ParallelEnv } from '../src/sim/env';
import { FastRandom } from '../src/sim/fastRandom';
import { LookaheadPrey } from '../src/sim/scenarios/tag/lookahead';
import type { TagScenario } from '../src/sim/scenarios/tag/scenario';
import { chaseNearestPrey } from '../src/sim/scenarios/tag/scripted';

const { values: flags } = parseArgs({
  options: {
    episodes: { type: 'string', default: '4000' },
    explore: { type: 'string', default: '0.2' },
    hidden: { type: 'string', default: '64' },
    epochs: { type: 'string', default: '30' },
    temperature: { type: 'string', default: '0.3' },
    inputs: { type: 'string', default: 'observation,stacked,velocities' },
  },
});
const episodes = Number(flags.episodes);
const explore = Number(flags.explore);
const hidden = Number(flags.hidden);
const epochs = Number(flags.epochs);
const temperature = Number(flags.temperature);
const INPUTS = ['observation', 'stacked', 'velocities'] as const;
type Input = (typeof INPUTS)[number];
const inputs = flags.inputs!.split(',') as Input[];
for (const i of inputs) if (!INPUTS.includes(i)) throw new Error(`--inputs: got ${i}; allowed: ${INPUTS.join(', ')}`);
for (const [name, v] of Object.entries({ episodes, explore, hidden, epochs, temperature })) {
  if (!(Number.isFinite(v) && v >= 0)) throw new Error(`--${name}: got ${v}; allowed: a number >= 0`);
}

await initTfNode();
const env = new ParallelEnv('simple_tag', {});
const sc = env.scenario as TagScenario;
const prey = sc.numAdversaries;
const obsDim = sc.obsDims[prey];
const velDim = 2 * sc.numAdversaries;
const planner = new LookaheadPrey();

/** The network's input for one state. */
function features(input: Input, obs: Float32Array, previous: Float32Array, velocities: Float32Array): number[] {
  if (input === 'observation') return [...obs];
  if (input === 'stacked') return [...obs, ...previous];
  return [...obs, ...velocities];
}
function predatorVelocities(): Float32Array {
  return Float32Array.from(sc.world.vel.subarray(0, velDim));
}
function chase(): void {
  for (let a = 0; a < sc.numAdversaries; a++) applyDiscreteAction(sc.world, a, vectorToDiscrete(chaseNearestPrey(sc, a), sc.world, a));
}

// ---------- the planner's data ----------
interface Sample {
  obs: Float32Array;
  previous: Float32Array;
  velocities: Float32Array;
  values: Float64Array;
}
const data: Sample[] = [];
const rng = new FastRandom(7);
const obs = new Float32Array(obsDim);
const previous = new Float32Array(obsDim);
const started = Date.now();
for (let e = 0; e < episodes; e++) {
  env.reset({ seed: 500000 + e });
  previous.fill(0);
  for (let t = 0; t < 25; t++) {
    sc.observe(prey, obs, 0);
    const values = planner.moveValues(sc, prey);
    data.push({ obs: obs.slice(), previous: previous.slice(), velocities: predatorVelocities(), values });
    const best = values.indexOf(Math.max(...values));
    previous.set(obs);
    chase();
    applyDiscreteAction(sc.world, prey, rng.next() < explore ? rng.int(MOVE_COUNT) : best);
    sc.world.step();
  }
}
const gaps = data
  .map((d) => {
    const s = [...d.values].sort((a, b) => b - a);
    return s[0] - s[1];
  })
  .sort((a, b) => a - b);
const quantile = (q: number) => gaps[Math.floor(q * gaps.length)];

/** The target distribution: the best move, or a softmax of the values. */
function target(values: Float64Array): number[] {
  const best = Math.max(...values);
  if (temperature === 0) return Array.from(values, (_v, m) => (m === values.indexOf(best) ? 1 : 0));
  const w = Array.from(values, (v) => Math.exp((v - best) / temperature));
  const z = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / z);
}

// ---------- fit and play, per input ----------
const results = [];
const trainRows = Math.floor(data.length * 0.9);
for (const input of inputs) {
  const dim = features(input, data[0].obs, data[0].previous, data[0].velocities).length;
  const X = tfl.tensor2d(
    data.map((d) => features(input, d.obs, d.previous, d.velocities)),
    [data.length, dim],
  );
  const Y = tfl.tensor2d(
    data.map((d) => target(d.values)),
    [data.length, MOVE_COUNT],
  );
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [dim], units: hidden, activation: 'relu' }),
      tfl.layers.dense({ units: hidden, activation: 'relu' }),
      tfl.layers.dense({ units: MOVE_COUNT, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tfl.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const held = data.length - trainRows;
  const history = await model.fit(X.slice([0, 0], [trainRows, dim]), Y.slice([0, 0], [trainRows, MOVE_COUNT]), {
    epochs,
    batchSize: 512,
    shuffle: true,
    verbose: 0,
    validationData: [X.slice([trainRows, 0], [held, dim]), Y.slice([trainRows, 0], [held, MOVE_COUNT])],
  });
  const last = (k: string) => (history.history[k] as number[]).at(-1)!;

  let touches = 0;
  let boundary = 0;
  const penalties = new Float64Array(sc.world.numAgents);
  for (let e = 0; e < 200; e++) {
    env.reset({ seed: 100000 + e });
    previous.fill(0);
    for (let t = 0; t < 25; t++) {
      sc.observe(prey, obs, 0);
      const x = features(input, obs, previous, predatorVelocities());
      const probs = tfl.tidy(() => (model.predict(tfl.tensor2d([x], [1, dim])) as tfl.Tensor).dataSync());
      const move = probs.indexOf(Math.max(...probs));
      previous.set(obs);
      chase();
      applyDiscreteAction(sc.world, prey, move);
      sc.world.step();
      touches += sc.touchesOn(prey);
      sc.boundaryPenalties(penalties, 0);
      boundary += penalties[prey];
    }
  }
  results.push({
    input,
    validationCrossEntropy: last('val_loss'),
    validationAgreement: last('val_acc'),
    touchesPerEpisode: touches / 200,
    preyBoundaryPenalty: boundary / 200,
  });
  tfl.dispose([X, Y]);
  model.dispose();
}
console.log(
  JSON.stringify({
    episodes,
    samples: data.length,
    seconds: (Date.now() - started) / 1000,
    explore,
    hidden,
    epochs,
    temperature,
    bestOverRunnerUp: { q10: quantile(0.1), q25: quantile(0.25), median: quantile(0.5), q75: quantile(0.75), q90: quantile(0.9) },
    results,
  }),
);
