import type { TagScenario } from '../../sim/scenarios/tag';
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

  constructor(private readonly names: readonly string[]) {
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
    if (insideHull(preds, pp)) this.encircled++;
    this.gapSum += largestGap(pp, preds);
    if (sc.touchesOn(prey) > 0) this.touchedThisEpisode = true;
    this.steps++;
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
    };
  }
}
