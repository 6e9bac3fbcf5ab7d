import type { TagScenario } from '../../sim/scenarios/tag';
import { FastRandom } from '../../sim/fastRandom';
import { angleBetween, insideHull, largestGap, type Point } from './geometry';
import { mutualInformationBits } from './information';

/**
 * Where a predator is relative to the prey's heading: behind it (within 60° of straight behind: a chaser),
 * ahead of it (within 60° of straight ahead: a cutter, closing the escape), or to a side (a flanker).
 */
export type ApproachRole = 'chaser' | 'flanker' | 'cutter';
export const APPROACH_ROLES: readonly ApproachRole[] = ['chaser', 'flanker', 'cutter'];
/** One colour per role, shared by the page's role panel and the CLI's plots. */
export const ROLE_COLOURS: Record<ApproachRole, string> = { chaser: '#e0685c', flanker: '#e8b04a', cutter: '#5c9be0' };
/** Bins of the approach-angle histogram: 0° (straight ahead of the prey) to 180° (straight behind), 30° each. */
export const APPROACH_ANGLE_BINS = 6;

/** Below this speed the prey has no heading and no step is labelled. */
export const MIN_PREY_SPEED = 0.05;

/** Degrees between the prey's heading and the direction to the predator; null while the prey has no heading. */
export function approachAngle(preyVel: Point, preyPos: Point, predatorPos: Point): number | null {
  if (Math.hypot(preyVel[0], preyVel[1]) < MIN_PREY_SPEED) return null;
  return angleBetween(preyVel[0], preyVel[1], predatorPos[0] - preyPos[0], predatorPos[1] - preyPos[1]);
}

/** The role of an approach angle (degrees from the prey's heading). */
export function roleOfAngle(degrees: number): ApproachRole {
  if (degrees >= 120) return 'chaser';
  if (degrees <= 60) return 'cutter';
  return 'flanker';
}

export function approachRole(preyVel: Point, preyPos: Point, predatorPos: Point): ApproachRole | null {
  const a = approachAngle(preyVel, preyPos, predatorPos);
  return a === null ? null : roleOfAngle(a);
}

export interface PredatorRoleStats {
  predator: string;
  /** Share of steps in which it was the predator nearest the prey. */
  nearestShare: number;
  /** Share of labelled steps in each approach role. */
  roles: Record<ApproachRole, number>;
  /** Share of labelled steps per 30° bin of the approach angle (0-30° ahead of the prey ... 150-180° behind). */
  approachAngles: number[];
  /** Mean distance to the prey. */
  meanDistance: number;
}

/** A per-moment measure and its time-shuffled control (each predator's own moments, dealt in another order). */
export interface AgainstChance {
  observed: number;
  /** The same measure once each predator's positions around the prey are shuffled in time, independently. */
  shuffled: number;
}

/**
 * Measures of the pack at each moment, which mean something even when roles rotate among identical
 * predators. The shuffled control keeps every predator's own distribution of places around the prey and
 * breaks only their timing against each other: an observed value above it is coordination, not chance.
 */
export interface CoordinationReport {
  /** Share of labelled steps where the predators hold at least two different roles, one a cutter or flanker. */
  dividedWork: AgainstChance;
  /** Share of steps with the prey inside the predators' hull. */
  encirclement: AgainstChance;
  /** Mean largest angular gap around the prey, degrees (lower: surrounded). */
  meanLargestGap: AgainstChance;
}

export interface TagRoleReport {
  steps: number;
  predators: PredatorRoleStats[];
  /** Share of steps with the prey strictly inside the predators' convex hull. */
  encirclement: number;
  /** Mean largest angular gap between predators as seen from the prey, degrees (120 = evenly around it). */
  meanLargestGap: number;
  /** Mutual information between predator identity and approach role, bits (0 = no specialisation). */
  specialisationBits: number;
  /** Share of episodes with at least one touch. */
  captureRate: number;
  coordination: CoordinationReport;
}

/** How many shuffles the control averages (each a fresh permutation per predator). */
const SHUFFLES = 4;

