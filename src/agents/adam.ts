/**
 * Adam with gradient-norm clipping, on plain arrays. The networks are small (about ten thousand weights),
 * so doing this in JavaScript costs microseconds, while tfjs's optimizer spends a dozen kernel calls per
 * variable per step. Same update as tf.train.adam: bias-corrected moments, epsilon outside the root.
 */
export interface AdamState {
  t: number;
  m: Float32Array[];
  v: Float32Array[];
}

export class Adam {
  t = 0;
  readonly m: Float32Array[];
  readonly v: Float32Array[];

  constructor(
    sizes: number[],
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly eps = 1e-5,
  ) {
    this.m = sizes.map((n) => new Float32Array(n));
    this.v = sizes.map((n) => new Float32Array(n));
  }

  /** L2 norm over several gradient arrays. */
  static l2Norm(grads: Float32Array[]): number {
    let sum = 0;
    for (const g of grads) for (let i = 0; i < g.length; i++) sum += g[i] * g[i];
    return Math.sqrt(sum);
  }

  /**
   * One step: `params[k] -= lr * mHat / (sqrt(vHat) + eps)`. Gradient array k is first scaled by
   * `clipScales[k]` (from gradient-norm clipping; 1 when absent).
   */
  step(params: Float32Array[], grads: Float32Array[], lr: number, clipScales?: number[]): void {
    this.t++;
    const b1 = this.beta1;
    const b2 = this.beta2;
    const c1 = 1 - b1 ** this.t;
    const c2 = 1 - b2 ** this.t;
    for (let k = 0; k < params.length; k++) {
      const p = params[k];
      const g = grads[k];
      const m = this.m[k];
      const v = this.v[k];
      const clipScale = clipScales?.[k] ?? 1;
      for (let i = 0; i < p.length; i++) {
        const gi = g[i] * clipScale;
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        p[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + this.eps);
      }
    }
  }

  getState(): AdamState {
    return { t: this.t, m: this.m.map((a) => a.slice()), v: this.v.map((a) => a.slice()) };
  }

  setState(s: AdamState): void {
    if (s.m.length !== this.m.length) throw new Error(`optimizer state has ${s.m.length} arrays, expected ${this.m.length}`);
    this.t = s.t;
    s.m.forEach((a, k) => this.m[k].set(a));
    s.v.forEach((a, k) => this.v[k].set(a));
  }
}
