import { describe, expect, it } from 'vitest';
import { ParallelEnv } from '../../src/sim/env';
import { createScenario } from '../../src/sim/scenarios';

/** Every agent holds one move (1 left, 2 right, 3 down, 4 up) for `steps` steps. */
function hold(env: ParallelEnv, move: number, steps: number): number {
  let reach = 0;
  for (let k = 0; k < steps && env.agents.length; k++) {
    env.step(Object.fromEntries(env.agents.map((a) => [a, move])));
    const w = env.scenario.world;
    for (let i = 0; i < w.numAgents; i++) reach = Math.max(reach, Math.abs(w.pos[2 * i]), Math.abs(w.pos[2 * i + 1]));
  }
  return reach;
}

describe("tag's walls (the play rounds' arena; not a PettingZoo option)", () => {
  it('are off by default and absent from the resolved options, so checkpoints and recordings carry only PettingZoo kwargs', () => {
    const sc = createScenario('simple_tag', {});
    expect(Object.keys(sc.options)).not.toContain('walls');
    expect(Number.isNaN(sc.world.wallHalfWidth)).toBe(true);
    const env = new ParallelEnv('simple_tag', { max_cycles: 200 });
    env.reset({ seed: 1 });
    expect(hold(env, 4, 200)).toBeGreaterThan(3); // the open plane: everyone runs off
  });

  it('keep every agent inside |x|, |y| <= 1 whatever it holds, and a held key no longer leaves the arena', () => {
    for (const move of [1, 2, 3, 4]) {
      const env = new ParallelEnv('simple_tag', { max_cycles: 200, walls: true });
      env.reset({ seed: move });
      expect(env.scenario.options.walls).toBe(true);
      const reach = hold(env, move, 200);
      expect(reach).toBeLessThanOrEqual(1 - 0.05 + 1e-12);
      expect(reach).toBeGreaterThan(0.9); // they did reach the wall
    }
  });

  it('agents pinned to the same corner point push apart instead of dividing by zero (no NaN)', () => {
    const env = new ParallelEnv('simple_tag', { max_cycles: 300, walls: true });
    env.reset({ seed: 6 });
    const w = env.scenario.world;
    // two predators of one size at the same clamped corner point, pressed into it; the rest elsewhere
    env.loadWorldState({
      p_pos: [
        [-0.925, 0.925],
        [-0.925, 0.925],
        [0.5, -0.5],
        [0, 0],
        [0.5, 0.5],
        [-0.5, -0.5],
      ],
      p_vel: [
        [-1, 1],
        [-1, 1],
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      c: Array.from({ length: 4 }, () => [0, 0]),
    });
    env.step(Object.fromEntries(env.agents.map((a) => [a, 0])));
    for (const v of [...w.pos, ...w.vel]) expect(Number.isFinite(v)).toBe(true);
    expect(w.vel[0]).not.toBe(w.vel[2]); // pushed apart along x (positions follow next step)
    for (let k = 0; k < 20; k++) env.step(Object.fromEntries(env.agents.map((a) => [a, 0])));
    for (const v of [...w.pos, ...w.vel]) expect(Number.isFinite(v)).toBe(true);
    expect(Math.abs(w.pos[2] - w.pos[0])).toBeGreaterThan(0.1);
  });

  it('are refused with a named error when given a non-boolean', () => {
    expect(() => createScenario('simple_tag', { walls: 1 })).toThrow(/simple_tag\.walls: got 1; allowed: true or false/);
  });
});
