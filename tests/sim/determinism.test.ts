import { describe, expect, it } from 'vitest';
import { ParallelEnv } from '../../src/sim/env';
import { FastRandom } from '../../src/sim/fastRandom';
import { VectorEnv } from '../../src/sim/vectorEnv';
import { readReference } from '../support/reference';

function rollout(scenario: string, options: Record<string, unknown>, seed: number, steps: number) {
  const env = new ParallelEnv(scenario, options);
  const rng = new FastRandom(seed * 7 + 1);
  const log: unknown[] = [env.reset({ seed }).observations];
  for (let i = 0; i < steps; i++) {
    if (env.agents.length === 0) log.push(env.reset().observations);
    const actions = Object.fromEntries(
      env.agents.map((a) => {
        const s = env.actionSpace(a);
        return [a, s.type === 'Discrete' ? rng.int(s.n) : Array.from({ length: s.shape[0] }, () => rng.next())];
      }),
    );
    const out = env.step(actions);
    log.push(out.observations, out.rewards);
  }
  return JSON.stringify(log, (_k, v) => (v instanceof Float32Array ? Array.from(v) : v));
}

describe('determinism', () => {
  it.each([
    ['simple_spread', { N: 4 }],
    ['simple_tag', { continuous_actions: true }],
    ['simple_speaker_listener', {}],
    ['simple_reference', {}],
  ])('%s: same seed and actions give the same episodes (across resets)', (scenario, options) => {
    const a = rollout(scenario, options, 9, 60);
    expect(rollout(scenario, options, 9, 60)).toBe(a);
    expect(rollout(scenario, options, 10, 60)).not.toBe(a);
  });

  it('reset(seed) places entities exactly where PettingZoo did', () => {
    const traj = readReference('traj/tag_g2_a4_o2__seed3__T25.json');
    const env = new ParallelEnv('simple_tag', { num_good: 2, num_adversaries: 4, num_obstacles: 2 });
    env.reset({ seed: 3 });
    expect(env.worldState().p_pos).toEqual(traj.initial.state.p_pos);
  });

  it('vector env: same seed, same observations and rewards over auto-resets', () => {
    const run = () => {
      const v = new VectorEnv({ scenario: 'simple_spread', options: { N: 3, max_cycles: 5 }, numEnvs: 3, seed: 4 });
      const rng = new FastRandom(1);
      const sums: number[] = [];
      for (let i = 0; i < 12; i++) {
        const a = v.roles[0].actions;
        for (let k = 0; k < a.length; k++) a[k] = rng.int(5);
        v.step();
        sums.push(
          v.roles[0].obs.reduce((x, y) => x + y, 0),
          v.roles[0].rewards.reduce((x, y) => x + y, 0),
        );
      }
      return sums;
    };
    expect(run()).toEqual(run());
  });
});
