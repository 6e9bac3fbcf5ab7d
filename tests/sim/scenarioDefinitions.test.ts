import { describe, expect, it } from 'vitest';
import { ParallelEnv } from '../../src/sim/env';
import { labelledOptions, optionNamed } from '../../src/sim/options';
import { SCENARIOS, scenarioEntry } from '../../src/sim/scenarios';

describe('scenario definitions (one folder each)', () => {
  for (const def of Object.values(SCENARIOS)) {
    it(`${def.id}: names, heard ranges and the scripted rule fit the scenario it creates`, () => {
      for (const name of [def.id, def.envName, ...def.aliases]) expect(scenarioEntry(name)).toBe(def);
      const sc = def.create();
      for (const team of def.teams) expect(sc.roles.map((r) => r.name)).toContain(team.role);
      for (const [role, ranges] of Object.entries(def.heard(sc))) {
        const r = sc.roles.find((x) => x.name === role)!;
        for (const [from, to] of ranges) expect(0 <= from && from < to && to <= r.obsDim).toBe(true);
      }
      // the scripted rule answers every agent with an action its space allows
      const env = new ParallelEnv(def.create());
      const { observations: obs } = env.reset({ seed: 3 });
      const agents = sc.roles.flatMap((r) =>
        r.agents.map((index) => ({ index, name: sc.agentNames[index], role: r.name, obsDim: r.obsDim, discreteSpace: r.actionSpace })),
      );
      const actions = def.scripted({ agents, obs: agents.map((a) => obs[a.name]), ctx: { scenario: env.scenario, t: 0 } });
      expect(actions).toHaveLength(agents.length);
      for (const a of actions) expect(typeof a === 'number' ? Number.isInteger(a) : a.every((v) => v >= 0 && v <= 1)).toBe(true);
    });
  }

  it('option flags and labels come from the modules: --n is spread N, steps (old links) is max_cycles', () => {
    expect(optionNamed(SCENARIOS.simple_spread.options, 'n')).toBe('N');
    expect(optionNamed(SCENARIOS.simple_tag.options, 'adversaries')).toBe('num_adversaries');
    expect(optionNamed(SCENARIOS.simple_tag.options, 'steps')).toBe('max_cycles');
    expect(optionNamed(SCENARIOS.simple_tag.options, 'n')).toBeUndefined();
    expect(labelledOptions(SCENARIOS.simple_world_comm.options)).toEqual([
      'num_good',
      'num_adversaries',
      'num_obstacles',
      'num_food',
      'num_forests',
      'max_cycles',
    ]);
  });
});
