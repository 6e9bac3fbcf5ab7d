import { describe, expect, it } from 'vitest';
import { ParallelEnv } from '../../src/sim/env';
import { boundPenalty } from '../../src/sim/scenarios/tag';
import type { WorldSnapshot } from '../../src/sim/worldState';

function at(env: ParallelEnv, pos: number[][], goals?: WorldSnapshot['goals']) {
  const w = env.scenario.world;
  env.reset({ seed: 0 });
  env.loadWorldState({ p_pos: pos, p_vel: pos.map(() => [0, 0]), c: Array.from({ length: w.numAgents }, () => Array(w.dimC).fill(0)), goals });
}

/** One no-op step from a still state: positions do not change, so rewards are of `pos`. */
function noOpRewards(env: ParallelEnv, noop: Record<string, number>) {
  return env.step(noop).rewards;
}

describe('rewards', () => {
  it('spread: half the global coverage term plus half of -1 per other agent in collision', () => {
    const env = new ParallelEnv('simple_spread', { N: 3 });
    // agents 0 and 1 overlap (0.2 < 0.3); agent 2 is far. Landmarks at known distances.
    at(env, [
      [0, 0],
      [0.2, 0],
      [2, 2],
      [0, 0.5],
      [0.2, -0.4],
      [2, 2.1],
    ]);
    const r = noOpRewards(env, { agent_0: 0, agent_1: 0, agent_2: 0 });
    const global = -(0.5 + 0.4 + Math.sqrt(0.1 * 0.1));
    expect(r.agent_0).toBeCloseTo(0.5 * global + 0.5 * -1, 12);
    expect(r.agent_1).toBeCloseTo(0.5 * global + 0.5 * -1, 12);
    expect(r.agent_2).toBeCloseTo(0.5 * global, 12);
  });

  it('spread: local_ratio weights the two terms', () => {
    const env = new ParallelEnv('simple_spread', { N: 1, local_ratio: 0 });
    at(env, [
      [0, 0],
      [0.3, 0.4],
    ]);
    expect(noOpRewards(env, { agent_0: 0 }).agent_0).toBeCloseTo(-0.5, 14);
  });

  it('spread infos: collisions, summed min distances, landmarks occupied within 0.1', () => {
    const env = new ParallelEnv('simple_spread', { N: 2 });
    at(env, [
      [0, 0],
      [0.25, 0],
      [0.05, 0],
      [0.25, 0.5],
    ]);
    const { infos } = env.step({ agent_0: 0, agent_1: 0 });
    expect(infos.agent_0.collisions).toBe(1);
    expect(infos.agent_0.occupied_landmarks).toBe(1);
    expect(infos.agent_0.min_dists).toBeCloseTo(0.05 + 0.5, 12);
  });

  it('tag: every predator gets +10 per contact pair, the prey -10 per predator touching it', () => {
    const env = new ParallelEnv('simple_tag', { num_obstacles: 0 });
    // prey at origin; predators 0 and 1 touch it (0.1 < 0.125), predator 2 does not
    at(env, [
      [0.1, 0],
      [-0.1, 0],
      [0.5, 0.5],
      [0, 0],
    ]);
    const r = noOpRewards(env, { adversary_0: 0, adversary_1: 0, adversary_2: 0, agent_0: 0 });
    expect([r.adversary_0, r.adversary_1, r.adversary_2]).toEqual([20, 20, 20]);
    expect(r.agent_0).toBe(-20);
  });

  it('tag: the boundary penalty is 0 inside 0.9, linear to 1.0, then exp capped at 10', () => {
    expect(boundPenalty(0.5)).toBe(0);
    expect(boundPenalty(0.95)).toBeCloseTo(0.5, 12);
    expect(boundPenalty(1.2)).toBe(Math.exp(2 * 1.2 - 2));
    expect(boundPenalty(3)).toBe(10);
    const env = new ParallelEnv('simple_tag', { num_obstacles: 0 });
    at(env, [
      [0, 0.5],
      [0, 0.2],
      [0, -0.5],
      [-0.95, 1.2],
    ]);
    const r = noOpRewards(env, { adversary_0: 0, adversary_1: 0, adversary_2: 0, agent_0: 0 });
    expect(r.agent_0).toBeCloseTo(-(0.5 + Math.exp(0.4)), 12);
    expect(r.adversary_0).toBe(0);
  });

  it('speaker_listener: both get minus the squared listener-goal distance', () => {
    const env = new ParallelEnv('simple_speaker_listener');
    at(
      env,
      [
        [0, 0],
        [0.3, 0.4],
        [1, 1],
        [0, 0],
        [-1, -1],
      ],
      [{ agent: 'speaker_0', goal_a: 'listener_0', goal_b: 'landmark 1' }],
    );
    const r = noOpRewards(env, { speaker_0: 0, listener_0: 0 });
    expect(r.speaker_0).toBeCloseTo(-0.25, 14);
    expect(r.listener_0).toBe(r.speaker_0);
  });

  it('reference: each agent mixes minus its partner-to-goal distance with the mean of both', () => {
    const env = new ParallelEnv('simple_reference');
    at(
      env,
      [
        [0, 0],
        [0.3, 0.4],
        [0, 1],
        [1, 0],
        [-1, 0],
      ],
      [
        { agent: 'agent_0', goal_a: 'agent_1', goal_b: 'landmark 0' },
        { agent: 'agent_1', goal_a: 'agent_0', goal_b: 'landmark 1' },
      ],
    );
    const r = noOpRewards(env, { agent_0: 0, agent_1: 0 });
    const r0 = -Math.hypot(0.3, 0.4 - 1); // agent_1 to landmark 0
    const r1 = -1; // agent_0 to landmark 1
    expect(r.agent_0).toBeCloseTo(0.5 * ((r0 + r1) / 2) + 0.5 * r0, 12);
    expect(r.agent_1).toBeCloseTo(0.5 * ((r0 + r1) / 2) + 0.5 * r1, 12);
  });
});
