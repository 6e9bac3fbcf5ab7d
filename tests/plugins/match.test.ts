import { describe, expect, it } from 'vitest';
import { controllerActionToVector as toContinuous } from '../../src/sim/actions';
import type { Controller } from '../../src/sim/controller';
import { HumanInput } from '../../src/plugins/human';
import { Match } from '../../src/plugins/match';
import { builtinControllers } from '../../src/plugins/registry';
import { ParallelEnv } from '../../src/sim/env';
import { ArenaInputError } from '../../src/sim/errors';
import { FastRandom } from '../../src/sim/fastRandom';

describe('discrete actions through the continuous game env', () => {
  it.each([
    ['simple_spread', { N: 3 }],
    ['simple_tag', {}],
    ['simple_speaker_listener', {}],
    ['simple_reference', {}],
  ])('%s: one-hot vectors reproduce the discrete env bit for bit', (scenario, options) => {
    const discrete = new ParallelEnv(scenario, { ...options, max_cycles: 40 });
    const continuous = new ParallelEnv(scenario, { ...options, max_cycles: 40, continuous_actions: true });
    discrete.reset({ seed: 8 });
    continuous.reset({ seed: 8 });
    const rng = new FastRandom(2);
    for (let t = 0; t < 40; t++) {
      const d: Record<string, number> = {};
      const c: Record<string, Float32Array> = {};
      discrete.possibleAgents.forEach((name, i) => {
        const space = discrete.actionSpace(name);
        d[name] = rng.int(space.type === 'Discrete' ? space.n : 1);
        c[name] = toContinuous(d[name], space, continuous.scenario.world, i);
      });
      const a = discrete.step(d);
      const b = continuous.step(c);
      expect(b.rewards).toEqual(a.rewards);
      expect(b.observations).toEqual(a.observations);
    }
    expect(continuous.worldState()).toEqual(discrete.worldState());
  });
});

describe('Match: live controller assignment', () => {
  it('assigns by team, role and agent name, and rejects unknown ones with the allowed values', () => {
    const m = new Match({ scenario: 'tag', seed: 1, controllers: { default: 'random', predators: 'scripted', agent_0: 'human' } });
    expect(m.assignment).toEqual(['scripted', 'scripted', 'scripted', 'human']);
    m.assign('adversary_1', 'random');
    expect(m.assignment).toEqual(['scripted', 'random', 'scripted', 'human']);
    expect(() => m.assign('goalies', 'random')).toThrow(ArenaInputError);
    expect(() => m.assign('goalies', 'random')).toThrow(/predators, prey/);
    expect(() => m.assign('prey', 'telepathy')).toThrow(/random, scripted, lookahead, lookahead-varied, human/);
    const sl = new Match({ scenario: 'speaker_listener', seed: 1 });
    expect(() => sl.assign('listener', 'nope')).toThrow(/controller for listener_0/);
  });

  it('a swap mid-episode takes effect at the next step without restarting the episode', () => {
    const m = new Match({ scenario: 'tag', options: { max_cycles: 100 }, seed: 4, controllers: { default: 'random' } });
    for (let i = 0; i < 10; i++) m.step();
    const before = m.env.worldState();
    m.assign('adversary_0', 'scripted');
    expect(m.t).toBe(10);
    expect(m.env.worldState()).toEqual(before); // nothing moved on assignment
    const dist = () => m.scenario.world.distance(0, 3);
    const start = dist();
    for (let i = 0; i < 15; i++) m.step();
    expect(m.t).toBe(25);
    expect(m.episode).toBe(0);
    expect(start).toBeGreaterThan(1);
    expect(dist()).toBeLessThan(start * 0.5);
  });

  it('human input moves the prey in the pressed direction, diagonals included', () => {
    const input = new HumanInput();
    const m = new Match({ scenario: 'tag', seed: 2, controllers: { predators: 'random', prey: 'human' }, deps: { humanInput: input } });
    const p = () => [m.scenario.world.pos[6], m.scenario.world.pos[7]];
    input.keys.x = 1;
    const [x0, y0] = p();
    for (let i = 0; i < 4; i++) m.step();
    expect(p()[0] - x0).toBeGreaterThan(0.1);
    expect(Math.abs(p()[1] - y0)).toBeLessThan(0.05);
    const fresh = new Match({ scenario: 'tag', seed: 2, controllers: { predators: 'random', prey: 'human' }, deps: { humanInput: input } });
    input.keys.x = -1;
    input.keys.y = 1;
    for (let i = 0; i < 3; i++) fresh.step();
    const v = [fresh.scenario.world.vel[6], fresh.scenario.world.vel[7]];
    expect(v[0]).toBeLessThan(0);
    expect(v[1]).toBeGreaterThan(0);
    expect(Math.abs(Math.abs(v[0]) - Math.abs(v[1]))).toBeLessThan(0.05);
  });

  it('a controller that throws or answers nonsense does not stop the match', () => {
    const reg = builtinControllers();
    let mode = 'throw';
    reg.register({
      id: 'broken',
      label: 'Broken',
      description: 'test',
      supports: () => true,
      create: (): Controller => ({
        id: 'broken',
        act: (b) => {
          if (mode === 'throw') throw new Error('boom');
          return b.agents.map(() => (mode === 'nan' ? Float32Array.from([0, NaN, 0, 0, 0]) : 99));
        },
      }),
    });
    const m = new Match({ scenario: 'spread', seed: 3, registry: reg, controllers: { agent_1: 'broken' } });
    m.step();
    expect(m.lastError).toMatch(/broken: boom/);
    mode = 'nan';
    m.step();
    expect(m.lastError).toMatch(/agent_1.*NaN/);
    mode = 'range';
    m.step();
    expect(m.lastError).toMatch(/discrete action 99/);
    expect(m.t).toBe(3);
    expect(m.env.worldState().p_vel[1]).toEqual([0, 0]); // its agent did nothing
  });

  it('calls attach, episodeStart and detach as assignments and episodes change', () => {
    const reg = builtinControllers();
    const log: string[] = [];
    reg.register({
      id: 'spy',
      label: 'Spy',
      description: 'test',
      supports: () => true,
      create: (): Controller => ({
        id: 'spy',
        attach: (agents) => log.push(`attach ${agents.map((a) => a.name).join(',')}`),
        episodeStart: (ctx) => log.push(`start t=${ctx.t}`),
        act: (b) => b.agents.map(() => 0),
        detach: () => log.push('detach'),
      }),
    });
    const m = new Match({ scenario: 'spread', options: { max_cycles: 2 }, seed: 0, registry: reg, controllers: { agent_0: 'spy' } });
    m.step();
    m.assign('agent_2', 'spy');
    m.step();
    m.step(); // new episode
    m.assign('agents', 'random');
    m.step();
    expect(log).toEqual(['attach agent_0', 'start t=0', 'attach agent_0,agent_2', 'start t=0', 'detach']);
  });

  it('restart with the same seed replays the same start; a new seed changes it', () => {
    const m = new Match({ scenario: 'spread', seed: 5 });
    const start = m.env.worldState();
    for (let i = 0; i < 5; i++) m.step();
    m.reset(5);
    expect(m.env.worldState()).toEqual(start);
    m.reset(6);
    expect(m.env.worldState()).not.toEqual(start);
  });
});
