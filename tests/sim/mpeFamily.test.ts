import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runParity } from '../../src/cli/parity';
import { ParallelEnv } from '../../src/sim/env';
import { ArenaInputError } from '../../src/sim/errors';
import { checkTrajectory } from '../../src/sim/parity';
import { readFileSync } from 'node:fs';

/** The five other MPE environments: recorded PettingZoo 1.25 episodes, and their rules by hand. */
const EXTRA = resolve(__dirname, '../../../shared/mpe-reference-extra');
const read = (p: string) => JSON.parse(readFileSync(resolve(EXTRA, p), 'utf8'));

/** An env whose world is set by hand: positions per entity (others keep their reset place). */
function placed(scenario: string, options: Record<string, unknown>, seed: number, where: Record<string, [number, number]>) {
  const env = new ParallelEnv(scenario, options);
  env.reset({ seed });
  const s = env.worldState();
  const names = env.scenario.world.entities.map((e) => e.name);
  for (const [name, p] of Object.entries(where)) s.p_pos[names.indexOf(name)] = p;
  env.loadWorldState(s);
  return env;
}

describe('simple, adversary, crypto, push and world_comm replay PettingZoo exactly', () => {
  it('finds the recordings beside the repository', () => expect(existsSync(resolve(EXTRA, 'manifest.json'))).toBe(true));

  it('replays all 72 recorded episodes (12 configurations, discrete and continuous) within tolerance, seeded resets included', () => {
    const report = runParity(EXTRA);
    expect(report.results.filter((r) => !r.ok).map((r) => `${r.file}: ${r.problems.join('; ')}`)).toEqual([]);
    expect(report.specProblems).toEqual([]);
    expect(report.checked).toBe(72);
    expect(report.maxObsError).toBe(0);
    expect(report.maxResetError).toBe(0);
    expect(report.maxStateError).toBeLessThanOrEqual(1e-9);
    expect(report.maxRewardError).toBeLessThanOrEqual(1e-9);
  });

  it('a wrong goal or key drawn at reset is caught', () => {
    const t = read('traj/crypto__seed1__T25.json');
    t.initial.key.landmark = t.initial.key.landmark === 'landmark 0' ? 'landmark 1' : 'landmark 0';
    const r = checkTrajectory('key', t);
    expect(r.ok).toBe(false);
    expect(r.problems.join()).toMatch(/drew key/);
  });
});

describe('rules by hand', () => {
  it('simple: minus the squared distance; the observation is velocity and the landmark relative to the agent', () => {
    const env = placed('simple', {}, 0, { agent_0: [0.3, 0.4], 'landmark 0': [0, 0] });
    const out = env.step({ agent_0: 0 });
    expect(out.rewards.agent_0).toBeCloseTo(-0.25, 12);
    expect(Array.from(out.observations.agent_0)).toEqual([0, 0, Math.fround(-0.3), Math.fround(-0.4)]);
  });

  it('adversary: good agents gain when one of them is at the goal and lose when the adversary is', () => {
    const env = placed('simple_adversary', { N: 2 }, 3, {});
    const goal = env.worldState().goal!;
    const env2 = placed('simple_adversary', { N: 2 }, 3, { agent_0: [0, 0], [goal]: [0, 0], adversary_0: [0.6, 0.8], agent_1: [-0.5, 0] });
    const r = env2.step({ adversary_0: 0, agent_0: 0, agent_1: 0 }).rewards;
    expect(r.adversary_0).toBeCloseTo(-1, 12);
    expect(r.agent_0).toBeCloseTo(0 + 1, 12); // -min(0, 0.5) + 1
    expect(r.agent_1).toBe(r.agent_0);
  });

  it('crypto: Eve right and Bob wrong costs Alice and Bob 2; silence is not scored', () => {
    const env = new ParallelEnv('simple_crypto');
    env.reset({ seed: 0 });
    const goal = Number(env.worldState().goal!.split(' ')[1]);
    const wrong = 1 - goal;
    let r = env.step({ eve_0: goal, bob_0: wrong, alice_0: 2 }).rewards;
    expect([r.eve_0, r.bob_0, r.alice_0]).toEqual([-0, -2, -2].map((v) => v + 0));
    r = env.step({ eve_0: wrong, bob_0: goal, alice_0: 2 }).rewards;
    expect([r.eve_0, r.bob_0, r.alice_0]).toEqual([-2, 2, 2]);
    const cont = new ParallelEnv('simple_crypto', { continuous_actions: true });
    cont.reset({ seed: 0 });
    r = cont.step({ eve_0: [0, 0, 0, 0], bob_0: [0, 0, 0, 0], alice_0: [0.5, 0.5, 0, 0] }).rewards;
    expect([r.eve_0, r.bob_0, r.alice_0]).toEqual([0, 0, 0]);
  });

  it('push: the good agent sees its own colour, which names the goal', () => {
    const env = new ParallelEnv('simple_push');
    const { observations } = env.reset({ seed: 5 });
    const goal = Number(env.worldState().goal!.split(' ')[1]);
    const colour = Array.from(observations.agent_0.slice(4, 7));
    expect(colour[goal + 1]).toBeCloseTo(0.75, 6);
    expect(colour.filter((c) => Math.abs(c - 0.25) < 1e-6)).toHaveLength(2);
  });

  it('world_comm: a prey in a forest is hidden from a follower outside it, never from the leader', () => {
    const where = {
      agent_0: [0.5, 0.5] as [number, number],
      'forest 0': [0.5, 0.5] as [number, number],
      'forest 1': [-0.8, -0.8] as [number, number],
      leadadversary_0: [0, 0] as [number, number],
      adversary_0: [0.1, -0.2] as [number, number],
    };
    const env = placed('simple_world_comm', {}, 2, where);
    const obs = env.step(Object.fromEntries(env.agents.map((a) => [a, 0]))).observations;
    const agents = env.possibleAgents;
    // other-agent positions start after v, p and 5 landmarks (1 obstacle, 2 food, 2 forests): offset 14
    const slot = (observer: string, other: string) => 14 + 2 * agents.filter((a) => a !== observer).indexOf(other);
    const follower = obs.adversary_0;
    expect([follower[slot('adversary_0', 'agent_0')], follower[slot('adversary_0', 'agent_0') + 1]]).toEqual([0, 0]);
    const leader = obs.leadadversary_0;
    expect(leader[slot('leadadversary_0', 'agent_0')]).toBeCloseTo(0.5, 1);
  });

  it('bad options are named with what is allowed', () => {
    const bad = (scenario: string, options: Record<string, unknown>, field: RegExp) => {
      let err: unknown;
      try {
        new ParallelEnv(scenario, options);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ArenaInputError);
      expect((err as Error).message).toMatch(field);
    };
    bad('simple_world_comm', { num_food: 0 }, /simple_world_comm\.num_food: got 0; allowed: an integer from 1 to 32/);
    bad('simple_adversary', { N: 0 }, /simple_adversary\.N/);
    bad('simple_crypto', { N: 2 }, /simple_crypto\.N.*unknown option/);
    bad('simple', { local_ratio: 0.5 }, /simple\.local_ratio/);
  });
});
