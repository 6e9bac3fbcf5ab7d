import { agentSpec, landmarkSpec } from '../../entity';
import { continuousActions, MAX_CYCLES, type OptionSchema } from '../../options';
import type { NumpyRandom } from '../../rng';
import { team, type AgentInfo } from '../../scenario';
import { World } from '../../world';
import { BaseScenario, drawPositions, writePair, writeRelative } from '../common';

export const SIMPLE_TITLE = 'Simple: one agent reaches a landmark';
export const SIMPLE_TEAMS = [team('agents', 'agent', 'Agent')];

export const SIMPLE_OPTIONS: OptionSchema = {
  max_cycles: MAX_CYCLES,
  continuous_actions: continuousActions('Box(0, 1, (5,)) actions instead of Discrete(5)'),
};

/** simple_v3: one agent, one landmark; the reward is minus the squared distance to it (a sanity check). */
export class SimpleScenario extends BaseScenario {
  constructor(given: Record<string, unknown> = {}) {
    super('simple', 'simple_v3', SIMPLE_OPTIONS, given);
    const agent = agentSpec('agent_0', { collide: false, silent: true, color: [0.25, 0.25, 0.25] });
    const landmark = landmarkSpec('landmark 0', { collide: false, color: [0.75, 0.25, 0.25] });
    this.build(new World({ entities: [agent, landmark], dimC: 0 }), [['agent', [0]]]);
  }

  resetWorld(rng: NumpyRandom): void {
    drawPositions(this.world, rng, 1);
  }

  rewards(out: Float64Array): void {
    const p = this.world.pos;
    const dx = p[0] - p[2];
    const dy = p[1] - p[3];
    out[0] = -(dx * dx + dy * dy);
  }

  observe(agent: number, out: Float32Array, offset: number): number {
    const o = writePair(this.world.vel, agent, out, offset);
    return writeRelative(this.world, agent, 1, out, o);
  }

  info(): AgentInfo {
    return { dist_to_goal: this.world.distance(0, 1) };
  }
}
