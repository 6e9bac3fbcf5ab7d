import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { f32ToBase64 } from '../../src/agents/base64';
import { readCheckpoint } from '../../src/agents/checkpoint';
import { loadCheckpointFile, MAX_CHECKPOINT_BYTES } from '../../src/cli/checkpointFile';
import { ArenaInputError } from '../../src/sim/errors';

/** Every way a checkpoint can be broken is refused with an error naming the field; none crashes. */
const POLICIES = resolve(__dirname, '../../assets/policies');
const predators = () => JSON.parse(readFileSync(join(POLICIES, 'tag-predators-hard.json'), 'utf8'));
const mappo = () => JSON.parse(readFileSync(join(POLICIES, 'spread-n3-mappo.json'), 'utf8'));

function refused(c: unknown, message: RegExp): void {
  let err: unknown = null;
  try {
    readCheckpoint(c);
  } catch (e) {
    err = e;
  }
  expect(err, 'accepted').toBeInstanceOf(ArenaInputError);
  expect((err as Error).message).toMatch(message);
}

const layerWith = (c: any, value: number) => {
  const l = c.policies[0].actor.layers[1];
  const w = new Float32Array(l.inputs * l.outputs).fill(0.1);
  w[7] = value;
  l.w = f32ToBase64(w);
  return c;
};

describe('checkpoint checks', () => {
  it('the shipped files pass', () => {
    expect(() => readCheckpoint(predators())).not.toThrow();
    expect(() => readCheckpoint(mappo())).not.toThrow();
  });

  it.each([
    ['NaN weight', (c: any) => layerWith(c, NaN), /policies\[0\]\.actor\.layers\[1\]\.w: got "NaN at index 7"/],
    ['infinite weight', (c: any) => layerWith(c, Infinity), /layers\[1\]\.w: got "Infinity at index 7"/],
    ['absurd weight', (c: any) => layerWith(c, 3e38), /finite weights of magnitude up to 1000000/],
    [
      'a role left half driven',
      (c: any) => (c.policies[0].agents = ['adversary_0', 'adversary_1']),
      /checkpoint\.policies: got "adversary without adversary_2"/,
    ],
    ['an agent under the wrong role', (c: any) => (c.policies[0].agents = ['adversary_0', 'adversary_1', 'agent_0']), /agents of role adversary/],
    ['unknown role', (c: any) => (c.policies[0].role = 'wolf'), /policies\[0\]\.role: got "wolf"; allowed: adversary, good/],
    ['negative zero range', (c: any) => (c.policies[0].observation.zeroRanges = [[-1, 2]]), /zeroRanges: got \[-1,2\]/],
    [
      'huge zero range',
      (c: any) => (c.policies[0].observation.zeroRanges = [[0, 1e9]]),
      /zeroRanges: got \[0,1000000000\]; allowed: \[from, to\) with 0 <= from < to <= 16/,
    ],
    ['non-numeric zero range', (c: any) => (c.policies[0].observation.zeroRanges = [['a', 'b']]), /zeroRanges/],
    ['critic input size', (c: any) => (c.policies[0].critic.inputDim = 99), /critic\.inputDim: got 99; allowed: 16/],
    ['unknown algo', (c: any) => (c.algo = 'dqn'), /checkpoint\.algo: got "dqn"; allowed: independent, shared/],
    ['negative step', (c: any) => (c.step = -5), /checkpoint\.step: got -5/],
    ['fractional iteration', (c: any) => (c.iteration = 1.5), /checkpoint\.iteration: got 1.5/],
    ['null layers', (c: any) => (c.policies[0].actor.layers = null), /actor\.layers/],
    ['null layer', (c: any) => (c.policies[0].actor.layers[0] = null), /actor\.layers\[0\]/],
    ['null policies', (c: any) => (c.policies = null), /checkpoint\.policies: got null/],
    ['null policy', (c: any) => (c.policies[0] = null), /checkpoint\.policies\[0\]: got null/],
    ['null critic', (c: any) => (c.policies[0].critic = null), /policies\[0\]\.critic: got null/],
    ['null observation', (c: any) => (c.policies[0].observation = null), /policies\[0\]\.observation: got null/],
    ['config key toString', (c: any) => (c.config = JSON.parse('{"toString": 1}')), /config\.toString: got 1; unknown setting/],
    ['config key __proto__', (c: any) => (c.config = JSON.parse('{"__proto__": {"x": 1}}')), /config\.__proto__/],
    ['config not an object', (c: any) => (c.config = [1, 2]), /checkpoint\.config: got \[1,2\]/],
    [
      'oversized norm',
      (c: any) => (c.policies[0].observation.norm = { mean: new Array(5000).fill(0), var: new Array(5000).fill(1), count: 3 }),
      /observation\.norm\.mean: got "5000 and 5000 values"; allowed: 16 values each/,
    ],
    [
      'negative norm variance',
      (c: any) => (c.policies[0].observation.norm = { mean: new Array(16).fill(0), var: new Array(16).fill(-1), count: 3 }),
      /observation\.norm\.var/,
    ],
    ['NaN value normaliser', (c: any) => (c.policies[0].critic.valueNorm = { mean: null, meanSq: 1, debias: 1, beta: 0.9 }), /critic\.valueNorm/],
    ['continuous actions', (c: any) => (c.scenario.options.continuous_actions = true), /continuous_actions: got true; allowed: false/],
    [
      'a layer size that is an object without toString (found by the fuzz suite)',
      (c: any) => (c.policies[0].critic.layers[1].inputs = JSON.parse('{"toString": null}')),
      /critic\.layers\[1\]: got \{"inputs":\{"toString":null\},"outputs":64\}; allowed: 64x64/,
    ],
    ['critic input kind', (c: any) => (c.policies[0].critic.input = 'remote'), /critic\.input: got "remote"; allowed: local or global/],
  ])('%s', (_name, mutate, message) => {
    const c = predators();
    mutate(c);
    refused(c, message);
  });

  it('a MAPPO critic must read the global state (every observation and the agent one-hot)', () => {
    const c = mappo();
    c.policies[0].critic.inputDim = 18;
    refused(c, /critic\.inputDim: got 18; allowed: 57 \(a global critic's input here\)/);
  });

  it('files: a folder, a file too large to be a checkpoint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-ckpt-'));
    expect(() => loadCheckpointFile(dir)).toThrow(/checkpoint: got ".*"; it is a folder; allowed: a checkpoint file/);
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, MAX_CHECKPOINT_BYTES + 1); // sparse: no disk used
    const started = performance.now();
    expect(() => loadCheckpointFile(big)).toThrow(/it holds 67,108,865 bytes; allowed: a checkpoint file of at most 67,108,864 bytes/);
    expect(performance.now() - started).toBeLessThan(1000); // refused before reading
  });
});
