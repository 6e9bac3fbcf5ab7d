import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpointFile } from '../../src/cli/checkpointFile';
import { initTfNode } from '../../src/agents/tfNode';
import { analyze } from '../../src/plugins/analysis/analyze';
import { evaluate } from '../../src/plugins/evaluate';
import { Match } from '../../src/plugins/match';
import { policyControllerInfo } from '../../src/plugins/policyController';
import { builtinControllers, type ControllerRegistry } from '../../src/plugins/registry';

/**
 * The shipped policies where the game uses them: long rounds (300 steps to play, 100 to watch), against
 * opponents they were not trained with, and mixed with other controllers on their own team.
 */
const DIR = resolve(__dirname, '../../assets/policies');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json'));

let registry: ControllerRegistry;
beforeAll(async () => {
  await initTfNode();
  registry = builtinControllers();
  for (const f of FILES) {
    const { ckpt, policies } = loadCheckpointFile(join(DIR, f));
    registry.register(policyControllerInfo(`ppo-${f.replace(/\.json$/, '')}`, f, ckpt, policies, true));
  }
});

/** Share of agent-steps with an agent of `role` beyond |x| or |y| 1.2, over `episodes` episodes of `steps`. */
function offArenaShare(
  scenario: string,
  options: Record<string, number>,
  controllers: Record<string, string>,
  role: string | null,
  episodes: number,
  steps: number,
): number {
  const match = new Match({ scenario, options: { ...options, max_cycles: steps }, controllers, registry, seed: 100000 });
  let out = 0;
  let all = 0;
  for (let ep = 0; ep < episodes; ep++) {
    if (ep > 0) match.reset();
    do {
      match.step();
      const pos = match.scenario.world.pos;
      for (const s of match.agents) {
        if (role && s.role !== role) continue;
        all++;
        if (Math.abs(pos[2 * s.index]) > 1.2 || Math.abs(pos[2 * s.index + 1]) > 1.2) out++;
      }
    } while (!match.episodeOver);
  }
  expect(match.lastError).toBeNull();
  match.dispose();
  return out / all;
}

const levels = FILES.filter((f) => /^tag-predators-/.test(f)).map((f) => `ppo-${f.replace(/\.json$/, '')}`);

describe('shipped tag predators, every level', () => {
  it('finds the three levels, the three packs of Watch the pack and the talking predators', () =>
    expect(levels.sort()).toEqual([
      'ppo-tag-predators-comm',
      'ppo-tag-predators-easy',
      'ppo-tag-predators-hard',
      'ppo-tag-predators-medium',
      'ppo-tag-predators-roles-much',
      'ppo-tag-predators-roles-none',
      'ppo-tag-predators-roles-some',
    ]));

  it.each(levels)('%s: keep chasing through 300-step rounds and stay in the arena, alone or beside an idle and a scripted teammate', (id) => {
    const vsScripted = evaluate({
      scenario: 'simple_tag',
      options: { max_cycles: 300 },
      controllers: { predators: id, prey: 'scripted' },
      registry,
      episodes: 10,
      seed: 100000,
    });
    expect(vsScripted.predatorsOutShare!).toBeLessThan(0.05);
    expect(vsScripted.touchesPerEpisode!).toBeGreaterThan(10); // many touches: they come back after each one
    // a person on the team who does nothing, a scripted chaser, a trained one
    const mixed = { predators: id, adversary_0: 'human', adversary_1: 'scripted', prey: 'scripted' };
    expect(offArenaShare('simple_tag', {}, mixed, 'adversary', 10, 300)).toBeLessThan(0.05);
    const mixedEval = evaluate({ scenario: 'simple_tag', options: { max_cycles: 300 }, controllers: mixed, registry, episodes: 10, seed: 100000 });
    expect(mixedEval.touchesPerEpisode!).toBeGreaterThan(5);
    // a prey that moves at random is pushed out by the contacts; they follow it and keep touching
    const vsRandom = evaluate({
      scenario: 'simple_tag',
      options: { max_cycles: 300 },
      controllers: { predators: id, prey: 'random' },
      registry,
      episodes: 10,
      seed: 100000,
    });
    expect(vsRandom.touchesPerEpisode!).toBeGreaterThan(10);
  });

  it('watching: trained predators against the trained prey in 100-step episodes, nobody leaves the arena', () => {
    const share = offArenaShare('simple_tag', {}, { predators: 'ppo-tag-predators-hard', prey: 'ppo-tag-prey' }, null, 20, 100);
    expect(share).toBeLessThan(0.05);
    const r = evaluate({
      scenario: 'simple_tag',
      options: { max_cycles: 100 },
      controllers: { predators: 'ppo-tag-predators-hard', prey: 'ppo-tag-prey' },
      registry,
      episodes: 100,
      seed: 100000,
    });
    expect(r.captureRate!).toBeGreaterThan(0.8);
  });
});

