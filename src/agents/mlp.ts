import { FastRandom } from '../sim/fastRandom';
import { dense, type Activation } from './dense';
import { tf } from './tf';

/** Weights of one dense layer as plain arrays: `w` is [inputs, outputs] row-major. */
export interface DenseWeights {
  w: Float32Array;
  b: Float32Array;
  inputs: number;
  outputs: number;
}

function normal(rng: FastRandom): number {
  // Box-Muller; 1 - u keeps the log finite
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Orthogonal matrix [rows, cols] times `gain` (Saxe et al.), from a seeded generator: the same seed gives
 * the same network, in Node and in the browser.
 */
export function orthogonal(rows: number, cols: number, gain: number, rng: FastRandom): Float32Array {
  const n = Math.max(rows, cols);
  const k = Math.min(rows, cols);
  // k orthonormal vectors of length n by Gram-Schmidt on Gaussian vectors
  const q: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const v = Float64Array.from({ length: n }, () => normal(rng));
    for (let pass = 0; pass < 2; pass++) {
      for (const u of q) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += u[i] * v[i];
        for (let i = 0; i < n; i++) v[i] -= dot * u[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) v[i] /= norm;
    q.push(v);
  }
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[r * cols + c] = gain * (rows >= cols ? q[c][r] : q[r][c]);
  }
  return out;
}

/** tfjs variable names are global: each network gets its own suffix so several can live side by side. */
let networkCount = 0;

/** An MLP with `activation` on the hidden layers and a linear last layer. */
export class Mlp {
  readonly sizes: number[];
  readonly activation: Exclude<Activation, 'linear'>;
  readonly w: tf.Variable[] = [];
  readonly b: tf.Variable[] = [];

  /** `gains[i]` scales layer i's orthogonal init (CleanRL: √2 hidden, 0.01 policy head, 1 value head). */
  constructor(sizes: number[], gains: number[], rng: FastRandom, name: string, activation: Exclude<Activation, 'linear'> = 'relu') {
    this.sizes = sizes;
    this.activation = activation;
    const unique = `${name}#${++networkCount}`;
    for (let i = 0; i + 1 < sizes.length; i++) {
      this.w.push(tf.variable(tf.tensor2d(orthogonal(sizes[i], sizes[i + 1], gains[i], rng), [sizes[i], sizes[i + 1]]), true, `${unique}/w${i}`));
      this.b.push(tf.variable(tf.zeros([sizes[i + 1]]), true, `${unique}/b${i}`));
    }
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    let h = x;
    for (let i = 0; i < this.w.length; i++) h = dense(h, this.w[i], this.b[i], i + 1 < this.w.length ? this.activation : 'linear');
    return h;
  }

  variables(): tf.Variable[] {
    return this.w.flatMap((w, i) => [w, this.b[i]]);
  }

  getWeights(): DenseWeights[] {
    return this.w.map((w, i) => ({
      w: w.dataSync() as Float32Array,
      b: this.b[i].dataSync() as Float32Array,
      inputs: this.sizes[i],
      outputs: this.sizes[i + 1],
    }));
  }

  setWeights(layers: DenseWeights[]): void {
    if (layers.length !== this.w.length) throw new Error(`expected ${this.w.length} layers, got ${layers.length}`);
    layers.forEach((l, i) => {
      if (l.inputs !== this.sizes[i] || l.outputs !== this.sizes[i + 1]) {
        throw new Error(`layer ${i} is ${l.inputs}x${l.outputs}, the network needs ${this.sizes[i]}x${this.sizes[i + 1]}`);
      }
      tf.tidy(() => {
        this.w[i].assign(tf.tensor2d(l.w, [l.inputs, l.outputs]));
        this.b[i].assign(tf.tensor1d(l.b));
      });
    });
  }

  dispose(): void {
    this.variables().forEach((v) => v.dispose());
  }
}
