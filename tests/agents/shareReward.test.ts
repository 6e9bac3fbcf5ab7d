import { describe, expect, it } from 'vitest';
import { Trainer } from '../../src/agents/trainer';
import { initTfNode } from '../../src/agents/tfNode';

/** The training rewards of the first rollout, [step][env][agent], spread N=3 without shaping. */
async function firstRollout(shareReward: boolean): Promise<{ rewards: Float32Array; returns: number }> {
  await initTfNode();
  const trainer = new Trainer({
    scenario: 'spread',
    options: { N: 3, max_cycles: 5 },
    algo: 'shared',
    config: { numEnvs: 4, numSteps: 10, totalSteps: 40, shaping: 0, shareReward, seed: 3 },
  });
  const m = trainer.trainIteration();
  const rewards = Float32Array.from(trainer.policies[0].rewards);
  trainer.dispose();
  return { rewards, returns: m.meanReturn };
}

describe("training aid: the team's mean reward (shareReward)", () => {
  it("gives every agent its team's mean reward of the step, and leaves the logged PettingZoo returns alone", async () => {
    const own = await firstRollout(false);
    const shared = await firstRollout(true);
    // the first rollout acts the same either way (same seed, no update yet): compare step by step
    let differs = 0;
    for (let row = 0; row < own.rewards.length; row += 3) {
      const mean = (own.rewards[row] + own.rewards[row + 1] + own.rewards[row + 2]) / 3;
      for (let j = 0; j < 3; j++) {
        expect(shared.rewards[row + j]).toBeCloseTo(mean, 5);
        if (Math.abs(own.rewards[row + j] - mean) > 1e-6) differs++;
      }
    }
    expect(differs).toBeGreaterThan(0); // some steps had a collision, where the agents' own rewards differ
    expect(shared.returns).toBeCloseTo(own.returns, 10);
  });
});