describe('the other shipped policies in long episodes', () => {
  const spread = FILES.filter((f) => f.startsWith('spread-'));
  it.each(spread)('%s: 300-step episodes stay in the arena and beat random agents', (f) => {
    const { ckpt } = loadCheckpointFile(join(DIR, f));
    const options = { N: ckpt.scenario.options.N as number };
    const id = `ppo-${f.replace(/\.json$/, '')}`;
    // the bound the learning benchmarks use for tag's predators: beyond |x| or |y| 1.2 in under 5% of steps
    expect(offArenaShare('simple_spread', options, { agents: id }, null, 5, 300)).toBeLessThan(0.05);
    const trained = evaluate({
      scenario: 'simple_spread',
      options: { ...options, max_cycles: 300 },
      controllers: { agents: id },
      registry,
      episodes: 5,
      seed: 100000,
    });
    const random = evaluate({
      scenario: 'simple_spread',
      options: { ...options, max_cycles: 300 },
      controllers: { agents: 'random' },
      registry,
      episodes: 5,
      seed: 100000,
    });
    expect(trained.teams[0].meanReturn).toBeGreaterThan(random.teams[0].meanReturn / 2);
  });

  it('tag prey: evades the hard predators in 300-step rounds and stays near the arena', () => {
    expect(offArenaShare('simple_tag', {}, { predators: 'ppo-tag-predators-hard', prey: 'ppo-tag-prey' }, 'good', 10, 300)).toBeLessThan(0.05);
    const trained = evaluate({
      scenario: 'simple_tag',
      options: { max_cycles: 300 },
      controllers: { predators: 'ppo-tag-predators-hard', prey: 'ppo-tag-prey' },
      registry,
      episodes: 10,
      seed: 100000,
    });
    const scripted = evaluate({
      scenario: 'simple_tag',
      options: { max_cycles: 300 },
      controllers: { predators: 'ppo-tag-predators-hard', prey: 'scripted' },
      registry,
      episodes: 10,
      seed: 100000,
    });
    expect(trained.touchesPerEpisode!).toBeLessThan(scripted.touchesPerEpisode! / 2);
  });

  it.each([
    ['simple_speaker_listener', 'ppo-speaker-listener', { speaker: 'ppo-speaker-listener', listener: 'ppo-speaker-listener' }],
    ['simple_reference', 'ppo-reference', { agents: 'ppo-reference' }],
  ])('%s: 300-step episodes stay in the arena', (scenario, _id, controllers) => {
    expect(offArenaShare(scenario, {}, controllers, null, 5, 300)).toBeLessThan(0.02);
  });
});

describe('behavioural diversity of the shipped policies', () => {
  it('a shared policy without agent ids acts identically for every agent; independent policies differ', () => {
    const shared = analyze({
      scenario: 'simple_spread',
      options: { N: 3 },
      controllers: { agents: 'ppo-spread-n3-shared' },
      registry,
      episodes: 4,
      seed: 100000,
    });
    expect(shared.diversity!.observations).toBe(4 * 24 * 3); // the team's observations after every step but the last
    expect(shared.diversity!.index).toBe(0);
    const independent = analyze({
      scenario: 'simple_spread',
      options: { N: 3 },
      controllers: { agents: 'ppo-spread-n3-independent' },
      registry,
      episodes: 4,
      seed: 100000,
    });
    expect(independent.diversity!.pairs).toHaveLength(3);
    expect(independent.diversity!.index).toBeGreaterThan(0.1);
    // scripted agents give no distributions: nothing to measure
    const scripted = analyze({ scenario: 'simple_spread', options: { N: 3 }, controllers: { agents: 'scripted' }, registry, episodes: 1, seed: 1 });
    expect(scripted.diversity).toBeUndefined();
  });
});

/**
 * What docs/experiments.md says of each shipped talking team, on 40 episodes here (200 there): its
 * messages carry a meaning far above chance, and, where it is so, silencing them costs a clear share of
 * the team's gain over random. The tag predators' channel carries the prey's direction when a teammate
 * cannot see it, but silencing it does not cost them (measured, reported as a target not reached).
 */
const TALKING: [file: string, controllers: Record<string, string>, meaning: RegExp, silenceCosts: boolean][] = [
  ['spread-n5-comm.json', {}, /where the sender is/, true],
  ['tag-predators-comm.json', { prey: 'lookahead' }, /when the sender sees it and a teammate does not/, false],
];

describe('the shipped talking teams use their channel', () => {
  it('every shipped talking team is in the table', () => expect(FILES.filter((f) => f.endsWith('-comm.json')).sort()).toEqual(TALKING.map(([f]) => f).sort()));

  it.each(TALKING)('%s: its messages say what the sender sees; silencing them costs what the docs say', (f, others, meaning, silenceCosts) => {
    const { ckpt, policies } = loadCheckpointFile(join(DIR, f));
    const role = policies.find((p) => p.comm)!.json.role;
    const team = ckpt.scenario.id === 'simple_tag' ? (role === 'adversary' ? 'predators' : 'prey') : 'agents';
    const id = `ppo-${f.replace(/\.json$/, '')}`;
    const r = analyze({
      scenario: ckpt.scenario.id,
      options: { ...ckpt.scenario.options },
      controllers: { [team]: id, ...others },
      registry,
      episodes: 40,
      seed: 100000,
    });
    const c = r.channel!;
    expect(c.agents).toEqual(policies.find((p) => p.comm)!.json.agents);
    const m = c.meanings.find((x) => meaning.test(x.name))!;
    expect(m.bits).toBeGreaterThan(m.shuffledBits + 0.2);
    expect(c.intervention.talking).toBeGreaterThan(c.intervention.random);
    if (silenceCosts) expect(c.intervention.dropShareOfGap).toBeGreaterThan(0.05);
    else expect(c.intervention.dropShareOfGap).toBeLessThan(0.05);
  });
});
