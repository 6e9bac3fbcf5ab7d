import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/plugins/evaluate';
import { LookaheadController } from '../../src/plugins/lookahead';
import { builtinControllers } from '../../src/plugins/registry';
import type { ObservationBatch } from '../../src/sim/controller';
import { ParallelEnv } from '../../src/sim/env';
import { LookaheadPrey } from '../../src/sim/scenarios/tag/lookahead';
import type { TagScenario } from '../../src/sim/scenarios/tag/scenario';

describe('scripted baselines beat random play', () => {
  it('spread: greedy landmark assignment covers landmarks and scores near the published script', () => {
    const scripted = evaluate({ scenario: 'spread', controllers: { default: 'scripted' }, episodes: 40, seed: 0 });
    const random = evaluate({ scenario: 'spread', controllers: { default: 'random' }, episodes: 40, seed: 0 });
    expect(scripted.teams[0].meanReturn).toBeGreaterThan(-10);
    expect(random.teams[0].meanReturn).toBeLessThan(-20);
    expect(scripted.coverage!).toBeGreaterThan(0.8);
    expect(random.coverage!).toBeLessThan(0.2);
  });

  it('tag: scripted predators touch a scripted prey far more often than random predators do', () => {
    const chase = evaluate({ scenario: 'tag', controllers: { default: 'scripted' }, episodes: 40, seed: 0 });
    const random = evaluate({ scenario: 'tag', controllers: { default: 'scripted', predators: 'random' }, episodes: 40, seed: 0 });
    expect(chase.captureRate!).toBeGreaterThan(random.captureRate! + 0.4);
    expect(chase.teams[0].meanReturn).toBeGreaterThan(random.teams[0].meanReturn);
  });

  it('tag: the fleeing prey stays inside the arena and is touched less than a random prey', () => {
    const flee = evaluate({ scenario: 'tag', controllers: { default: 'scripted' }, episodes: 40, seed: 1 });
    const sitting = evaluate({ scenario: 'tag', controllers: { default: 'scripted', prey: 'random' }, episodes: 40, seed: 1 });
    expect(flee.touchesPerEpisode!).toBeLessThan(sitting.touchesPerEpisode!);
    expect(flee.teams[1].meanReturn).toBeGreaterThan(sitting.teams[1].meanReturn);
  });

  it('tag: the lookahead prey is touched less than the fleeing prey and stays off the edge (plans over the same rules)', () => {
    const flee = evaluate({ scenario: 'tag', controllers: { default: 'scripted' }, episodes: 40, seed: 3 });
    const plan = evaluate({ scenario: 'tag', controllers: { default: 'scripted', prey: 'lookahead' }, episodes: 40, seed: 3 });
    // measured over 200 episodes: fleeing 2.65 touches; lookahead 0.09 touches, boundary penalty 0.49
    expect(plan.touchesPerEpisode!).toBeLessThan(flee.touchesPerEpisode! / 3);
    expect(plan.preyBoundaryPenalty!).toBeLessThan(1);
    expect(plan.teams[1].meanReturn).toBeGreaterThan(flee.teams[1].meanReturn + 10);
  });

  it('tag: the lookahead prey plans in its own copy: the live world is only read', () => {
    const env = new ParallelEnv('simple_tag', {});
    env.reset({ seed: 4 });
    const sc = env.scenario as TagScenario;
    const before = [Float64Array.from(sc.world.pos), Float64Array.from(sc.world.vel)];
    const planner = new LookaheadPrey();
    const move = planner.act(sc, 3);
    expect(move).toBeGreaterThanOrEqual(0);
    expect(move).toBeLessThan(5);
    expect(sc.world.pos).toEqual(before[0]);
    expect(sc.world.vel).toEqual(before[1]);
  });

  it("tag: the lookahead controller at a temperature draws moves as the softmax of its plans' values", () => {
    const env = new ParallelEnv('simple_tag', {});
    env.reset({ seed: 11 });
    const sc = env.scenario as TagScenario;
    const values = new LookaheadPrey().moveValues(sc, 3);
    const best = values.indexOf(Math.max(...values));
    const batch = { ctx: { scenario: sc }, agents: [{ index: 3 }] } as unknown as ObservationBatch;
    const reg = builtinControllers();
    expect(reg.get('lookahead').create({ seed: 1 }).act(batch)).toEqual([best]);
    const T = 0.3;
    const soft = reg.get('lookahead').create({ seed: 1, temperature: T });
    const n = 4000;
    const counts = [0, 0, 0, 0, 0];
    for (let k = 0; k < n; k++) counts[soft.act(batch)[0] as number]++;
    const z = values.reduce((a, v) => a + Math.exp((v - values[best]) / T), 0);
    const want = Array.from(values, (v) => Math.exp((v - values[best]) / T) / z);
    // a state where more than one move is worth drawing, so the test says something
    expect(want.filter((p) => p > 0.05).length).toBeGreaterThan(1);
    counts.forEach((c, m) => expect(Math.abs(c / n - want[m])).toBeLessThan(4 * Math.sqrt((want[m] * (1 - want[m])) / n) + 1e-3));
    expect(() => new LookaheadController(0, -0.5)).toThrow(/lookahead temperature: got -0\.5/);
  });

  it('tag: the lookahead controller drives tag prey only, with a named error elsewhere', () => {
    const reg = builtinControllers();
    expect(reg.forRole('simple_tag', 'good').map((c) => c.id)).toContain('lookahead');
    expect(reg.forRole('simple_tag', 'adversary').map((c) => c.id)).not.toContain('lookahead');
    expect(() => reg.check('lookahead', 'simple_spread', 'agent')).toThrow(/controller.*lookahead.*for agent in simple_spread/s);
  });

  it('speaker_listener: the listener reaches the goal the speaker names', () => {
    const r = evaluate({ scenario: 'speaker_listener', controllers: { default: 'scripted' }, episodes: 30, seed: 0 });
    expect(r.finalDistance!).toBeLessThan(0.05);
    const deaf = evaluate({ scenario: 'speaker_listener', controllers: { default: 'scripted', speaker: 'random' }, episodes: 30, seed: 0 });
    expect(deaf.finalDistance!).toBeGreaterThan(0.3);
  });

  it('evaluation is deterministic for a seed', () => {
    const a = evaluate({ scenario: 'tag', controllers: { default: 'scripted', prey: 'random' }, episodes: 5, seed: 9 });
    const b = evaluate({ scenario: 'tag', controllers: { default: 'scripted', prey: 'random' }, episodes: 5, seed: 9 });
    expect(b).toEqual(a);
  });
});
