import { agentSpec, landmarkSpec } from '../../entity';
import { continuousActions, MAX_CYCLES, type OptionSchema } from '../../options';
import type { NumpyRandom } from '../../rng';
import { team, type AgentInfo } from '../../scenario';
import { World } from '../../world';
import { GoalScenario, drawPositions, range, writeRelative } from '../common';

export const ADVERSARY_TITLE = 'Adversary: hide the goal from the adversary';
export const ADVERSARY_TEAMS = [team('adversary', 'adversary', 'Adversary'), team('agents', 'agent', 'Good agents')];

export const ADVERSARY_OPTIONS: OptionSchema = {
  N: { type: 'int', default: 2, min: 1, max: 32, doc: 'number of good agents and of landmarks', flag: 'n', label: 'Good agents and landmarks (N)' },
  max_cycles: MAX_CYCLES,
  continuous_actions: continuousActions('Box(0, 1, (5,)) actions instead of Discrete(5)'),
};

const LANDMARK_COLOR: [number, number, number] = [0.15, 0.15, 0.15];
const GOAL_COLOR: [number, number, number] = [0.15, 0.65, 0.15];

/**
 * simple_adversary_v3 (physical deception): N good agents know which of N landmarks is the goal; one
 * adversary does not. The adversary is paid for being near the goal; the good agents for one of them being
 * near it and for the adversary being far, so they must cover every landmark to hide which one it is.
 */
export class AdversaryScenario extends GoalScenario {
  readonly n: number;

  constructor(given: Record<string, unknown> = {}) {
    super('simple_adversary', 'simple_adversary_v3', ADVERSARY_OPTIONS, given);
    const n = (this.n = this.options.N as number);
    const adversary = agentSpec('adversary_0', { adversary: true, size: 0.15, collide: false, silent: true, color: [0.85, 0.35, 0.35] });
    const good = range(n).map((i) => agentSpec(`agent_${i}`, { size: 0.15, collide: false, silent: true, color: [0.35, 0.35, 0.85] }));
    const landmarks = range(n).map((i) => landmarkSpec(`landmark ${i}`, { size: 0.08, collide: false, color: LANDMARK_COLOR }));
    const world = new World({ entities: [adversary, ...good, ...landmarks], dimC: 2 });
    this.build(world, [
      ['adversary', [0]],
      ['agent', range(n, 1)],
    ]);
  }

  private get firstLandmark(): number {
    return this.n + 1;
  }

  resetWorld(rng: NumpyRandom): void {
    const w = this.world;
    this.goal = this.firstLandmark + rng.integers(this.n);
    this.recolor();
    drawPositions(w, rng, 1);
  }

  protected recolor(): void {
    for (let l = this.firstLandmark; l < this.world.numEntities; l++) this.world.colors[l] = [...(l === this.goal ? GOAL_COLOR : LANDMARK_COLOR)];
  }

  rewards(out: Float64Array): void {
    const w = this.world;
    const advDist = w.distance(0, this.goal);
    out[0] = -advDist;
    let nearest = Infinity;
    for (let g = 1; g <= this.n; g++) nearest = Math.min(nearest, w.distance(g, this.goal));
    // PettingZoo: pos_rew (minus the nearest good agent's distance) + adv_rew (0 + the adversary's distance)
    const good = -nearest + (0 + advDist);
    for (let g = 1; g <= this.n; g++) out[g] = good;
  }

  observe(agent: number, out: Float32Array, offset: number): number {
    const w = this.world;
    let o = offset;
    if (agent > 0) o = writeRelative(w, agent, this.goal, out, o);
    for (let l = this.firstLandmark; l < w.numEntities; l++) o = writeRelative(w, agent, l, out, o);
    for (let j = 0; j <= this.n; j++) if (j !== agent) o = writeRelative(w, agent, j, out, o);
    return o;
  }

  info(agent: number): AgentInfo {
    return { dist_to_goal: this.world.distance(agent, this.goal) };
  }
}
