import { beforeAll, describe, expect, it } from 'vitest';
import { checkpointOf, readCheckpoint, type CheckpointJson } from '../../src/agents/checkpoint';
import { restoreTrainer } from '../../src/agents/resume';
import { initTfNode } from '../../src/agents/tfNode';
import { Trainer } from '../../src/agents/trainer';
import { trainingOpponents } from '../../src/plugins/trainingOpponents';
import { ArenaInputError } from '../../src/sim/errors';
import { NonFiniteError } from '../../src/sim/json';
import { f32ToBase64 } from '../../src/agents/base64';

/** Tag predators learning against a scripted+random prey mix: optimizer, generators, opponents and envs all in the resume state. */
const config = { numEnvs: 4, numSteps: 25, numMinibatches: 2, totalSteps: 4000, seed: 5, valueNorm: true };
const makeTrainer = () =>
  new Trainer({ scenario: 'tag', algo: 'shared', config, fixedRoles: trainingOpponents('simple_tag', {}, 'scripted+random:prey', config.numEnvs, 5) });

/** A trainer's whole state as text (the creation time aside): what must not change when a resume is refused. */
const stateOf = (t: Trainer) => JSON.stringify({ ...checkpointOf(t, true), created: '' });

let saved: CheckpointJson;

beforeAll(async () => {
  await initTfNode();
  const t = makeTrainer();
  for (let i = 0; i < 2; i++) t.trainIteration();
  saved = JSON.parse(JSON.stringify(checkpointOf(t, true)));
  t.dispose();
}, 60_000);

/** A hostile edit may reach anywhere in the file. */
type Mutation = [string, (c: Record<string, any>) => void, RegExp];
const optimizer = (c: Record<string, any>) => Object.values(c.training.optimizers)[0] as Record<string, any>;

describe('resume state is checked whole before any of it is applied', () => {
  const cases: Mutation[] = [
    ['Adam step negative', (c) => (optimizer(c).t = -3), /training\.optimizers\.adversary\.t: got -3; allowed: an integer from 0/],
    ['Adam step a string', (c) => (optimizer(c).t = '7'), /optimizers\.adversary\.t: got "7"/],
    [
      'Adam first moment NaN',
      (c) => (optimizer(c).m[0] = f32ToBase64(new Float32Array(Buffer.from(optimizer(c).m[0], 'base64').length / 4).fill(NaN))),
      /optimizers\.adversary\.m\[0\]: got "NaN at index 0"/,
    ],
    [
      'Adam second moment negative',
      (c) => (optimizer(c).v[1] = f32ToBase64(new Float32Array(Buffer.from(optimizer(c).v[1], 'base64').length / 4).fill(-1))),
      /optimizers\.adversary\.v\[1\]: got "-1 at index 0"; allowed: finite numbers from 0/,
    ],
    ['Adam moments missing', (c) => delete optimizer(c).m, /optimizers\.adversary\.m: got nothing/],
    ['no optimizers', (c) => delete c.training.optimizers, /training\.optimizers: got nothing.*one optimizer state per policy/],
    ['training a string', (c) => ((c as { training: unknown }).training = 'abc'), /checkpoint\.training: got "abc".*--init/],
    ['training null', (c) => ((c as { training: unknown }).training = null), /checkpoint\.training: got null/],
    ['a generator state a string', (c) => (c.training.rng.sample = 'x'), /training\.rng\.sample: got "x"; allowed: an integer from 0 to 4294967295/],
    ['a generator state negative', (c) => (c.training.rng.shuffle = -1), /training\.rng\.shuffle: got -1/],
    ['a generator state empty', (c) => (c.training.rng = {}), /training\.rng\.sample: got nothing/],
    ['step 1e15', (c) => (c.step = 1e15), /checkpoint\.step: got 1000000000000000; allowed: an integer from 0 to 1e\+12/],
    ['iteration not matching step', (c) => (c.iteration = 7), /checkpoint\.iteration: got 7; allowed: 2 \(step 200/],
    ['episodes done a string', (c) => (c.training.envs.episodesDone = 'abc'), /training\.envs\.episodesDone: got "abc"/],
    ['an opponent pick out of range', (c) => (c.training.opponents.good[2].chosen = 9), /the state of .*chosen \(0 to 1\)/],
    ['an opponent generator negative', (c) => (c.training.opponents.good[3].members[1] = -5), /random controller state: got -5/],
  ];

  it.each(cases)('%s: refused by name, and the trainer is left as it was', (_name, mutate, message) => {
    const c = JSON.parse(JSON.stringify(saved));
    mutate(c);
    const t = makeTrainer();
    const before = stateOf(t);
    let err: unknown;
    try {
      const { ckpt, policies } = readCheckpoint(c);
      restoreTrainer(t, ckpt, policies);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ArenaInputError);
    expect((err as Error).message).toMatch(message);
    expect(stateOf(t)).toBe(before);
    t.dispose();
  });

  it('a huge value normaliser is refused when read (it would square to Infinity and train NaN)', () => {
    const c = JSON.parse(JSON.stringify(saved));
    c.policies[0].critic.valueNorm = { mean: 1e300, meanSq: 1e300, debias: 0.5, beta: 0.99 };
    expect(() => readCheckpoint(c)).toThrow(/policies\[0\]\.critic\.valueNorm: got .*\|mean\| <= 1e6/);
  });

  it('the untouched state resumes, and the next iteration is the one the first run would have done', () => {
    const { ckpt, policies } = readCheckpoint(JSON.parse(JSON.stringify(saved)));
    const t = makeTrainer();
    expect(restoreTrainer(t, ckpt, policies)).toEqual([]);
    expect(stateOf(t)).toBe(JSON.stringify({ ...saved, created: '' }));
    t.dispose();
  });
});

describe('a run never writes a non-finite number', () => {
  it('a NaN weight stops the checkpoint writer, which names the parameter', () => {
    const t = makeTrainer();
    const g = t.policies[0];
    g.params[2][5] = NaN;
    g.pushParams();
    expect(() => checkpointOf(t)).toThrow(NonFiniteError);
    expect(() => checkpointOf(t)).toThrow(/the checkpoint holds a non-finite number at policies\.adversary\.actor\.layers\[1\]\.w\[5\] \(NaN\)/);
    t.dispose();
  });

  it('an iteration that makes a weight non-finite stops the run, naming it, before anything is logged', () => {
    const t = makeTrainer();
    const g = t.policies[0];
    const st = g.optimizer.getState();
    st.m[0].fill(Infinity);
    g.optimizer.setState(st);
    expect(() => t.trainIteration()).toThrow(/training iteration 1 holds a non-finite number at (metrics|policies\.adversary)/);
    t.dispose();
  });
});
