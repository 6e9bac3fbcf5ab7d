import { describe, expect, it } from 'vitest';
import { ParallelEnv, type StepResult } from '../../src/sim/env';
import { FastRandom } from '../../src/sim/fastRandom';
import { ArenaInputError } from '../../src/sim/errors';
import { VectorEnv, type VectorEnvState } from '../../src/sim/vectorEnv';
import { boom, expectRefused, revoked } from '../support/refused';

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
      expectRefused(() => target.setState(st), field, message);
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

  describe('input that throws while being read, and keys a state never holds, are refused by name', () => {
    const rejects = (fn: () => unknown, field: RegExp, message: RegExp) => expectRefused(fn, field, message);

    it('the config', () => {
      rejects(() => new VectorEnv(null as never), /^VectorEnv config$/, /\{scenario, options\?, numEnvs, seed\?\}/);
      rejects(() => new VectorEnv(revoked() as never), /^VectorEnv config$/, /revoked/);
      rejects(
        () =>
          new VectorEnv({
            scenario: 'simple_tag',
            get numEnvs(): number {
              return boom();
            },
          }),
        /^VectorEnv config\.numEnvs$/,
        /reading it threw: boom/,
      );
      rejects(
        () =>
          new VectorEnv({
            scenario: 'simple_tag',
            numEnvs: 2,
            options: {
              get N() {
                return boom();
              },
            },
          }),
        /options\.N$/,
        /boom/,
      );
      rejects(() => new VectorEnv({ scenario: 'simple_tag', numEnvs: 2, sed: 1 } as never), /^VectorEnv config\.sed$/, /unknown key/);
      rejects(() => new VectorEnv({ scenario: 7, numEnvs: 2 } as never), /^scenario$/, /spread/);
    });

    it('step(actions) with a getter that throws, or a revoked Proxy: nothing moves', () => {
      const v = new VectorEnv({ scenario: 'simple_spread', numEnvs: 2, seed: 3 });
      const obs = Array.from(v.roles[0].obs);
      const t = Array.from(v.t);
      rejects(
        () =>
          v.step([
            {
              length: 6,
              get 0(): number {
                return boom();
              },
            } as never,
          ]),
        /^actions\[0\]\[0\]/,
        /reading it threw: boom/,
      );
      rejects(() => v.step(revoked() as never), /^actions$/, /revoked/);
      rejects(() => v.step([revoked() as never]), /^actions\[0\]/, /revoked/);
      rejects(() => v.step(new Proxy([], { get: boom }) as never), /^actions$/, /boom/);
      expect(Array.from(v.roles[0].obs)).toEqual(obs);
      expect(Array.from(v.t)).toEqual(t);
    });

    it('setState: a throwing Proxy, extra keys at every level, an unknown role, absurd returns', () => {
      const v = new VectorEnv({ scenario: 'simple_speaker_listener', numEnvs: 2, seed: 1 });
      v.step();
      const before = JSON.stringify(v.getState());
      const copy = () => JSON.parse(before);
      const bad: [(st: any) => unknown, RegExp, RegExp][] = [
        [() => new Proxy({}, { ownKeys: boom }), /^envState$/, /reading it threw: boom/],
        [() => revoked(), /^envState$/, /revoked/],
        [(st) => ({ ...st, envs: new Proxy(st.envs, { get: (t, k, r) => (k === '1' ? boom() : Reflect.get(t, k, r)) }) }), /^envState\.envs\[1\]$/, /boom/],
        [(st) => ({ ...st, extra: 1 }), /^envState\.extra$/, /unknown key/],
        [(st) => ((st.envs[1].note = 'x'), st), /^envState\.envs\[1\]\.note$/, /unknown key.*world, rng/],
        [(st) => ((st.envs[0].world.p_acc = []), st), /^envState\.envs\[0\]\.world\.p_acc$/, /unknown key/],
        [(st) => ((st.envs[0].world.goals[0].extra = 1), st), /^envState\.envs\[0\]\.world\.goals\[0\]\.extra$/, /unknown key/],
        [(st) => ((st.envs[0].rng.seed = 1), st), /^envState\.envs\[0\]\.rng\.seed$/, /unknown key/],
        [(st) => ((st.episodeReturns.predator = [0, 0]), st), /^envState\.episodeReturns\.predator$/, /unknown role.*speaker, listener/],
        [(st) => ((st.episodeReturns.listener[1] = 1e13), st), /^envState\.episodeReturns\.listener\[1\]$/, /magnitude up to 1000000000000/],
        [(st) => ((st.episodeReturns.speaker[0] = -1e300), st), /^envState\.episodeReturns\.speaker\[0\]$/, /magnitude/],
      ];
      for (const [make, field, message] of bad) {
        rejects(() => v.setState(make(copy()) as never), field, message);
        expect(JSON.stringify(v.getState())).toBe(before);
      }
      v.setState(copy());
      expect(JSON.stringify(v.getState())).toBe(before);
    });
  });

  describe('onEpisodeEnd', () => {
    it('a callback that throws: every env is still stepped and reset, every callback runs, the error propagates', () => {
      const opts = { N: 2, max_cycles: 1 };
      const v = new VectorEnv({ scenario: 'simple_spread', options: opts, numEnvs: 3, seed: 5 });
      const calls: number[] = [];
      v.onEpisodeEnd = (e, sc) => {
        calls.push(e);
        expect(Array.from(v.t)).toEqual([1, 1, 1]); // every env has stepped; none has reset yet
        expect(sc).toBe(v.scenarios[e]);
        if (e === 0) throw new Error('callback failed');
      };
      expect(() => v.step()).toThrow('callback failed');
      expect(calls).toEqual([0, 1, 2]);
      expect([Array.from(v.t), Array.from(v.truncated), v.episodesDone]).toEqual([[0, 0, 0], [1, 1, 1], 3]);
      // each env is where a ParallelEnv gets after one step and the next reset from the same stream
      const r = v.roles[0];
      for (let e = 0; e < 3; e++) {
        const env = new ParallelEnv('simple_spread', opts);
        env.reset({ seed: 5 + e });
        const last = env.step({ agent_0: 0, agent_1: 0 });
        const next = env.reset();
        ['agent_0', 'agent_1'].forEach((name, k) => {
          const slot = (e * 2 + k) * r.obsDim;
          expect(Array.from(r.finalObs.subarray(slot, slot + r.obsDim))).toEqual(Array.from(last.observations[name]));
          expect(Array.from(r.obs.subarray(slot, slot + r.obsDim))).toEqual(Array.from(next.observations[name]));
        });
      }
      v.onEpisodeEnd = null;
      v.step();
      expect(v.episodesDone).toBe(6);
    });

    it('a callback that steps, resets or loads is refused (the step is not finished); a non-function is refused', () => {
      const v = new VectorEnv({ scenario: 'simple_spread', options: { max_cycles: 1 }, numEnvs: 2, seed: 0 });
      const state = v.getState();
      for (const call of [() => v.step(), () => v.reset(1), () => v.setState(state)]) {
        v.onEpisodeEnd = () => call();
        expect(() => v.step()).toThrow(/not finished/);
        expect(Array.from(v.t)).toEqual([0, 0]);
      }
      expect(() => (v.onEpisodeEnd = 5 as never)).toThrow(ArenaInputError);
      expect(() => ((v as unknown as { episodesDone: number }).episodesDone = 7)).toThrow(/episodesDone: got 7.*read-only/);
    });
  });
});
