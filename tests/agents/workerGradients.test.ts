import { beforeAll, describe, expect, it } from 'vitest';
import { initTfNode } from '../../src/agents/tfNode';
import { Trainer } from '../../src/agents/trainer';
import { minibatchGradients } from '../../src/agents/minibatchGradients';
import { WorkerGradients } from '../../src/agents/workerGradients';

beforeAll(async () => {
  await initTfNode();
});

const small = { numEnvs: 4, numSteps: 25, numMinibatches: 2, totalSteps: 1e6, seed: 9 };

describe('gradients on worker threads', () => {
  it.each([
    ['the PPO objective', false],
    ['imitation (warm start)', true],
  ])(
    'a minibatch split over the main thread and a worker gives the gradient of the whole: %s',
    async (_, imitation) => {
      const tr = new Trainer({ scenario: 'spread', algo: 'mappo', config: small });
      tr.trainIteration();
      const g = tr.policies[0];
      const rows = 37; // an odd count: the shares differ in size
      const mb = {
        rows,
        inDim: g.inDim,
        criticDim: g.criticDim,
        actorInputs: g.actorInputs.slice(0, rows * g.inDim),
        criticInputs: g.criticInputs.slice(0, rows * g.criticDim),
        actions: g.actions.slice(0, rows),
        logp: g.logp.slice(0, rows),
        values: g.values.slice(0, rows),
        advantages: Float32Array.from({ length: rows }, (_, i) => Math.sin(i)),
        returns: g.returns.slice(0, rows),
        teacher: imitation ? Int32Array.from({ length: rows }, (_, i) => (i * 7) % 5) : null,
      };
      // an entropy coefficient other than the config's: the per-call settings must reach the worker
      const loss = { clipCoef: 0.2, clipVloss: true, entCoef: 0.037, vfCoef: 0.5 };
      const whole = minibatchGradients(g.actor, g.critic, mb, loss);
      const other = minibatchGradients(g.actor, g.critic, { ...mb, teacher: imitation ? null : mb.actions }, loss);
      expect(other.grads[0].some((v, i) => Math.abs(v - whole.grads[0][i]) > 1e-4)).toBe(true);
      const split = await WorkerGradients.start(tr, 1);
      const parts = split.compute(0, g, mb, loss);
      await split.dispose();
      tr.dispose();
      expect(parts.grads.length).toBe(whole.grads.length);
      // equal up to float32 rounding (the shares are summed in another order)
      const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(b)));
      parts.grads.forEach((gr, k) => gr.forEach((v, i) => close(v, whole.grads[k][i])));
      Array.from(parts.stats).forEach((v, i) => close(v, whole.stats[i]));
      expect(whole.grads.some((gr) => gr.some((v) => Math.abs(v) > 1e-4))).toBe(true);
    },
    60_000,
  );

  it('the same seed and worker count give the same run', async () => {
    const run = async () => {
      const tr = new Trainer({ scenario: 'tag', algo: 'shared', config: small });
      tr.useGradients(await WorkerGradients.start(tr, 1));
      const rows = [tr.trainIteration(), tr.trainIteration()].map((m) => [m.meanReturn, m.pgLoss, m.vLoss, m.entropy]);
      const w = Array.from(tr.policies[1].plainActor.w[0].dataSync());
      await tr.disposeAsync();
      return { rows, w };
    };
    const a = await run();
    expect(await run()).toEqual(a);
  }, 60_000);
});
