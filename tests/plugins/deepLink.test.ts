import { describe, expect, it } from 'vitest';
import { parseDeepLink } from '../../src/game/config/deepLink';
import { cleanQuery } from '../../src/game/config/urlGuard';
import { BEST_STREAKS_KEY, loadBestStreaks, recordStreak } from '../../src/game/config/bestStreaks';
import { registerShippedPolicies } from '../../src/game/policies';
import { builtinControllers } from '../../src/plugins/registry';

const reg = builtinControllers();
/** The game's registry: built-ins plus every shipped policy in assets/policies. */
const shipped = builtinControllers();
const shippedProblems = registerShippedPolicies(shipped);

describe('deep links', () => {
  it('no query: show the menu', () => {
    expect(parseDeepLink('', reg)).toEqual({ setup: null, errors: [] });
  });

  it('sets scenario, team controllers, seed, sizes and speed', () => {
    const { setup, errors } = parseDeepLink('?scenario=tag&predators=random&prey=human&seed=7&num_obstacles=1&adversaries=2&speed=2', reg);
    expect(errors).toEqual([]);
    expect(setup).toMatchObject({
      scenario: 'simple_tag',
      seed: 7,
      speed: 2,
      controllers: { predators: 'random', prey: 'human' },
      options: { num_obstacles: 1, num_adversaries: 2 },
    });
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

  it('a repeated parameter is refused by name (all its values ignored), not read first- or last-wins', () => {
    const scenario = parseDeepLink('?scenario=spread&scenario=tag', reg);
    expect(scenario.setup?.scenario).toBe('simple_tag'); // the default, not the first value
    expect(scenario.errors).toEqual([
      expect.stringMatching(/^scenario: got \["spread","tag"\]; given 2 times, so all were ignored; allowed: one value per parameter$/),
    ]);
    const seed = parseDeepLink('?scenario=tag&seed=7&seed=2', reg);
    expect(seed.setup?.seed).toBe(1);
    expect(seed.errors).toEqual([expect.stringMatching(/^seed: got \["7","2"\]; given 2 times/)]);
    const team = parseDeepLink('?scenario=tag&prey=human&prey=random&renderer=canvas&renderer=webgl', reg);
    expect(team.setup?.controllers.prey).toBe('scripted');
    expect(team.errors).toEqual([expect.stringMatching(/^prey: got \["human","random"\]/), expect.stringMatching(/^renderer: got \["canvas","webgl"\]/)]);
  });

  it('a value with a space ("+" in a link) is refused, not trimmed or guessed', () => {
    for (const [query, key] of [
      ['?scenario=tag+x', 'scenario'],
      ['?scenario=spread+', 'scenario'],
      ['?scenario=tag&seed=7+', 'seed'],
      ['?scenario=tag&predators=%20random', 'predators'],
    ]) {
      const { setup, errors } = parseDeepLink(query, reg);
      expect(errors, query).toEqual([
        expect.stringMatching(new RegExp(`^${key}: got ".*"; a "\\+" or %20 in a link is a space; ignored; allowed: a value without spaces$`)),
      ]);
      expect(setup).toMatchObject({ scenario: 'simple_tag', seed: 1, controllers: { predators: 'scripted' } });
    }
  });

  it('a huge link gives a short banner: too many parameters refuse it in one line, long values are cut, messages are counted', () => {
    const many = parseDeepLink(`?${Array.from({ length: 3000 }, (_, i) => `k${i}=v`).join('&')}`, reg);
    expect(many).toEqual({
      setup: null,
      errors: [expect.stringMatching(/^link: got "3,000 parameters"; the whole link was ignored; allowed: up to 24 parameters$/)],
    });
    const unknown = parseDeepLink(`?scenario=tag&${Array.from({ length: 20 }, (_, i) => `colour${i}=red`).join('&')}`, reg);
    expect(unknown.setup?.scenario).toBe('simple_tag');
    expect(unknown.errors).toHaveLength(8);
    expect(unknown.errors[7]).toBe('… and 13 more problems with this link');
    const long = parseDeepLink(`?scenario=tag&seed=${'1'.repeat(5000)}&${'k'.repeat(5000)}=1`, reg);
    expect(long.errors.join('\n').length).toBeLessThan(1500);
    expect(long.errors[0]).toMatch(/^seed: got "1{100}…" \(5,000 characters\)/);
  });

  it('the address guard lists a few malformed parameters and counts the rest, each quoted short', () => {
    const bad = Array.from({ length: 3000 }, (_, i) => `k${i}=%ZZ${'x'.repeat(i === 0 ? 500 : 0)}`);
    const { kept, problems } = cleanQuery(`?scenario=tag&${bad.join('&')}&tfjsflags=DEBUG:true`);
    expect(kept).toEqual(['scenario=tag']);
    expect(problems).toHaveLength(6);
    expect(problems[0]).toMatch(/^k0=%ZZx{54}… \(506 characters\): got a malformed %-escape/);
    expect(problems[5]).toBe('… and 2,996 more parameters that were ignored for the same reasons');
    expect(problems.join('\n').length).toBeLessThan(1000);
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

  it('every shipped policy loads, and each difficulty level has its predators', () => {
    expect(shippedProblems).toEqual([]);
    for (const level of ['easy', 'medium', 'hard']) expect(shipped.has(`ppo-tag-predators-${level}`), level).toBe(true);
  });

  it('play mode takes a difficulty: it chooses the predators and is named in the setup', () => {
    for (const level of ['easy', 'medium', 'hard']) {
      const { setup, errors } = parseDeepLink(`?mode=play&difficulty=${level}`, shipped);
      expect(errors).toEqual([]);
      expect(setup).toMatchObject({
        scenario: 'simple_tag',
        mode: 'play',
        difficulty: level,
        controllers: { predators: `ppo-tag-predators-${level}`, prey: 'human' },
      });
    }
    expect(parseDeepLink('?mode=play', shipped).setup).toMatchObject({ difficulty: 'medium', controllers: { predators: 'ppo-tag-predators-medium' } });
    // an explicit team controller wins over the level's
    expect(parseDeepLink('?mode=play&difficulty=hard&predators=scripted', shipped).setup?.controllers.predators).toBe('scripted');
  });

  it('a bad difficulty is named with the allowed levels; outside play mode it is reported as ignored', () => {
    const bad = parseDeepLink('?mode=play&difficulty=insane', shipped);
    expect(bad.errors).toEqual([expect.stringMatching(/difficulty: got "insane"; allowed: easy, medium, hard/)]);
    expect(bad.setup?.controllers.predators).toBe('ppo-tag-predators-medium');
    const watch = parseDeepLink('?scenario=tag&difficulty=hard', shipped);
    expect(watch.errors).toEqual([expect.stringMatching(/difficulty: applies to mode=play/)]);
    expect(watch.setup?.mode).toBe('watch');
  });

  it('old names of renamed policy files keep working in links and resolve to the new controllers', () => {
    expect(parseDeepLink('?scenario=tag&predators=ppo-tag-predators', shipped)).toMatchObject({
      errors: [],
      setup: { controllers: { predators: 'ppo-tag-predators-hard' } },
    });
    expect(parseDeepLink('?scenario=spread&agents=ppo-spread-shared', shipped)).toMatchObject({
      errors: [],
      setup: { controllers: { agents: 'ppo-spread-n3-shared' } },
    });
    expect(parseDeepLink('?scenario=spread&agents=ppo-spread-mappo', shipped)).toMatchObject({
      errors: [],
      setup: { controllers: { agents: 'ppo-spread-n3-mappo' } },
    });
  });

  it('watching defaults to trained teams on both sides and 100-step episodes', () => {
    const { setup } = parseDeepLink('?scenario=tag', shipped);
    expect(setup?.options.max_cycles).toBe(100);
    expect(setup?.controllers).toEqual({ predators: 'ppo-tag-predators-hard', prey: 'ppo-tag-prey' });
    expect(parseDeepLink('?scenario=tag&steps=25', shipped).setup?.options.max_cycles).toBe(25);
  });
});

describe('best survival streaks kept in the browser', () => {
  const memoryStore = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
  };

  it('keeps the best per level, only when beaten', () => {
    const store = memoryStore();
    expect(loadBestStreaks(store)).toEqual({ easy: 0, medium: 0, hard: 0 });
    expect(recordStreak('hard', 4.5, store)).toEqual({ best: 4.5, stored: true });
    expect(recordStreak('hard', 3, store)).toEqual({ best: 4.5, stored: true });
    expect(recordStreak('easy', 12, store)).toEqual({ best: 12, stored: true });
    expect(loadBestStreaks(store)).toEqual({ easy: 12, medium: 0, hard: 4.5 });
  });

  it('a corrupt or hostile stored value counts as no record; a refusing store is reported, not fatal', () => {
    const store = memoryStore();
    store.m.set(BEST_STREAKS_KEY, '{"easy": "9", "medium": -3, "hard": 1e400');
    expect(loadBestStreaks(store)).toEqual({ easy: 0, medium: 0, hard: 0 });
    store.m.set(BEST_STREAKS_KEY, '{"easy": "9", "medium": -3, "hard": 7, "__proto__": {"x": 1}}');
    expect(loadBestStreaks(store)).toEqual({ easy: 0, medium: 0, hard: 7 });
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(recordStreak('medium', 5, refusing)).toEqual({ best: 5, stored: false });
    expect(recordStreak('medium', 5, null)).toEqual({ best: 5, stored: false });
  });
});

describe('deep links choose defaults for the sizes they ask for', () => {
  it('spread N=5 gets the N=5 policy, N=4 (no policy) the scripted agents, without any message', () => {
    expect(parseDeepLink('?scenario=spread&n=5', shipped)).toMatchObject({ errors: [], setup: { controllers: { agents: 'ppo-spread-n5-shared' } } });
    expect(parseDeepLink('?scenario=spread&n=4', shipped)).toMatchObject({ errors: [], setup: { controllers: { agents: 'scripted' } } });
    expect(parseDeepLink('?scenario=tag&obstacles=0', shipped).setup?.controllers).toEqual({ predators: 'scripted', prey: 'scripted' });
    // a controller the link names is kept as named (and replaced later with a message if it cannot drive)
    expect(parseDeepLink('?scenario=spread&n=5&agents=ppo-spread-shared', shipped).setup?.controllers.agents).toBe('ppo-spread-n3-shared');
  });
});