/** Whether these roles divide the work: at least two different ones, one of them a cutter or flanker. */
export function dividesWork(roles: readonly ApproachRole[]): boolean {
  return new Set(roles).size >= 2 && roles.some((r) => r !== 'chaser');
}

/**
 * The per-moment measures of predators at `offsets` around the prey (x along the prey's heading when
 * `labelled`): roles, whether the prey is inside their hull, the largest gap. Offsets of one moment
 * are [x0, y0, x1, y1, ...].
 */
function momentMeasures(offsets: ArrayLike<number>, count: number, labelled: boolean): { divided: boolean; inside: boolean; gap: number } {
  const pts: Point[] = [];
  for (let a = 0; a < count; a++) pts.push([offsets[2 * a], offsets[2 * a + 1]]);
  const origin: Point = [0, 0];
  const divided = labelled && dividesWork(pts.map((p) => roleOfAngle(angleBetween(1, 0, p[0], p[1]))));
  return { divided, inside: insideHull(pts, origin), gap: largestGap(origin, pts) };
}

/** Accumulates the tag role metrics of the first prey, step by step, over whole episodes. */
export class TagRoleTracker {
  private steps = 0;
  private nearest: number[];
  private roleCounts: number[][];
  private angleCounts: number[][];
  private distSum: number[];
  private encircled = 0;
  private gapSum = 0;
  private episodes = 0;
  private captured = 0;
  private touchedThisEpisode = false;
  /** Every step's predator offsets from the prey in the prey's heading frame (the world's when it has none). */
  private offsets: number[] = [];
  private labelled: boolean[] = [];

  /** `momentWindow`: the per-moment measures look at the last this many steps (the page's live panel). */
  constructor(
    private readonly names: readonly string[],
    private readonly momentWindow = Infinity,
  ) {
    this.nearest = names.map(() => 0);
    this.roleCounts = names.map(() => APPROACH_ROLES.map(() => 0));
    this.angleCounts = names.map(() => new Array<number>(APPROACH_ANGLE_BINS).fill(0));
    this.distSum = names.map(() => 0);
  }

  observe(sc: TagScenario): void {
    const w = sc.world;
    const prey = sc.numAdversaries;
    const pp: Point = [w.pos[2 * prey], w.pos[2 * prey + 1]];
    const pv: Point = [w.vel[2 * prey], w.vel[2 * prey + 1]];
    const preds: Point[] = [];
    let best = 0;
    let bestD = Infinity;
    for (let a = 0; a < sc.numAdversaries; a++) {
      const p: Point = [w.pos[2 * a], w.pos[2 * a + 1]];
      preds.push(p);
      const d = Math.hypot(p[0] - pp[0], p[1] - pp[1]);
      this.distSum[a] += d;
      if (d < bestD) {
        bestD = d;
        best = a;
      }
      const angle = approachAngle(pv, pp, p);
      if (angle !== null) {
        this.roleCounts[a][APPROACH_ROLES.indexOf(roleOfAngle(angle))]++;
        this.angleCounts[a][Math.min(APPROACH_ANGLE_BINS - 1, Math.floor(angle / (180 / APPROACH_ANGLE_BINS)))]++;
      }
    }
    this.nearest[best]++;
    this.recordMoment(preds, pp, pv);
    if (insideHull(preds, pp)) this.encircled++;
    this.gapSum += largestGap(pp, preds);
    if (sc.touchesOn(prey) > 0) this.touchedThisEpisode = true;
    this.steps++;
  }

  /** Keeps this moment's offsets in the prey's heading frame. */
  private recordMoment(preds: readonly Point[], pp: Point, pv: Point): void {
    const speed = Math.hypot(pv[0], pv[1]);
    const labelled = speed >= MIN_PREY_SPEED;
    const [c, s] = labelled ? [pv[0] / speed, pv[1] / speed] : [1, 0];
    for (const p of preds) {
      const dx = p[0] - pp[0];
      const dy = p[1] - pp[1];
      this.offsets.push(dx * c + dy * s, -dx * s + dy * c);
    }
    this.labelled.push(labelled);
    if (this.labelled.length > 1.5 * this.momentWindow) {
      const drop = this.labelled.length - this.momentWindow;
      this.labelled.splice(0, drop);
      this.offsets.splice(0, 2 * preds.length * drop);
    }
  }

