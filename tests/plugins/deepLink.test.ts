import { describe, expect, it } from 'vitest';
import { parseDeepLink } from '../../src/game/config/deepLink';
import { builtinControllers } from '../../src/plugins/registry';

const reg = builtinControllers();

describe('deep links', () => {
  it('no query: show the menu', () => {
    expect(parseDeepLink('', reg)).toEqual({ setup: null, errors: [] });
  });

  it('sets scenario, team controllers, seed, sizes and speed', () => {
    const { setup, errors } = parseDeepLink('?scenario=tag&predators=random&prey=human&seed=7&num_obstacles=1&adversaries=2&speed=2', reg);
    expect(errors).toEqual([]);
    expect(setup).toMatchObject({ scenario: 'simple_tag', seed: 7, speed: 2, controllers: { predators: 'random', prey: 'human' }, options: { num_obstacles: 1, num_adversaries: 2 } });
  });

  it('play mode: the prey is yours and rounds are long', () => {
    const { setup } = parseDeepLink('?scenario=tag&mode=play', reg);
    expect(setup?.mode).toBe('play');
    expect(setup?.controllers.prey).toBe('human');
    expect(setup?.options.max_cycles).toBe(300);
  });

  it('bad values give a message naming the parameter and the allowed values, and defaults stand', () => {
    const { setup, errors } = parseDeepLink('?scenario=tag&predators=genius&seed=-2&num_obstacles=99&speed=3&colour=red', reg);
    expect(setup?.controllers.predators).toBe('scripted');
    expect(setup?.seed).toBe(1);
    expect(errors).toHaveLength(5);
    expect(errors[0]).toMatch(/predators: got "genius"; allowed: random, scripted, human/);
    expect(errors[1]).toMatch(/seed: got "-2"; allowed: a non-negative integer/);
    expect(errors[2]).toMatch(/num_obstacles: got "99"; allowed: an integer from 0 to 32/);
    expect(errors[3]).toMatch(/speed: got "3"; allowed: 0.25, 0.5, 1, 2, 4, 8/);
    expect(errors[4]).toMatch(/colour.*unknown parameter/);
  });

  it('an unknown scenario is reported and the default scenario shown', () => {
    const { setup, errors } = parseDeepLink('?scenario=chess', reg);
    expect(setup?.scenario).toBe('simple_tag');
    expect(errors[0]).toMatch(/scenario: got "chess"/);
  });

  it('spread takes N and the agents team', () => {
    const { setup, errors } = parseDeepLink('?scenario=simple_spread_v3&n=10&agents=random', reg);
    expect(errors).toEqual([]);
    expect(setup).toMatchObject({ scenario: 'simple_spread', options: { N: 10 }, controllers: { agents: 'random' } });
  });
});
