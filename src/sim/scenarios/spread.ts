import { agentSpec, landmarkSpec } from '../entity';
import { resolveOptions, type OptionSchema } from '../options';
import type { NumpyRandom } from '../rng';
import type { AgentInfo, Role, Scenario } from '../scenario';
import type { Space } from '../spaces';
import { World } from '../world';
import { actionSpaceFor, drawPositions, makeRole, range, writePair, writeRelative } from './common';

export const SPREAD_OPTIONS: OptionSchema = {
  N: { type: 'int', default: 3, min: 1, max: 64, doc: 'number of agents and of landmarks' },
  local_ratio: { type: 'number', default: 0.5, min: 0, max: 1, doc: 'weight of the local (collision) reward against the global one' },
  max_cycles: { type: 'int', default: 25, min: 1, max: 1_000_000, doc: 'steps per episode' },
  continuous_actions: { type: 'bool', default: false, doc: 'Box(0, 1, (5,)) actions instead of Discrete(5)' },
};

/**
 * simple_spread_v3: N agents must cover N landmarks. Every agent gets the same global reward (minus the
 * summed distance from each landmark to its closest agent), mixed with a local penalty of -1 per other
 * agent it collides with.
 */
export class SpreadScenario implements Scenario {
  readonly id = 'simple_spread';
  readonly envName = 'simple_spread_v3';
  readonly options;
  readonly maxCycles: number;
  readonly continuousActions: boolean;
  readonly world: World;
  readonly agentNames: string[];
  readonly obsDims: number[];
  readonly actionSpaces: Space[];
  readonly roles: Role[];
  readonly goalHolders = [];
  private readonly n: number;
  private readonly localRatio: number;

  constructor(given: Record<string, unknown> = {}) {
    this.options = resolveOptions(this.id, SPREAD_OPTIONS, given);
    const n = (this.n = this.options.N as number);
    this.localRatio = this.options.local_ratio as number;
    this.maxCycles = this.options.max_cycles as number;
    this.continuousActions = this.options.continuous_actions as boolean;
    const agents = range(n).map((i) =>
      agentSpec(`agent_${i}`, { size: 0.15, collide: true, silent: true, color: [0.35, 0.35, 0.85] }),
    );
    const landmarks = range(n).map((i) => landmarkSpec(`landmark ${i}`, { collide: false }));
    this.world = new World({ entities: [...agents, ...landmarks], dimC: 2 });
    this.agentNames = agents.map((a) => a.name);
    this.obsDims = agents.map(() => 4 + 2 * n + 4 * (n - 1));
    this.actionSpaces = agents.map((_, i) => actionSpaceFor(this.world, i, this.continuousActions));
    this.roles = [makeRole('agent', range(n), this.obsDims, this.actionSpaces)];
  }

  resetWorld(rng: NumpyRandom): void {
    drawPositions(this.world, rng, 1);
  }

  goalsChanged(): void {}

  /** Sum over landmarks of the distance to the closest agent. */
  private coverageDistances(): { sum: number; occupied: number } {
    const w = this.world;
    let sum = 0;
    let occupied = 0;
    for (let l = this.n; l < 2 * this.n; l++) {
      let best = Infinity;
      for (let a = 0; a < this.n; a++) {
        const d = w.distance(a, l);
        if (d < best) best = d;
      }
      sum += best;
      if (best < 0.1) occupied++;
    }
    return { sum, occupied };
  }

  private collisionsOf(agent: number): number {
    let count = 0;
    for (let a = 0; a < this.n; a++) if (a !== agent && this.world.colliding(a, agent)) count++;
    return count;
  }

  rewards(out: Float64Array): void {
    // global = -(d_0) - d_1 - ... in landmark order, as PettingZoo accumulates it
    const w = this.world;
    let global = 0;
    for (let l = this.n; l < 2 * this.n; l++) {
      let best = Infinity;
      for (let a = 0; a < this.n; a++) {
        const d = w.distance(a, l);
        if (d < best) best = d;
      }
      global -= best;
    }
    const ratio = this.localRatio;
    for (let i = 0; i < this.n; i++) {
      const local = -this.collisionsOf(i);
      out[i] = global * (1 - ratio) + local * ratio;
    }
  }

  observe(agent: number, out: Float32Array, offset: number): void {
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
  }

  info(agent: number): AgentInfo {
    const { sum, occupied } = this.coverageDistances();
    return { collisions: this.collisionsOf(agent), min_dists: sum, occupied_landmarks: occupied };
  }
}
