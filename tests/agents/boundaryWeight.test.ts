import { describe, expect, it } from 'vitest';
import { resolvePPOConfig } from '../../src/agents/config';
import { RewardShaping } from '../../src/agents/rewardShaping';
import { FastRandom } from '../../src/sim/fastRandom';
import { VectorEnv } from '../../src/sim/vectorEnv';

/** Random tag play (episodes of 10 steps, so some end) with the shaping's bonus after every step. */
function play(config: Record<string, unknown>, steps: number, check: (prey: number, bonus: number, predatorBonus: number) => void): void {
  const cfg = resolvePPOConfig({ numEnvs: 4, ...config });
  const venv = new VectorEnv({ scenario: 'tag', options: { max_cycles: 10 }, numEnvs: 4, seed: 7 });
  const shaping = new RewardShaping(venv, cfg);
  venv.onEpisodeEnd = (e, sc) => shaping.episodeEnded(e, sc);
  const rng = new FastRandom(3);
  const [predators, prey] = venv.roles;
  for (let t = 0; t < steps; t++) {
    // the prey mostly runs right, so it reaches the boundary
    for (let k = 0; k < predators.actions.length; k++) predators.actions[k] = Math.floor(rng.next() * 5);
    for (let e = 0; e < 4; e++) prey.actions[e] = rng.next() < 0.7 ? 2 : Math.floor(rng.next() * 5);
    venv.step();
    shaping.afterStep(t / steps);
    for (let e = 0; e < 4; e++) check(prey.rewards[e], shaping.bonus[e * 4 + 3], Math.max(...[0, 1, 2].map((a) => Math.abs(shaping.bonus[e * 4 + a]))));
  }
}

describe('training aid: the boundary weight', () => {
  it("makes the prey's boundary penalty count boundaryWeight times, including on an episode's last step", () => {
    let penalised = 0;
    play({ shaping: 0, boundaryWeight: 3 }, 60, (reward, bonus, predatorBonus) => {
      // PettingZoo's prey reward is -10 per touch minus the boundary penalty b; the bonus must be -2b
      const bound = -bonus / 2;
      expect(bound).toBeGreaterThanOrEqual(0);
      const touches = -(reward + bound) / 10;
      expect(Math.abs(touches - Math.round(touches))).toBeLessThan(1e-4);
      expect(predatorBonus).toBe(0);
      if (bound > 0) penalised++;
    });
    expect(penalised).toBeGreaterThan(20);
  });

  it('is off at 1: no bonus at all without shaping', () => {
    play({ shaping: 0, boundaryWeight: 1 }, 30, (_r, bonus, predatorBonus) => {
      expect(bonus).toBe(0);
      expect(predatorBonus).toBe(0);
    });
  });
});