  /** The per-moment measures over the recorded steps, and over the same steps with each predator's offsets shuffled in time. */
  private coordination(): CoordinationReport {
    // the last `momentWindow` steps (the stored ones reach up to half a window further back)
    const first = Math.max(0, this.labelled.length - this.momentWindow);
    const n = this.labelled.length - first;
    const count = this.names.length;
    const labelledSteps = Math.max(1, this.labelled.slice(first).filter(Boolean).length);
    const measure = (offsetOf: (t: number, a: number) => number) => {
      let divided = 0;
      let inside = 0;
      let gap = 0;
      const moment = new Float64Array(2 * count);
      for (let t = 0; t < n; t++) {
        for (let a = 0; a < count; a++) {
          const from = offsetOf(t, a);
          moment[2 * a] = this.offsets[from];
          moment[2 * a + 1] = this.offsets[from + 1];
        }
        const m = momentMeasures(moment, count, this.labelled[first + t]);
        if (m.divided) divided++;
        if (m.inside) inside++;
        gap += m.gap;
      }
      return { divided: divided / labelledSteps, inside: inside / Math.max(1, n), gap: gap / Math.max(1, n) };
    };
    const observed = measure((t, a) => 2 * ((first + t) * count + a));
    // each predator's moments dealt in its own random order; a labelled step keeps a labelled step's frame
    const rng = new FastRandom(2024);
    const window = this.labelled.slice(first);
    const labelledAt = window.flatMap((l, t) => (l ? [t] : []));
    const otherAt = window.flatMap((l, t) => (l ? [] : [t]));
    const shuffled = { divided: 0, inside: 0, gap: 0 };
    for (let k = 0; k < SHUFFLES; k++) {
      const perms = this.names.map(() => {
        const order = new Int32Array(n);
        for (const pool of [labelledAt, otherAt]) {
          const dealt = pool.slice();
          for (let i = dealt.length - 1; i > 0; i--) {
            const j = rng.int(i + 1);
            [dealt[i], dealt[j]] = [dealt[j], dealt[i]];
          }
          pool.forEach((t, i) => (order[t] = dealt[i]));
        }
        return order;
      });
      const m = measure((t, a) => 2 * ((first + perms[a][t]) * count + a));
      shuffled.divided += m.divided / SHUFFLES;
      shuffled.inside += m.inside / SHUFFLES;
      shuffled.gap += m.gap / SHUFFLES;
    }
    return {
      dividedWork: { observed: observed.divided, shuffled: shuffled.divided },
      encirclement: { observed: observed.inside, shuffled: shuffled.inside },
      meanLargestGap: { observed: observed.gap, shuffled: shuffled.gap },
    };
  }

  endEpisode(): void {
    this.episodes++;
    if (this.touchedThisEpisode) this.captured++;
    this.touchedThisEpisode = false;
  }

  report(): TagRoleReport {
    const n = Math.max(1, this.steps);
    return {
      steps: this.steps,
      predators: this.names.map((predator, a) => {
        const labelled = Math.max(
          1,
          this.roleCounts[a].reduce((x, y) => x + y, 0),
        );
        return {
          predator,
          nearestShare: this.nearest[a] / n,
          roles: Object.fromEntries(APPROACH_ROLES.map((r, k) => [r, this.roleCounts[a][k] / labelled])) as Record<ApproachRole, number>,
          approachAngles: this.angleCounts[a].map((c) => c / labelled),
          meanDistance: this.distSum[a] / n,
        };
      }),
      encirclement: this.encircled / n,
      meanLargestGap: this.gapSum / n,
      specialisationBits: mutualInformationBits(this.roleCounts),
      captureRate: this.captured / Math.max(1, this.episodes),
      coordination: this.coordination(),
    };
  }
}
