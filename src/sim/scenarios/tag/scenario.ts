import { ArenaInputError } from '../../errors';
import { agentSpec, landmarkSpec } from '../../entity';
import { continuousActions, MAX_CYCLES, type OptionSchema } from '../../options';
import type { NumpyRandom } from '../../rng';
import type { EpisodeMeasure } from '../../episodeMeasures';
import { team, type AgentInfo, type Scenario } from '../../scenario';
import { World } from '../../world';
import { BaseScenario, drawPositions, range, writePair, writeRelative } from '../common';

export const TAG_TITLE = 'Tag: predators chase prey';
export const TAG_TEAMS = [team('predators', 'adversary', 'Predators'), team('prey', 'good', 'Prey')];
/** Share of this step's predators beyond 1.2 in |x| or |y| (off the arena). */
function predatorsOut(sc: Scenario): number {
  const w = sc.world;
  let out = 0;
  let count = 0;
  for (let i = 0; i < w.numAgents; i++) {
    if (!w.entities[i].adversary) continue;
    count++;
    if (Math.abs(w.pos[2 * i]) > 1.2 || Math.abs(w.pos[2 * i + 1]) > 1.2) out++;
  }
  return out / Math.max(1, count);
}
/** This step's boundary penalty of every prey (what PettingZoo subtracts from their reward). */
function preyBoundary(sc: Scenario): number {
  const each = new Float64Array(sc.world.numAgents);
  sc.boundaryPenalties(each, 0);
  return each.reduce((a, b) => a + b, 0);
}
const touches = (infos: readonly AgentInfo[]) => infos.reduce((a, i) => a + (i.touches ?? 0), 0);
/** How a tag episode went: (predator, prey) contacts, whether any happened, predators off the arena, the prey's boundary penalty. */
export const TAG_MEASURES: EpisodeMeasure[] = [
  { name: 'touchesPerEpisode', label: 'touches', summary: 'touches per episode', over: 'sum', unit: 'count', value: (_sc, infos) => touches(infos) },
  {
    name: 'captureRate',
    label: 'captured',
    summary: 'episodes with a capture',
    over: 'any',
    unit: 'count',
    live: false,
    value: (_sc, infos) => touches(infos),
  },
  { name: 'predatorsOutShare', label: 'predators off the arena', summary: 'predator steps off the arena', over: 'mean', unit: 'share', value: predatorsOut },
  {
    name: 'preyBoundaryPenalty',
    label: 'prey boundary penalty',
    summary: 'prey boundary penalty per episode',
    over: 'sum',
    unit: 'count',
    value: preyBoundary,
  },
];

export const TAG_OPTIONS: OptionSchema = {
  num_good: { type: 'int', default: 1, min: 1, max: 32, doc: 'number of prey (good agents)', flag: 'good', label: 'Number of prey' },
  num_adversaries: { type: 'int', default: 3, min: 1, max: 32, doc: 'number of predators (adversaries)', flag: 'adversaries', label: 'Number of predators' },
  num_obstacles: { type: 'int', default: 2, min: 0, max: 32, doc: 'number of fixed obstacles', flag: 'obstacles', label: 'Number of obstacles' },
  max_cycles: MAX_CYCLES,
  continuous_actions: continuousActions('Box(0, 1, (5,)) actions instead of Discrete(5)'),
  walls: {
    type: 'bool',
    default: false,
    extension: true,
    flag: 'walls',
    doc: "not in PettingZoo: solid walls at |x|, |y| = 1 keep every agent in the arena (the game's play rounds)",
  },
};

/** Where the walls stand when the `walls` option is on: the arena agents are drawn in, U(-1, 1). */
export const TAG_WALL_HALF_WIDTH = 1;

/** Penalty for a prey coordinate `|x|` near or past the arena edge (0 inside 0.9, then linear, then exp). */
export function boundPenalty(x: number): number {
  if (x < 0.9) return 0;
  if (x < 1.0) return (x - 0.9) * 10;
  return Math.min(Math.exp(2 * x - 2), 10);
}

/**
 * simple_tag_v3: slower predators (adversaries) chase faster prey around obstacles. Every predator gets
 * +10 per (prey, predator) contact anywhere; a prey gets -10 per predator touching it, minus a penalty
 * for leaving the arena.
 */
const PREY_ACCEL = 4.0;
const PREY_MAX_SPEED = 1.3;

export class TagScenario extends BaseScenario {
  readonly numGood: number;
  readonly numAdversaries: number;
  readonly numObstacles: number;

  constructor(given: Record<string, unknown> = {}) {
    super('simple_tag', 'simple_tag_v3', TAG_OPTIONS, given);
    const good = (this.numGood = this.options.num_good as number);
    const adv = (this.numAdversaries = this.options.num_adversaries as number);
    const obstacles = (this.numObstacles = this.options.num_obstacles as number);
    const agents = range(adv + good).map((i) => {
      const isAdv = i < adv;
      return agentSpec(isAdv ? `adversary_${i}` : `agent_${i - adv}`, {
        adversary: isAdv,
        collide: true,
        silent: true,
        size: isAdv ? 0.075 : 0.05,
        accel: isAdv ? 3.0 : PREY_ACCEL,
        maxSpeed: isAdv ? 1.0 : PREY_MAX_SPEED,
        color: isAdv ? [0.85, 0.35, 0.35] : [0.35, 0.85, 0.35],
      });
    });
    const landmarks = range(obstacles).map((i) => landmarkSpec(`landmark ${i}`, { collide: true, size: 0.2 }));
    const world = new World({ entities: [...agents, ...landmarks], dimC: 2 });
    if (this.options.walls === true) world.setWalls(TAG_WALL_HALF_WIDTH);
    this.build(world, [
      ['adversary', range(adv)],
      ['good', range(good, adv)],
    ]);
  }

