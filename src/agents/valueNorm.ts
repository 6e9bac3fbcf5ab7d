/**
 * Running normaliser of value targets (MAPPO's ValueNorm): the critic learns returns scaled to about zero
 * mean and unit variance, and its outputs are scaled back for GAE. Without it, tag predators' returns
 * grow to hundreds once they stick to the prey (+10 per contact per step, bootstrapped past the time
 * limit), and a critic clipped to 0.2 per update cannot follow them. Statistics are exponential moving
 * averages with a debiasing term, updated once per rollout.
 */
export class ValueNorm {
  mean = 0;
  meanSq = 0;
  debias = 0;

  constructor(readonly beta = 0.995) {}

  update(returns: Float32Array, n: number): void {
    let m = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      m += returns[i];
      sq += returns[i] * returns[i];
    }
    this.mean = this.beta * this.mean + (1 - this.beta) * (m / n);
    this.meanSq = this.beta * this.meanSq + (1 - this.beta) * (sq / n);
    this.debias = this.beta * this.debias + (1 - this.beta);
  }

  /** The statistics returns are scaled by (mean 0, std 1 before the first update). */
  stats(): { mean: number; std: number } {
    if (this.debias === 0) return { mean: 0, std: 1 };
    const d = Math.max(this.debias, 1e-5);
    const mean = this.mean / d;
    return { mean, std: Math.sqrt(Math.max(this.meanSq / d - mean * mean, 1e-2)) };
  }

  /** In place: returns -> the critic's scale. */
  normalize(values: Float32Array): void {
    if (this.debias === 0) return;
    const { mean, std } = this.stats();
    for (let i = 0; i < values.length; i++) values[i] = (values[i] - mean) / std;
  }

  /** In place: the critic's outputs -> returns. */
  denormalize(values: Float32Array): void {
    if (this.debias === 0) return;
    const { mean, std } = this.stats();
    for (let i = 0; i < values.length; i++) values[i] = values[i] * std + mean;
  }

  toJson(): { mean: number; meanSq: number; debias: number; beta: number } {
    return { mean: this.mean, meanSq: this.meanSq, debias: this.debias, beta: this.beta };
  }

  static fromJson(j: unknown, field: string): ValueNorm {
    const o = j as { mean: number; meanSq: number; debias: number; beta: number };
    const ok =
      o &&
      [o.mean, o.meanSq, o.debias, o.beta].every((v) => typeof v === 'number' && Number.isFinite(v)) &&
      o.beta > 0 &&
      o.beta < 1 &&
      o.debias >= 0 &&
      o.debias <= 1 &&
      // returns of any scenario are far inside these; 1e300 squares to Infinity and trains NaN
      Math.abs(o.mean) <= 1e6 &&
      o.meanSq >= 0 &&
      o.meanSq <= 1e12;
    if (!ok)
      throw new Error(
        `${field}: expected {mean, meanSq, debias, beta} with 0 < beta < 1, 0 <= debias <= 1, |mean| <= 1e6 and 0 <= meanSq <= 1e12, got ${JSON.stringify(j)?.slice(0, 120)}`,
      );
    const v = new ValueNorm(o.beta);
    v.mean = o.mean;
    v.meanSq = o.meanSq;
    v.debias = o.debias;
    return v;
  }
}
