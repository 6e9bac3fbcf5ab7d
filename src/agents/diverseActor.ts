import { FastRandom } from '../sim/fastRandom';
import type { Activation } from './dense';
import { Mlp, type DenseWeights } from './mlp';
import { tf } from './tf';

/** What a policy's actor is: a plain MLP, or a shared MLP plus per-agent parts (`DiverseActor`). */
export interface Actor {
  readonly activation: Exclude<Activation, 'linear'>;
  apply(x: tf.Tensor2D): tf.Tensor2D;
  variables(): tf.Variable[];
  dispose(): void;
}

/** Largest scale: far above what a trained team needs, and below what a checkpoint may hold (1e6). */
const MAX_SCALE = 1e4;
/** Rows the diversity is measured on (an even stride through a rollout's inputs): enough for 3 digits. */
const MEASURE_ROWS = 2048;

/**
 * A team's actor with diversity held at a set-point (the idea of DiCo, Bettini, Kortvelesy and Prorok,
 * 2024): logits = shared(obs) + scale * agent_j(obs), where j is the agent's place in its team, read from
 * the one-hot id at the end of the input row (the shared network does not see it). The scale is chosen so
 * that the team's behavioural diversity (the mean total variation between two agents' action
 * distributions on the same observation, `teamDiversity`) equals the target on the observations it was
 * last measured on. DiCo scales by target / measured because a Gaussian policy's distance is linear in
 * the scale; for discrete actions it is not (parts that differ only on actions the shared network never
 * takes change nothing), so the scale is found by bisection on the behaviour itself.
 */
export class DiverseActor implements Actor {
  readonly shared: Mlp;
  readonly agents: Mlp[];
  readonly activation: Exclude<Activation, 'linear'>;
  /** Scale of the per-agent parts: constant within a rollout and its update, so PPO's ratio starts at 1. */
  scale = 1;

  constructor(
    readonly obsDim: number,
    readonly count: number,
    readonly hidden: number,
    readonly nActions: number,
    readonly target: number,
    activation: Exclude<Activation, 'linear'>,
    initRng: FastRandom,
    name: string,
  ) {
    this.activation = activation;
    const sizes = [obsDim, hidden, hidden, nActions];
    const gains = [Math.SQRT2, Math.SQRT2, 0.01];
    this.shared = new Mlp(sizes, gains, initRng, `${name}/shared`, activation);
    this.agents = Array.from({ length: count }, (_, j) => new Mlp(sizes, gains, initRng, `${name}/agent${j}`, activation));
    // a first scale from standard-normal inputs (its own generator: the run's other draws stay as they were)
    const rng = new FastRandom(7919 + count);
    const probe = new Float32Array(256 * this.inDim);
    for (let r = 0; r < 256; r++)
      for (let k = 0; k < obsDim; k++) probe[r * this.inDim + k] = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    this.calibrate(probe, 256);
  }

  /** Input row width: the observation then the one-hot id. */
  get inDim(): number {
    return this.obsDim + this.count;
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    const rows = x.shape[0];
    const obs = tf.slice(x, [0, 0], [rows, this.obsDim]);
    let out = this.shared.apply(obs);
    if (this.target > 0) {
      const parts = this.agents.map((h, j) => tf.mul(h.apply(obs), tf.slice(x, [0, this.obsDim + j], [rows, 1])));
      out = tf.add(out, tf.mul(tf.addN(parts), this.scale));
    }
    return out;
  }

  variables(): tf.Variable[] {
    return [...this.shared.variables(), ...this.agents.flatMap((h) => h.variables())];
  }

