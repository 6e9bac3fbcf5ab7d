import { describe, expect, it } from 'vitest';
import { initTfNode } from '../../src/agents/tfNode';
import { Trainer } from '../../src/agents/trainer';
import { scenarioOptionsFromFlags } from '../../src/cli/scenarioFlags';
import { parseDeepLink } from '../../src/game/config/deepLink';
import { sizeOptions } from '../../src/game/config/setup';
import { evaluate } from '../../src/plugins/evaluate';
import { builtinControllers } from '../../src/plugins/registry';
import { ParallelEnv } from '../../src/sim/env';
import { SCENARIOS, scenarioEntry } from '../../src/sim/scenarios';
import { REACH } from '../fixtures/reach';

// Adding a scenario is one folder (tests/fixtures/reach, the example of docs/architecture.md) and one
// registration, here the line src/sim/scenarios/index.ts would hold; nothing else changes.
SCENARIOS[REACH.id] = REACH;

describe('a fifth scenario from one folder and one registration', () => {
  it('plays as a PettingZoo env with measured observation sizes, its scripted rule beats random', () => {
    expect(scenarioEntry('reach-a-landmark')).toBe(REACH);
    const env = new ParallelEnv('reach_v0', { max_cycles: 40 });
    const { observations } = env.reset({ seed: 1 });
    expect(observations.agent_0).toHaveLength(4);
    const registry = builtinControllers();
    const run = (c: string) => evaluate({ scenario: 'reach', options: {}, controllers: { agents: c }, registry, episodes: 30, seed: 7 });
    const scripted = run('scripted');
    const random = run('random');
    expect(scripted.teams[0].meanReturn).toBeGreaterThan(random.teams[0].meanReturn + 5);
    expect(scripted.finalDistance!).toBeLessThan(0.1);
  });

  it('the CLI flags, the menu and links take its options', () => {
    expect(scenarioOptionsFromFlags('reach', { 'max-cycles': 40 })).toEqual({ max_cycles: 40 });
    expect(() => scenarioOptionsFromFlags('reach', { n: 3 })).toThrow(/reach has no such option/);
    expect(sizeOptions('reach')).toEqual(['max_cycles']);
    const link = parseDeepLink('?scenario=reach&agents=scripted&max-cycles=60', builtinControllers());
    expect(link.errors).toEqual([]);
    expect(link.setup).toMatchObject({ scenario: 'reach', controllers: { agents: 'scripted' }, options: { max_cycles: 60 } });
  });

  it('trains with shared PPO', async () => {
    await initTfNode();
    const trainer = new Trainer({ scenario: 'reach', algo: 'shared', config: { numEnvs: 8, numSteps: 25, totalSteps: 2000, seed: 3 } });
    const m = trainer.trainIteration();
    expect(Number.isFinite(m.meanReturn)).toBe(true);
    trainer.dispose();
  });
});
