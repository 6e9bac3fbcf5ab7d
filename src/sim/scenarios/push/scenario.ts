import { agentSpec, landmarkSpec } from '../../entity';
import { continuousActions, MAX_CYCLES, type OptionSchema } from '../../options';
import type { NumpyRandom } from '../../rng';
import { team, type AgentInfo } from '../../scenario';
import { World } from '../../world';
import { GoalScenario, drawPositions, writePair, writeRelative } from '../common';

export const PUSH_TITLE = 'Push: keep the agent off its goal';
export const PUSH_TEAMS = [team('adversary', 'adversary', 'Adversary'), team('agents', 'agent', 'Good agent')];

export const PUSH_OPTIONS: OptionSchema = {
  max_cycles: MAX_CYCLES,
  continuous_actions: continuousActions('Box(0, 1, (5,)) actions instead of Discrete(5)'),
};

/** Landmark k is grey-green-blue with component k + 1 raised: [0.1, 0.9, 0.1], [0.1, 0.1, 0.9]. */
const LANDMARK_COLORS: [number, number, number][] = [
  [0.1, 0.1 + 0.8, 0.1],
  [0.1, 0.1, 0.1 + 0.8],
];

/**
 * simple_push_v3: the good agent must reach the goal landmark (its own colour tells which); the adversary,
 * who does not know the goal, is paid for keeping the good agent away from it while staying near it itself.
 * The two collide.
 */
export class PushScenario extends GoalScenario {
  constructor(given: Record<string, unknown> = {}) {
    super('simple_push', 'simple_push_v3', PUSH_OPTIONS, given);
    const adversary = agentSpec('adversary_0', { adversary: true, size: 0.05, collide: true, silent: true, color: [0.75, 0.25, 0.25] });
    const good = agentSpec('agent_0', { size: 0.05, collide: true, silent: true, color: [0.25, 0.25, 0.25] });
    const landmarks = LANDMARK_COLORS.map((color, i) => landmarkSpec(`landmark ${i}`, { size: 0.05, collide: false, color: [...color] }));
    this.build(new World({ entities: [adversary, good, ...landmarks], dimC: 2 }), [
      ['adversary', [0]],
      ['agent', [1]],
    ]);
  }

  resetWorld(rng: NumpyRandom): void {
    const w = this.world;
    this.goal = 2 + rng.integers(2);
    this.recolor();
    drawPositions(w, rng, 1);
  }

  /** The good agent's colour encodes the goal: component (goal index + 1) raised by 0.5. */
  protected recolor(): void {
    const c: [number, number, number] = [0.25, 0.25, 0.25];
    c[this.goal - 2 + 1] += 0.5;
    this.world.colors[1] = c;
  }

  rewards(out: Float64Array): void {
    const w = this.world;
    const goodDist = w.distance(1, this.goal);
    out[1] = -goodDist;
    out[0] = goodDist - w.distance(this.goal, 0);
  }

  observe(agent: number, out: Float32Array, offset: number): number {
    const w = this.world;
    let o = writePair(w.vel, agent, out, offset);
    if (agent === 1) {
      o = writeRelative(w, agent, this.goal, out, o);
      for (const v of w.colors[1]) out[o++] = v;
    }
    for (let l = 2; l < 4; l++) o = writeRelative(w, agent, l, out, o);
    if (agent === 1) for (let l = 2; l < 4; l++) for (const v of w.colors[l]) out[o++] = v;
    return writeRelative(w, agent, 1 - agent, out, o);
  }

  info(agent: number): AgentInfo {
    return { dist_to_goal: this.world.distance(agent, this.goal) };
  }
}