  /**
   * The shared network's and each per-agent part's (unscaled) outputs on the observations of a sample
   * of `rows` input rows. Rows come in teams (a rollout's [step][env][member]): the sample takes whole
   * teams, so every agent's observations are in it whatever the stride.
   */
  private sampleOutputs(inputs: Float32Array, rows: number): { shared: Float32Array; parts: Float32Array[]; rows: number } {
    const teams = Math.floor(rows / this.count);
    const stride = Math.max(1, Math.floor((teams * this.count) / MEASURE_ROWS));
    const picked = Math.ceil(teams / stride);
    const n = picked * this.count;
    const obs = new Float32Array(n * this.obsDim);
    for (let t = 0; t < picked; t++) {
      for (let j = 0; j < this.count; j++) {
        const from = (t * stride * this.count + j) * this.inDim;
        obs.set(inputs.subarray(from, from + this.obsDim), (t * this.count + j) * this.obsDim);
      }
    }
    return tf.tidy(() => {
      const t = tf.tensor2d(obs, [n, this.obsDim]);
      return {
        shared: this.shared.apply(t).dataSync() as Float32Array,
        parts: this.agents.map((h) => h.apply(t).dataSync() as Float32Array),
        rows: n,
      };
    });
  }

  /** The acting team's diversity on these rows' observations, at the current scale. */
  measure(inputs: Float32Array, rows: number): number {
    if (this.target <= 0 || rows < this.count) return 0;
    const out = this.sampleOutputs(inputs, rows);
    return teamDiversity(out.shared, out.parts, out.rows, this.nActions, this.scale);
  }

  /**
   * Set the scale so the team's diversity on these rows is the target: a bisection on the scale (the
   * diversity grows with it from 0), to 0.1% of the target. A target the parts cannot reach (they all
   * agree) leaves the largest scale tried.
   */
  calibrate(inputs: Float32Array, rows: number): void {
    if (this.target <= 0 || rows < this.count) return;
    const out = this.sampleOutputs(inputs, rows);
    const at = (scale: number) => teamDiversity(out.shared, out.parts, out.rows, this.nActions, scale);
    let lo = 0;
    let hi = Math.max(this.scale, 1e-3);
    while (at(hi) < this.target && hi < MAX_SCALE) {
      lo = hi;
      hi = Math.min(MAX_SCALE, hi * 4);
    }
    if (at(hi) < this.target) {
      this.scale = hi;
      return;
    }
    for (let i = 0; i < 60 && hi - lo > 1e-3 * hi; i++) {
      const mid = (lo + hi) / 2;
      if (at(mid) < this.target) lo = mid;
      else hi = mid;
    }
    this.scale = (lo + hi) / 2;
  }

  getWeights(): DenseWeights[] {
    return this.shared.getWeights();
  }

  agentWeights(): DenseWeights[][] {
    return this.agents.map((h) => h.getWeights());
  }

  setWeights(shared: DenseWeights[], agents?: DenseWeights[][]): void {
    this.shared.setWeights(shared);
    agents?.forEach((layers, j) => this.agents[j].setWeights(layers));
  }

  dispose(): void {
    this.shared.dispose();
    this.agents.forEach((h) => h.dispose());
  }
}

/**
 * A team's behavioural diversity: the mean, over agent pairs and rows, of the total variation distance
 * between two agents' action distributions on the same row (0: they act alike; 1: never the same action),
 * agent j's logits being shared + scale * parts[j]. Arrays are `rows` x `n` row-major.
 */
export function teamDiversity(shared: Float32Array, parts: readonly Float32Array[], rows: number, n: number, scale: number): number {
  const count = parts.length;
  const probs = parts.map(() => new Float64Array(n));
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < count; j++) {
      const p = probs[j];
      let max = -Infinity;
      for (let k = 0; k < n; k++) max = Math.max(max, (p[k] = shared[r * n + k] + scale * parts[j][r * n + k]));
      let z = 0;
      for (let k = 0; k < n; k++) z += p[k] = Math.exp(p[k] - max);
      for (let k = 0; k < n; k++) p[k] /= z;
    }
    for (let a = 0; a < count; a++) {
      for (let b = a + 1; b < count; b++) {
        let tv = 0;
        for (let k = 0; k < n; k++) tv += Math.abs(probs[a][k] - probs[b][k]);
        sum += tv / 2;
      }
    }
  }
  const pairs = (count * (count - 1)) / 2;
  return pairs && rows ? sum / (pairs * rows) : 0;
}
