import { describe, expect, it } from 'vitest';
import { ParallelEnv } from '../../src/sim/env';
import { scenarioEntry } from '../../src/sim/scenarios';
import { readReference, referenceFiles } from '../support/reference';

/**
 * Each spec file lists every observation segment (field, entity, offset, length). Rebuild each observation
 * from the world state by those segments and compare with what the env writes.
 */
describe('observation layouts follow the spec files', () => {
  const specs = referenceFiles('spec').map((f) => [f, readReference(f)] as const);

  it.each(specs)('%s', (_f, spec) => {
    const id = scenarioEntry(spec.env).id;
    const env = new ParallelEnv(id, spec.env_kwargs);
    env.reset({ seed: 11 });
    const noop = Object.fromEntries(
      env.possibleAgents.map((a) => {
        const sp = env.actionSpace(a);
        return [a, sp.type === 'Box' ? Array(sp.shape[0]).fill(0.75) : sp.n - 1];
      }),
    );
    const { observations } = env.step(noop);
    const s = env.worldState();
    const w = env.scenario.world;
    const idx = (name: string) => w.index(name);
    expect(env.state().length).toBe(spec.state_dim);
    for (const agent of env.possibleAgents) {
      const self = idx(agent);
      const obs = observations[agent];
      expect(obs.length).toBe(spec.observation_dims[agent]);
      expect(env.observationSpace(agent).shape[0]).toBe(spec.observation_dims[agent]);
      let covered = 0;
      for (const seg of spec.observation_layout[agent]) {
        const e = idx(seg.entity);
        let want: number[];
        switch (seg.field) {
          case 'self_vel':
          case 'other_good_agent_vel':
            want = s.p_vel[e];
            break;
          case 'self_pos':
            want = s.p_pos[e];
            break;
          case 'landmark_rel_pos':
          case 'obstacle_rel_pos':
          case 'other_agent_rel_pos':
            want = [s.p_pos[e][0] - s.p_pos[self][0], s.p_pos[e][1] - s.p_pos[self][1]];
            break;
          case 'other_agent_comm':
            want = s.c[e];
            break;
          case 'goal_color':
            want = w.colors[w.goalB[self]];
            break;
          default:
            throw new Error(`unknown field ${seg.field}`);
        }
        expect(Array.from(obs.slice(seg.offset, seg.offset + seg.length)), `${agent} ${seg.field} ${seg.entity}`).toEqual(Array.from(Float32Array.from(want)));
        covered += seg.length;
      }
      expect(covered).toBe(obs.length);
    }
  });
});
