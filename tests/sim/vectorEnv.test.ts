import { describe, expect, it } from 'vitest';
import { ParallelEnv, type StepResult } from '../../src/sim/env';
import { FastRandom } from '../../src/sim/fastRandom';
import { VectorEnv } from '../../src/sim/vectorEnv';

describe('vector env', () => {
  it.each([
    ['simple_tag', { num_good: 2, num_adversaries: 3, max_cycles: 6 }],
    ['simple_speaker_listener', { max_cycles: 6 }],
    ['simple_spread', { N: 3, max_cycles: 6, continuous_actions: true }],
  ])('%s: each copy equals a ParallelEnv seeded seed + i, including auto-reset and final observations', (scenario, options) => {
    const K = 3;
    const seed = 20;
    const v = new VectorEnv({ scenario, options, numEnvs: K, seed });
    const refs = Array.from({ length: K }, (_, e) => {
      const env = new ParallelEnv(scenario, options);
      env.reset({ seed: seed + e });
      return env;
    });
    const rng = new FastRandom(5);
    const returns = refs.map(() => new Map<string, number>());
    const last: StepResult[] = [];
    for (let step = 0; step < 14; step++) {
      for (let e = 0; e < K; e++) {
        const env = refs[e];
        const actions: Record<string, number | number[]> = {};
        for (const r of v.roles) {
          r.agentNames.forEach((name, k) => {
            const slot = (e * r.count + k) * r.actionWidth;
            if (r.actionSpace.type === 'Discrete') {
              r.actions[slot] = rng.int(r.actionSpace.n);
              actions[name] = r.actions[slot];
            } else {
              for (let j = 0; j < r.actionWidth; j++) r.actions[slot + j] = rng.next();
              actions[name] = Array.from(r.actions.subarray(slot, slot + r.actionWidth));
            }
          });
        }
        last[e] = env.step(actions);
        for (const [name, rew] of Object.entries(last[e].rewards)) returns[e].set(name, (returns[e].get(name) ?? 0) + rew);
      }
      v.step();
      for (let e = 0; e < K; e++) {
        const env = refs[e];
        const out = last[e];
        const ended = env.agents.length === 0;
        expect(v.truncated[e]).toBe(ended ? 1 : 0);
        for (const r of v.roles) {
          r.agentNames.forEach((name, k) => {
            const slot = e * r.count + k;
            expect(r.rewards[slot]).toBe(Math.fround(out.rewards[name]));
            const buf = ended ? r.finalObs : r.obs;
            expect(Array.from(buf.subarray(slot * r.obsDim, (slot + 1) * r.obsDim))).toEqual(Array.from(out.observations[name]));
            if (ended) expect(r.finishedReturns[slot]).toBeCloseTo(returns[e].get(name)!, 12);
          });
        }
        if (ended) {
          const fresh = env.reset();
          returns[e].clear();
          for (const r of v.roles) {
            r.agentNames.forEach((name, k) => {
              const slot = e * r.count + k;
              expect(Array.from(r.obs.subarray(slot * r.obsDim, (slot + 1) * r.obsDim))).toEqual(Array.from(fresh.observations[name]));
            });
          }
        }
      }
    }
    expect(v.episodesDone).toBe(2 * K);
  });

  it('groups buffers by role with the documented sizes', () => {
    const v = new VectorEnv({ scenario: 'simple_tag', options: { num_good: 2, num_adversaries: 4 }, numEnvs: 8, seed: 0 });
    const [adv, good] = v.roles;
    expect([adv.name, adv.count, adv.obsDim, adv.obs.length, adv.actions.length]).toEqual(['adversary', 4, 22, 8 * 4 * 22, 32]);
    expect([good.name, good.count, good.obsDim, good.rewards.length]).toEqual(['good', 2, 20, 16]);
    expect(adv.actions).toBeInstanceOf(Int32Array);
    const c = new VectorEnv({ scenario: 'simple_spread', options: { continuous_actions: true }, numEnvs: 2, seed: 0 });
    expect(c.roles[0].actions).toBeInstanceOf(Float32Array);
    expect(c.roles[0].actions.length).toBe(2 * 3 * 5);
  });
});
