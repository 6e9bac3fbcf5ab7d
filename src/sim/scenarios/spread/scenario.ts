import { agentSpec, landmarkSpec } from '../../entity';
import { continuousActions, MAX_CYCLES, type OptionSchema } from '../../options';
import type { NumpyRandom } from '../../rng';
import type { EpisodeMeasure } from '../../episodeMeasures';
import { team, type AgentInfo } from '../../scenario';
import { World } from '../../world';
import { BaseScenario, drawPositions, range, writePair, writeRelative } from '../common';

export const SPREAD_TITLE = 'Spread: cover the landmarks';
export const SPREAD_TEAMS = [team('agents', 'agent', 'Agents')];
/** How a spread episode went: landmarks covered at the end (an agent within 0.1), colliding pairs summed over steps. */
export const SPREAD_MEASURES: EpisodeMeasure[] = [
  {
    name: 'coverage',
    label: 'landmarks covered',
    summary: 'coverage at the final step',
    over: 'final',
    unit: 'share',
    value: (sc, infos) => infos[0].occupied_landmarks / sc.world.numAgents,
  },
  {
    name: 'collisionsPerEpisode',
    label: 'collisions',
    summary: 'collisions per episode',
    over: 'sum',
    unit: 'count',
    value: (_sc, infos) => infos.reduce((a, i) => a + i.collisions, 0) / 2,
  },
];

export const SPREAD_OPTIONS: OptionSchema = {
  N: { type: 'int', default: 3, min: 1, max: 64, doc: 'number of agents and of landmarks', flag: 'n', label: 'Agents and landmarks (N)' },
  local_ratio: { type: 'number', default: 0.5, min: 0, max: 1, doc: 'weight of the local (collision) reward against the global one', flag: 'local-ratio' },
  max_cycles: MAX_CYCLES,
  continuous_actions: continuousActions('Box(0, 1, (5,)) actions instead of Discrete(5)'),
};

/**
 * Greedy landmark assignment: repeatedly pair the closest free (agent, landmark), so every landmark gets
 * one agent. Returns the landmark entity index for each agent (agents come first in the world).
 */
export function greedyAssignment(world: World, numAgents: number): Int32Array {
  const pairs: [number, number, number][] = [];
  for (let a = 0; a < numAgents; a++) {
    for (let l = numAgents; l < world.numEntities; l++) pairs.push([world.distance(a, l), a, l]);
  }
  pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1] || p[2] - q[2]);
  const target = new Int32Array(numAgents).fill(-1);
  const taken = new Set<number>();
  for (const [, a, l] of pairs) {
    if (target[a] >= 0 || taken.has(l)) continue;
    target[a] = l;
    taken.add(l);
  }
  return target;
}

/**
 * simple_spread_v3: N agents must cover N landmarks. Every agent gets the same global reward (minus the
 * summed distance from each landmark to its closest agent), mixed with a local penalty of -1 per other
 * agent it collides with.
 */
export class SpreadScenario extends BaseScenario {
  private readonly n: number;
  private readonly localRatio: number;

  constructor(given: Record<string, unknown> = {}) {
    super('simple_spread', 'simple_spread_v3', SPREAD_OPTIONS, given);
    const n = (this.n = this.options.N as number);
    this.localRatio = this.options.local_ratio as number;
    const agents = range(n).map((i) => agentSpec(`agent_${i}`, { size: 0.15, collide: true, silent: true, color: [0.35, 0.35, 0.85] }));
    const landmarks = range(n).map((i) => landmarkSpec(`landmark ${i}`, { collide: false }));
    const world = new World({ entities: [...agents, ...landmarks], dimC: 2 });
    this.build(world, [['agent', range(n)]]);
  }

  resetWorld(rng: NumpyRandom): void {
    drawPositions(this.world, rng, 1);
  }

  /** Distance from landmark `l` (entity index) to its closest agent. */
  private closestAgentDistance(l: number): number {
    let best = Infinity;
    for (let a = 0; a < this.n; a++) {
      const d = this.world.distance(a, l);
      if (d < best) best = d;
    }
    return best;
  }

  private collisionsOf(agent: number): number {
    let count = 0;
    for (let a = 0; a < this.n; a++) if (a !== agent && this.world.colliding(a, agent)) count++;
    return count;
  }

  rewards(out: Float64Array): void {
    // global = -(d_0) - d_1 - ... in landmark order, as PettingZoo accumulates it
    let global = 0;
    for (let l = this.n; l < 2 * this.n; l++) global -= this.closestAgentDistance(l);
    const ratio = this.localRatio;
    for (let i = 0; i < this.n; i++) {
      const local = -this.collisionsOf(i);
      out[i] = global * (1 - ratio) + local * ratio;
    }
  }

  observe(agent: number, out: Float32Array, offset: number): number {
    const w = this.world;
    let o = writePair(w.vel, agent, out, offset);
    o = writePair(w.pos, agent, out, o);
    for (let l = this.n; l < 2 * this.n; l++) o = writeRelative(w, agent, l, out, o);
    for (let j = 0; j < this.n; j++) if (j !== agent) o = writeRelative(w, agent, j, out, o);
    for (let j = 0; j < this.n; j++) {
      if (j === agent) continue;
      out[o++] = w.comm[j * w.dimC];
      out[o++] = w.comm[j * w.dimC + 1];
    }
    return o;
  }

  /**
   * Each agent: minus the distance to the landmark it gets in the greedy assignment: each agent is paid for
   * its own part of covering the landmarks, where the team reward pays all alike.
   */
  shapingPotentials(out: Float64Array, offset: number): void {
    const target = greedyAssignment(this.world, this.n);
    for (let i = 0; i < this.n; i++) out[offset + i] = -this.world.distance(i, target[i]);
  }

  info(agent: number): AgentInfo {
    let sum = 0;
    let occupied = 0;
    for (let l = this.n; l < 2 * this.n; l++) {
      const d = this.closestAgentDistance(l);
      sum += d;
      if (d < 0.1) occupied++;
    }
    return { collisions: this.collisionsOf(agent), min_dists: sum, occupied_landmarks: occupied };
  }
}
