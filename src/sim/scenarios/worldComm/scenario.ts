import { agentSpec, landmarkSpec } from '../../entity';
import { continuousActions, MAX_CYCLES, type OptionSchema } from '../../options';
import type { NumpyRandom } from '../../rng';
import { team, type AgentInfo } from '../../scenario';
import { World } from '../../world';
import { BaseScenario, range, writePair, writeRelative } from '../common';
import { boundPenalty } from '../tag';

export const WORLD_COMM_TITLE = 'World comm: a leader, forests and food';
export const WORLD_COMM_TEAMS = [team('leader', 'leader', 'Leader (speaks)'), team('predators', 'adversary', 'Predators'), team('prey', 'agent', 'Prey')];

export const WORLD_COMM_OPTIONS: OptionSchema = {
  num_good: { type: 'int', default: 2, min: 1, max: 32, doc: 'number of prey (good agents)', flag: 'good', label: 'Number of prey' },
  num_adversaries: {
    type: 'int',
    default: 4,
    min: 1,
    max: 32,
    doc: 'number of predators, the speaking leader included',
    flag: 'adversaries',
    label: 'Predators (the leader included)',
  },
  num_obstacles: { type: 'int', default: 1, min: 0, max: 32, doc: 'number of fixed obstacles', flag: 'obstacles', label: 'Number of obstacles' },
  num_food: {
    type: 'int',
    default: 2,
    min: 1,
    max: 32,
    doc: 'number of food items (prey are paid for touching them)',
    flag: 'food',
    label: 'Number of food items',
  },
  num_forests: {
    type: 'int',
    default: 2,
    min: 0,
    max: 32,
    doc: 'number of forests (agents inside are hidden from those outside)',
    flag: 'forests',
    label: 'Number of forests',
  },
  max_cycles: MAX_CYCLES,
  continuous_actions: continuousActions('Box(0, 1, (5,)) actions (the leader: (9,), move and message) instead of Discrete'),
};

const FOREST_SIZE = 0.3;

/**
 * simple_world_comm_v3: tag with food, obstacles and forests. Predators (a leader who speaks and sees
 * everyone, and followers) chase prey; prey are paid for food and penalised near the edge. An agent in a
 * forest is seen only by agents in the same forest (and by the leader).
 */
export class WorldCommScenario extends BaseScenario {
  readonly numGood: number;
  readonly numAdversaries: number;
  readonly numObstacles: number;
  readonly numFood: number;
  readonly numForests: number;
  /** Entity index of the first food and of the first forest. */
  readonly firstFood: number;
  readonly firstForest: number;

  constructor(given: Record<string, unknown> = {}) {
    super('simple_world_comm', 'simple_world_comm_v3', WORLD_COMM_OPTIONS, given);
    const good = (this.numGood = this.options.num_good as number);
    const adv = (this.numAdversaries = this.options.num_adversaries as number);
    const obstacles = (this.numObstacles = this.options.num_obstacles as number);
    const food = (this.numFood = this.options.num_food as number);
    const forests = (this.numForests = this.options.num_forests as number);
    const n = adv + good;
    const agents = range(n).map((i) => {
      if (i >= adv) return agentSpec(`agent_${i - adv}`, { size: 0.045, accel: 4.0, maxSpeed: 1.3, silent: true, color: [0.45, 0.95, 0.45] });
      const leader = i === 0;
      return agentSpec(leader ? 'leadadversary_0' : `adversary_${i - 1}`, {
        adversary: true,
        size: 0.075,
        accel: 3.0,
        maxSpeed: 1.0,
        silent: !leader,
        color: leader ? [0.95 - 0.3, 0.45 - 0.3, 0.45 - 0.3] : [0.95, 0.45, 0.45],
      });
    });
    const landmarks = [
      ...range(obstacles).map((i) => landmarkSpec(`landmark ${i}`, { size: 0.2, collide: true, color: [0.25, 0.25, 0.25] })),
      ...range(food).map((i) => landmarkSpec(`food ${i}`, { size: 0.03, collide: false, color: [0.15, 0.15, 0.65] })),
      ...range(forests).map((i) => landmarkSpec(`forest ${i}`, { size: FOREST_SIZE, collide: false, color: [0.6, 0.9, 0.6] })),
    ];
    this.firstFood = n + obstacles;
    this.firstForest = this.firstFood + food;
    const roles: [string, number[]][] = [
      ['leader', [0]],
      ['adversary', range(adv - 1, 1)],
      ['agent', range(good, adv)],
    ];
    this.build(
      new World({ entities: [...agents, ...landmarks], dimC: 4 }),
      roles.filter(([, a]) => a.length > 0),
    );
  }