  resetWorld(rng: NumpyRandom): void {
    drawPositions(this.world, rng, 0.9);
  }

  /** Number of predators touching prey `good` (MPE collision rule). */
  touchesOn(good: number): number {
    let count = 0;
    for (let a = 0; a < this.numAdversaries; a++) if (this.world.colliding(good, a)) count++;
    return count;
  }

  /** Number of prey touched by predator `adv`. */
  touchesBy(adv: number): number {
    let count = 0;
    for (let g = this.numAdversaries; g < this.numAdversaries + this.numGood; g++) {
      if (this.world.colliding(g, adv)) count++;
    }
    return count;
  }

  rewards(out: Float64Array): void {
    const adv = this.numAdversaries;
    const total = adv + this.numGood;
    let contacts = 0;
    for (let g = adv; g < total; g++) contacts += this.touchesOn(g);
    const advReward = 10 * contacts;
    for (let a = 0; a < adv; a++) out[a] = advReward;
    const pos = this.world.pos;
    for (let g = adv; g < total; g++) {
      let rew = 0;
      for (let a = 0; a < adv; a++) if (this.world.colliding(a, g)) rew -= 10;
      rew -= boundPenalty(Math.abs(pos[2 * g]));
      rew -= boundPenalty(Math.abs(pos[2 * g + 1]));
      out[g] = rew;
    }
  }

  observe(agent: number, out: Float32Array, offset: number): number {
    const w = this.world;
    const total = this.numAdversaries + this.numGood;
    let o = writePair(w.vel, agent, out, offset);
    o = writePair(w.pos, agent, out, o);
    for (let l = total; l < total + this.numObstacles; l++) o = writeRelative(w, agent, l, out, o);
    for (let j = 0; j < total; j++) if (j !== agent) o = writeRelative(w, agent, j, out, o);
    for (let j = this.numAdversaries; j < total; j++) if (j !== agent) o = writePair(w.vel, j, out, o);
    return o;
  }

  /**
   * Predators: minus the distance to the nearest prey (closing in is paid at once). Prey: the distance to
   * the nearest predator, up to 1 (beyond that, being farther away is worth nothing more).
   */
  boundaryPenalties(out: Float64Array, offset: number): void {
    const pos = this.world.pos;
    for (let i = 0; i < this.world.numAgents; i++)
      out[offset + i] = i < this.numAdversaries ? 0 : boundPenalty(Math.abs(pos[2 * i])) + boundPenalty(Math.abs(pos[2 * i + 1]));
  }

  /** Curriculum: the prey accelerate and run at `fraction` of their PettingZoo limits (4.0 and 1.3). */
  setTrainingDifficulty(fraction: number): void {
    if (!(fraction > 0 && fraction <= 1)) throw new ArenaInputError('trainingDifficulty', fraction, 'a number in (0, 1]');
    for (let i = this.numAdversaries; i < this.world.numAgents; i++) this.world.setAgentLimits(i, PREY_ACCEL * fraction, PREY_MAX_SPEED * fraction);
  }

  private surroundWeight = 0;

  setSurroundWeight(weight: number): void {
    if (!(weight >= 0 && Number.isFinite(weight))) throw new ArenaInputError('surround', weight, 'a finite number >= 0');
    this.surroundWeight = weight;
  }

  shapingPotentials(out: Float64Array, offset: number): void {
    const adv = this.numAdversaries;
    const surround = this.surroundWeight > 0 && adv > 1 && this.numGood > 0 ? this.surroundWeight * this.surrounded() : 0;
    for (let agent = 0; agent < adv + this.numGood; agent++) {
      const [from, to] = agent < adv ? [adv, adv + this.numGood] : [0, adv];
      let nearest = Infinity;
      for (let j = from; j < to; j++) nearest = Math.min(nearest, this.world.distance(agent, j));
      out[offset + agent] = agent < adv ? surround - nearest : Math.min(nearest, 1);
    }
  }

  /**
   * How well the predators surround the first prey: 1 - (largest angular gap between them, seen from the
   * prey) / 360°, so 0 when they all come from one side and 2/3 when evenly around it. A team term: every
   * predator's potential gets the same share, so one predator's move to the open side pays all of them.
   */
  private surrounded(): number {
    const pos = this.world.pos;
    const prey = this.numAdversaries;
    const angles: number[] = [];
    for (let a = 0; a < prey; a++) angles.push(Math.atan2(pos[2 * a + 1] - pos[2 * prey + 1], pos[2 * a] - pos[2 * prey]));
    angles.sort((x, y) => x - y);
    let gap = 2 * Math.PI - (angles[angles.length - 1] - angles[0]);
    for (let i = 1; i < angles.length; i++) gap = Math.max(gap, angles[i] - angles[i - 1]);
    return 1 - gap / (2 * Math.PI);
  }

  info(agent: number): AgentInfo {
    if (agent < this.numAdversaries) return { touches: this.touchesBy(agent) };
    return { touched_by: this.touchesOn(agent) };
  }
}
