import { beforeAll, describe, expect, it } from 'vitest';
import { ValueNorm } from '../../src/agents/valueNorm';
import { computeGae } from '../../src/agents/gae';
import { Adam } from '../../src/agents/adam';
import { ppoLoss } from '../../src/agents/ppoLoss';
import { tf } from '../../src/agents/tf';
import { initTfNode } from '../../src/agents/tfNode';

beforeAll(async () => {
  const init = await initTfNode();
  expect(init.backend).toBe('wasm');
});

describe('GAE', () => {
  it('matches values computed by hand, bootstrapping on truncation and not on termination', () => {
    // one agent, 4 steps: an episode truncated at t=1, then one terminated at t=3
    const gamma = 0.9;
    const lambda = 0.8;
    const rewards = Float32Array.from([1, 2, 3, 4]);
    const values = Float32Array.from([0.5, 1.0, 1.5, 2.0]);
    const episodeEnd = Uint8Array.from([0, 1, 0, 1]);
    const terminated = Uint8Array.from([0, 0, 0, 1]);
    const finalValues = Float32Array.from([0, 10, 0, 99]); // 99 must be ignored: terminal
    const lastValues = Float32Array.from([7]); // ignored: the rollout ends with an episode end
    const advantages = new Float32Array(4);
    const returns = new Float32Array(4);
    computeGae({ T: 4, N: 1, rewards, values, episodeEnd, terminated, finalValues, lastValues, gamma, lambda, advantages, returns });
    const d3 = 4 - 2.0; // terminal: no bootstrap
    const d2 = 3 + gamma * 2.0 - 1.5;
    const a3 = d3;
    const a2 = d2 + gamma * lambda * a3;
    const d1 = 2 + gamma * 10 - 1.0; // truncated: bootstrap from the final observation's value
    const a1 = d1; // the trace stops at the episode end
    const d0 = 1 + gamma * 1.0 - 0.5;
    const a0 = d0 + gamma * lambda * a1;
    expect(Array.from(advantages)).toEqual([a0, a1, a2, a3].map(Math.fround));
    expect(Array.from(returns)).toEqual([a0 + 0.5, a1 + 1.0, a2 + 1.5, a3 + 2.0].map(Math.fround));
  });

  it('bootstraps from the next rollout value when the rollout ends mid-episode, per agent', () => {
    const adv = new Float32Array(4);
    const ret = new Float32Array(4);
    // T=2, N=2 laid out [t][n]
    computeGae({
      T: 2,
      N: 2,
      gamma: 0.5,
      lambda: 1,
      rewards: Float32Array.from([1, 0, 1, 0]),
      values: new Float32Array(4),
      episodeEnd: new Uint8Array(4),
      terminated: new Uint8Array(4),
      finalValues: new Float32Array(4),
      lastValues: Float32Array.from([4, 8]),
      advantages: adv,
      returns: ret,
    });
    expect(Array.from(adv)).toEqual([1 + 0.5 * (1 + 0.5 * 4), 0.5 * 0.5 * 8, 1 + 0.5 * 4, 0.5 * 8]);
  });
});

