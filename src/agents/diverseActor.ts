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

/** Below this measured diversity the parts count as identical (no scale can spread them): the last scale stays. */
const MIN_MEASURED = 1e-6;
/** Largest scale: far above what a trained team needs, and below what a checkpoint may hold (1e6). */
const MAX_SCALE = 1e4;
/** Rows the diversity is measured on (an even stride through a rollout's inputs): enough for 3 digits. */
const MEASURE_ROWS = 2048;

/**
 * A team's actor with diversity held at a set-point (the idea of DiCo, Bettini, Kortvelesy and Prorok,
 * 2024): logits = shared(obs) + scale * agent_j(obs), where j is the agent's place in its team, read from
 * the one-hot id at the end of the input row (the shared network does not see it). `scale` is
 * target / measured, the measured diversity being the team's mean pairwise distance between the per-agent
 * parts' outputs on the same observations; so the acting policies differ by `target` on the observations
 * it was last measured on. The distance between two agents' action distributions is the Euclidean distance
 * between their centred logits (Aitchison's distance between categorical distributions: it ignores a
 * constant added to every logit, as softmax does), so scaling the parts scales it exactly.
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
   * Each per-agent part's unscaled outputs on the observations of `rows` input rows (a sample of them).
   * Rows come in teams (a rollout's [step][env][member]): the sample takes whole teams, so every agent's
   * observations are in it whatever the stride.
   */
  private partOutputs(inputs: Float32Array, rows: number): { outputs: Float32Array[]; rows: number } {
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
    const outputs = tf.tidy(() => {
      const t = tf.tensor2d(obs, [n, this.obsDim]);
      return this.agents.map((h) => h.apply(t).dataSync() as Float32Array);
    });
    return { outputs, rows: n };
  }

  /** Mean pairwise distance of the per-agent parts (unscaled) on these rows' observations. */
  private partDiversity(inputs: Float32Array, rows: number): number {
    const { outputs, rows: n } = this.partOutputs(inputs, rows);
    return meanPairwiseLogitDistance(outputs, n, this.nActions);
  }

  /** The acting team's diversity (scaled parts) on these rows' observations. */
  measure(inputs: Float32Array, rows: number): number {
    return this.target > 0 ? this.scale * this.partDiversity(inputs, rows) : 0;
  }

  /** Set the scale so the team's diversity on these rows is the target. */
  calibrate(inputs: Float32Array, rows: number): void {
    if (this.target <= 0 || rows <= 0) return;
    const measured = this.partDiversity(inputs, rows);
    if (measured > MIN_MEASURED) this.scale = Math.min(MAX_SCALE, this.target / measured);
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
 * Mean over agent pairs and rows of the Euclidean distance between two agents' centred logits on the same
 * row. `outputs[j]` holds agent j's logits, `rows` x `n` row-major.
 */
export function meanPairwiseLogitDistance(outputs: readonly Float32Array[], rows: number, n: number): number {
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < outputs.length; a++) {
    for (let b = a + 1; b < outputs.length; b++) {
      let pairSum = 0;
      for (let r = 0; r < rows; r++) {
        let mean = 0;
        for (let k = 0; k < n; k++) mean += outputs[a][r * n + k] - outputs[b][r * n + k];
        mean /= n;
        let sq = 0;
        for (let k = 0; k < n; k++) sq += (outputs[a][r * n + k] - outputs[b][r * n + k] - mean) ** 2;
        pairSum += Math.sqrt(sq);
      }
      sum += pairSum / Math.max(1, rows);
      pairs++;
    }
  }
  return pairs ? sum / pairs : 0;
}
