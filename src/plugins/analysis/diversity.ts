/**
 * Behavioural diversity of a team, in the spirit of System Neural Diversity (Bettini et al., 2023): how
 * differently the agents' policies act on the same observations. For discrete actions the distance between
 * two policies on an observation is the total variation distance between their action distributions (0:
 * identical, 1: disjoint); a pair's distance is its mean over the observations the team visited (every
 * member's, so each policy is also asked about situations its partner was in), and the team's index is the
 * mean over pairs. A shared policy without agent-id inputs scores exactly 0.
 */

export interface DiversityReport {
  /** Mean pairwise distance, 0 to 1. */
  index: number;
  /**
   * Mean pairwise Aitchison distance (between centred log-probabilities, i.e. centred logits): the
   * quantity `arena train --diversity` holds at its set-point.
   */
  logitIndex: number;
  pairs: { a: string; b: string; distance: number; logitDistance: number }[];
  /** Observations the policies were compared on. */
  observations: number;
}

/** `probe(agent, obs)`: agent's action distribution on an observation. */
export type PolicyProbe = (agent: number, obs: Float32Array) => Float32Array;

export function totalVariation(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += Math.abs(p[i] - q[i]);
  return sum / 2;
}

/** Euclidean distance between the centred logs of two distributions (probabilities floored at 1e-30). */
export function aitchisonDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const n = p.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += Math.log(Math.max(p[i], 1e-30)) - Math.log(Math.max(q[i], 1e-30));
  mean /= n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (Math.log(Math.max(p[i], 1e-30)) - Math.log(Math.max(q[i], 1e-30)) - mean) ** 2;
  return Math.sqrt(sq);
}

export class DiversityTracker {
  private readonly sums: number[][];
  private readonly logitSums: number[][];
  private count = 0;

  constructor(
    private readonly names: readonly string[],
    private readonly probe: PolicyProbe,
  ) {
    this.sums = names.map(() => names.map(() => 0));
    this.logitSums = names.map(() => names.map(() => 0));
  }

  /** Compare every pair of policies on each of these observations. */
  observe(observations: readonly Float32Array[]): void {
    for (const obs of observations) {
      const dists = this.names.map((_, a) => this.probe(a, obs));
      for (let a = 0; a < dists.length; a++) {
        for (let b = a + 1; b < dists.length; b++) {
          this.sums[a][b] += totalVariation(dists[a], dists[b]);
          this.logitSums[a][b] += aitchisonDistance(dists[a], dists[b]);
        }
      }
      this.count++;
    }
  }

  report(): DiversityReport {
    const pairs: DiversityReport['pairs'] = [];
    const n = Math.max(1, this.count);
    for (let a = 0; a < this.names.length; a++)
      for (let b = a + 1; b < this.names.length; b++)
        pairs.push({ a: this.names[a], b: this.names[b], distance: this.sums[a][b] / n, logitDistance: this.logitSums[a][b] / n });
    const mean = (k: 'distance' | 'logitDistance') => (pairs.length ? pairs.reduce((s, p) => s + p[k], 0) / pairs.length : 0);
    return { index: mean('distance'), logitIndex: mean('logitDistance'), pairs, observations: this.count };
  }
}
