import { describe, expect, it } from 'vitest';
import { ParallelEnv, type StepResult } from '../../src/sim/env';
import { FastRandom } from '../../src/sim/fastRandom';
import { ArenaInputError } from '../../src/sim/errors';
import { VectorEnv, type VectorEnvState } from '../../src/sim/vectorEnv';

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

  describe('setState: a bad state is refused by name, whole, before any env changes', () => {
    const make = (seed: number) => {
      const v = new VectorEnv({ scenario: 'simple_tag', numEnvs: 3, seed });
      for (let k = 0; k < 4; k++) v.step();
      return v;
    };
    const target = make(1);
    const before = JSON.stringify(target.getState());
    const obsBefore = target.roles.map((r) => Array.from(r.obs));
    /** A good state of another run, broken by `mutate`, must be refused with `message` and change nothing. */
    const refused = (mutate: (st: VectorEnvState & Record<string, unknown>) => void, field: RegExp, message: RegExp) => {
      const st = JSON.parse(JSON.stringify(make(7).getState()));
      mutate(st);
      let err: unknown;
      try {
        target.setState(st);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ArenaInputError);
      expect((err as ArenaInputError).field).toMatch(field);
      expect((err as Error).message).toMatch(message);
      expect(JSON.stringify(target.getState())).toBe(before);
      target.roles.forEach((r, i) => expect(Array.from(r.obs)).toEqual(obsBefore[i]));
    };

    it('one bad env among good ones: nothing is applied', () => {
      refused((st) => (st.envs[2].world.p_pos[1] = [NaN, 0]), /^envState\.envs\[2\]\.world\.p_pos\[1\]$/, /finite numbers/);
      refused((st) => (st.envs[2].rng.inc = 'x'), /^envState\.envs\[2\]\.rng\.inc$/, /decimal string/);
      refused((st) => (st.episodeReturns.adversary = [1]), /episodeReturns\.adversary/, /9 finite numbers/);
    });

    it('counters and ids: types, finiteness and ranges', () => {
      for (const bad of ['abc', -1, 1.5, NaN, Infinity, null, '3']) {
        refused((st) => (st.episodesDone = bad as number), /^envState\.episodesDone$/, /non-negative integer/);
      }
      for (const bad of ['', '0x1f', '-5', ' 7', (2n ** 128n).toString(), 12, true]) {
        refused((st) => (st.envs[1].rng.state = bad as string), /^envState\.envs\[1\]\.rng\.state$/, /0 to 2\^128 - 1/);
      }
      refused((st) => (st.envs[0].rng.inc = '4'), /rng\.inc/, /odd/);
      refused((st) => (st.envs[0].rng.hasUint32 = 'yes' as never), /rng\.hasUint32/, /true or false/);
      for (const bad of ['abc', -1, 2 ** 32, 0.5]) refused((st) => (st.envs[0].rng.uinteger = bad as number), /rng\.uinteger/, /0 to 4294967295/);
      for (const bad of ['3', -1, 2.5, 25]) refused((st) => (st.envs[1].world.t = bad as number), /^envState\.envs\[1\]\.world\.t$/, /0 to 24/);
      refused((st) => (st.envs[0] = null as never), /^envState\.envs\[0\]$/, /\{world, rng\}/);
      refused((st) => (st.envs = st.envs.slice(1)), /^envState\.envs$/, /3 envs/);
      expect(() => target.setState(null as never)).toThrow(ArenaInputError);
    });

    it('two colliding entities at one point are refused, naming both', () => {
      refused(
        (st) => (st.envs[1].world.p_pos[2] = [...st.envs[1].world.p_pos[0]]),
        /^envState\.envs\[1\]\.world\.p_pos\[2\]$/,
        /adversary_2 is at the same point as adversary_0/,
      );
    });

    it('a good state still round-trips exactly', () => {
      const st = make(7).getState();
      target.setState(JSON.parse(JSON.stringify(st)));
      expect(JSON.stringify(target.getState())).toBe(JSON.stringify(st));
      target.setState(JSON.parse(before));
    });
  });

  it('step(actions) reads each value once: a getter cannot pass the check and then give NaN', () => {
    const v = new VectorEnv({ scenario: 'simple_spread', options: { continuous_actions: true }, numEnvs: 2, seed: 3 });
    const a = Array.from({ length: 2 * 3 * 5 }, () => 0.5);
    let reads = 0;
    Object.defineProperty(a, 7, { get: () => (reads++ === 0 ? 0.5 : NaN) });
    v.step([a]);
    expect(reads).toBe(1);
    expect(v.roles[0].obs.every(Number.isFinite)).toBe(true);
    // a string or null is refused as the single env refuses it (a typed copy would turn them into numbers)
    const t = Int32Array.from(v.t);
    for (const bad of ['0.5', null]) {
      const b: unknown[] = Array.from({ length: 30 }, () => 0.5);
      b[12] = bad;
      expect(() => v.step([b as number[]])).toThrow(/actions\.agent_2 \(env 0, role agent\).*component 2/);
    }
    expect(v.t).toEqual(t);
  });
});