  resetWorld(rng: NumpyRandom): void {
    const w = this.world;
    const draw = (e: number, r: number) => {
      w.pos[2 * e] = rng.uniform(-r, +r);
      w.pos[2 * e + 1] = rng.uniform(-r, +r);
    };
    for (let i = 0; i < w.numAgents; i++) draw(i, 1);
    for (let l = w.numAgents; l < w.numEntities; l++) draw(l, 0.9);
    // PettingZoo places food and forests a second time; the first draws are overwritten
    for (let l = this.firstFood; l < this.firstForest; l++) draw(l, 0.9);
    for (let l = this.firstForest; l < w.numEntities; l++) draw(l, 0.9);
    w.clearDynamics();
  }

  /** Whether agent `a` is inside forest `f` (entity index): strictly within the summed radii. */
  inForest(a: number, f: number): boolean {
    return this.world.colliding(a, f);
  }

  /** Whether observer `o` sees agent `x`: a forest holds both, or neither is in a forest, or `o` leads. */
  visible(o: number, x: number): boolean {
    let oIn = false;
    let xIn = false;
    for (let f = this.firstForest; f < this.world.numEntities; f++) {
      const a = this.inForest(o, f);
      const b = this.inForest(x, f);
      if (a && b) return true;
      oIn ||= a;
      xIn ||= b;
    }
    return (!oIn && !xIn) || o === 0;
  }

  boundaryPenalties(out: Float64Array, offset: number): void {
    const pos = this.world.pos;
    for (let i = 0; i < this.world.numAgents; i++)
      out[offset + i] = i < this.numAdversaries ? 0 : 2 * (boundPenalty(Math.abs(pos[2 * i])) + boundPenalty(Math.abs(pos[2 * i + 1])));
  }

  rewards(out: Float64Array): void {
    const w = this.world;
    const adv = this.numAdversaries;
    const n = w.numAgents;
    let contacts = 0;
    for (let g = adv; g < n; g++) for (let a = 0; a < adv; a++) if (w.colliding(g, a)) contacts++;
    for (let a = 0; a < adv; a++) {
      let nearest = Infinity;
      for (let g = adv; g < n; g++) nearest = Math.min(nearest, w.distance(g, a));
      let r = 0 - 0.1 * nearest;
      for (let k = 0; k < contacts; k++) r += 5;
      out[a] = r;
    }
    for (let g = adv; g < n; g++) {
      let r = 0;
      for (let a = 0; a < adv; a++) if (w.colliding(a, g)) r -= 5;
      r -= 2 * boundPenalty(Math.abs(w.pos[2 * g]));
      r -= 2 * boundPenalty(Math.abs(w.pos[2 * g + 1]));
      let nearestFood = Infinity;
      for (let f = this.firstFood; f < this.firstForest; f++) {
        if (w.colliding(g, f)) r += 2;
        nearestFood = Math.min(nearestFood, w.distance(f, g));
      }
      r -= 0.05 * nearestFood;
      out[g] = r;
    }
  }

  observe(agent: number, out: Float32Array, offset: number): number {
    const w = this.world;
    const adv = this.numAdversaries;
    const n = w.numAgents;
    let o = writePair(w.vel, agent, out, offset);
    o = writePair(w.pos, agent, out, o);
    for (let l = n; l < w.numEntities; l++) o = writeRelative(w, agent, l, out, o);
    const seen = range(n).map((j) => j !== agent && this.visible(agent, j));
    for (let j = 0; j < n; j++) {
      if (j === agent) continue;
      if (seen[j]) o = writeRelative(w, agent, j, out, o);
      else {
        out[o++] = 0;
        out[o++] = 0;
      }
    }
    const velocities = () => {
      for (let j = adv; j < n; j++) {
        if (j === agent) continue;
        if (seen[j]) o = writePair(w.vel, j, out, o);
        else {
          out[o++] = 0;
          out[o++] = 0;
        }
      }
    };
    const forests = () => {
      for (let f = this.firstForest; f < w.numEntities; f++) out[o++] = this.inForest(agent, f) ? 1 : -1;
    };
    if (agent < adv) {
      velocities();
      forests();
      for (let k = 0; k < w.dimC; k++) out[o++] = w.comm[k]; // the leader's message
    } else {
      forests();
      velocities();
    }
    return o;
  }

  info(agent: number): AgentInfo {
    const w = this.world;
    const adv = this.numAdversaries;
    if (agent < adv) {
      let touches = 0;
      for (let g = adv; g < w.numAgents; g++) if (w.colliding(g, agent)) touches++;
      return { touches };
    }
    let touchedBy = 0;
    for (let a = 0; a < adv; a++) if (w.colliding(a, agent)) touchedBy++;
    let food = 0;
    for (let f = this.firstFood; f < this.firstForest; f++) if (w.colliding(agent, f)) food++;
    return { touched_by: touchedBy, food };
  }
}