describe('PPO loss', () => {
  const batch = () => ({
    logits: tf.tensor2d([
      [0.2, -0.1, 0.5],
      [1.0, 0.0, -1.0],
    ]),
    values: tf.tensor1d([0.5, -0.2]),
    actions: tf.tensor1d([2, 0], 'int32'),
    oldLogProbs: tf.tensor1d([-1.2, -0.1]),
    oldValues: tf.tensor1d([0.4, 0.3]),
    advantages: tf.tensor1d([1.0, -2.0]),
    returns: tf.tensor1d([1.0, 0.0]),
  });
  const opts = { clipCoef: 0.2, clipVloss: true, entCoef: 0.01, vfCoef: 0.5 };

  function byHand() {
    const rows = [
      [0.2, -0.1, 0.5],
      [1.0, 0.0, -1.0],
    ];
    const lse = (r: number[]) => Math.log(r.reduce((a, x) => a + Math.exp(x), 0));
    const logp = rows.map((r) => r.map((x) => x - lse(r)));
    const newLogp = [logp[0][2], logp[1][0]];
    const ratio = [Math.exp(newLogp[0] + 1.2), Math.exp(newLogp[1] + 0.1)];
    const adv = [1.0, -2.0];
    const clip = (r: number) => Math.min(1.2, Math.max(0.8, r));
    const pg = (Math.max(-adv[0] * ratio[0], -adv[0] * clip(ratio[0])) + Math.max(-adv[1] * ratio[1], -adv[1] * clip(ratio[1]))) / 2;
    const ent = -logp.reduce((a, r) => a + r.reduce((b, l) => b + Math.exp(l) * l, 0), 0) / 2;
    const v = [0.5, -0.2];
    const oldV = [0.4, 0.3];
    const R = [1.0, 0.0];
    const vc = v.map((x, i) => oldV[i] + Math.min(0.2, Math.max(-0.2, x - oldV[i])));
    const vLoss = 0.5 * ((Math.max((v[0] - R[0]) ** 2, (vc[0] - R[0]) ** 2) + Math.max((v[1] - R[1]) ** 2, (vc[1] - R[1]) ** 2)) / 2);
    return { pg, ent, vLoss, loss: pg - 0.01 * ent + 0.5 * vLoss, ratio };
  }

  it('policy, value and entropy terms equal the formulas evaluated by hand', () => {
    const want = byHand();
    const parts = tf.tidy(() => {
      const p = ppoLoss(batch(), opts);
      return { loss: p.loss.dataSync()[0], pg: p.pgLoss.dataSync()[0], v: p.vLoss.dataSync()[0], ent: p.entropy.dataSync()[0] };
    });
    expect(parts.pg).toBeCloseTo(want.pg, 5);
    expect(parts.v).toBeCloseTo(want.vLoss, 5);
    expect(parts.ent).toBeCloseTo(want.ent, 5);
    expect(parts.loss).toBeCloseTo(want.loss, 5);
    expect(want.ratio[1]).toBeLessThan(0.8); // negative advantage below 1 - clip: clipped, no policy gradient
  });

  it('the Huber value loss is quadratic within delta and linear beyond, clipped as the squared one', () => {
    const delta = 0.3;
    const h = (e: number) => (Math.abs(e) <= delta ? 0.5 * e * e : delta * (Math.abs(e) - 0.5 * delta));
    const v = [0.5, -0.2];
    const oldV = [0.4, 0.3];
    const R = [1.0, 0.0];
    const vc = v.map((x, i) => oldV[i] + Math.min(0.2, Math.max(-0.2, x - oldV[i])));
    const want = (Math.max(h(v[0] - R[0]), h(vc[0] - R[0])) + Math.max(h(v[1] - R[1]), h(vc[1] - R[1]))) / 2;
    const got = tf.tidy(() => ppoLoss(batch(), { ...opts, huberDelta: delta }).vLoss.dataSync()[0]);
    expect(got).toBeCloseTo(want, 6);
    // errors of 0.5 and 0.2 around delta 0.3: one on each branch, so this differs from the squared loss
    expect(Math.abs(got - byHand().vLoss)).toBeGreaterThan(1e-3);
  });

  it('the gradient wrt the logits matches central finite differences', () => {
    const base = [
      [0.2, -0.1, 0.5],
      [1.0, 0.0, -1.0],
    ];
    const lossAt = (logits: number[][]) => tf.tidy(() => ppoLoss({ ...batch(), logits: tf.tensor2d(logits) }, opts).loss.dataSync()[0]);
    const grad = tf.tidy(() => {
      const b = batch();
      return tf
        .grad((l: tf.Tensor) => ppoLoss({ ...b, logits: l as tf.Tensor2D }, opts).loss)(tf.tensor2d(base))
        .arraySync() as number[][];
    });
    const h = 1e-2;
    for (let r = 0; r < 2; r++) {
      for (let c = 0; c < 3; c++) {
        const up = base.map((row) => [...row]);
        const down = base.map((row) => [...row]);
        up[r][c] += h;
        down[r][c] -= h;
        expect(grad[r][c]).toBeCloseTo((lossAt(up) - lossAt(down)) / (2 * h), 3);
      }
    }
    // the clipped sample (row 1) only feels the entropy bonus
    expect(Math.abs(grad[1][0])).toBeLessThan(0.01);
  });

  it('host Adam follows tf.train.adam step for step, and clip scales shrink the gradient', () => {
    const start = [0.5, -1.5, 2.0];
    const gradOf = (p: number[]) => p.map((x, i) => 2 * (x - i)); // minimise sum (x_i - i)^2
    const ref = tf.variable(tf.tensor1d(start));
    const opt = tf.train.adam(0.05, 0.9, 0.999, 1e-5);
    const mine = new Adam([3], 0.9, 0.999, 1e-5);
    const params = [Float32Array.from(start)];
    for (let k = 0; k < 25; k++) {
      tf.tidy(() => opt.applyGradients({ [ref.name]: tf.tensor1d(gradOf(Array.from(ref.dataSync()))) } as unknown as Record<string, tf.Variable>));
      mine.step(params, [Float32Array.from(gradOf(Array.from(params[0])))], 0.05);
    }
    // tfjs keeps its moments in float32 arithmetic; the two agree to float32 rounding
    Array.from(ref.dataSync()).forEach((v, i) => expect(params[0][i]).toBeCloseTo(v, 4));
    expect(Math.abs(params[0][0] - start[0])).toBeGreaterThan(0.5); // and they did move
    expect(Adam.l2Norm([Float32Array.from([3, 4])])).toBe(5);
    const a = new Adam([1]);
    const b = new Adam([1]);
    const pa = [Float32Array.from([0])];
    const pb = [Float32Array.from([0])];
    a.step(pa, [Float32Array.from([10])], 0.1, [0.05]);
    b.step(pb, [Float32Array.from([0.5])], 0.1);
    expect(pa[0][0]).toBeCloseTo(pb[0][0], 6); // scaling by 0.05 is the gradient 0.5
    ref.dispose();
    opt.dispose();
  });
});

describe('value normalisation', () => {
  it('learns the scale of the returns and maps values there and back', () => {
    const vn = new ValueNorm(0.9);
    const returns = Float32Array.from({ length: 1000 }, (_, i) => 300 + 50 * Math.sin(i * 1.3));
    for (let k = 0; k < 50; k++) vn.update(returns, returns.length);
    const x = returns.slice(0, 10);
    vn.normalize(x);
    // about zero mean and unit spread on the critic's side
    expect(Math.max(...Array.from(x).map(Math.abs))).toBeLessThan(2.5);
    vn.denormalize(x);
    x.forEach((v, i) => expect(v).toBeCloseTo(returns[i], 2));
    const back = ValueNorm.fromJson(JSON.parse(JSON.stringify(vn.toJson())), 'valueNorm');
    expect(back.toJson()).toEqual(vn.toJson());
    expect(() => ValueNorm.fromJson({ mean: 1, meanSq: 1, debias: 2, beta: 0.9 }, 'valueNorm')).toThrow(/debias/);
  });
});
