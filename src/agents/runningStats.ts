/** Running statistics as the checkpoint format stores them. */
export interface NormJson {
  mean: number[];
  var: number[];
  count: number;
}

/** Running mean and variance per feature (parallel Welford), for optional input normalisation. */
export class RunningMeanStd {
  readonly mean: Float64Array;
  readonly var: Float64Array;
  count = 1e-4;

  constructor(readonly dim: number) {
    this.mean = new Float64Array(dim);
    this.var = new Float64Array(dim).fill(1);
  }

  /** The statistics as the checkpoint format stores them. */
  toJson(): NormJson {
    return { mean: Array.from(this.mean), var: Array.from(this.var), count: this.count };
  }

  /** Take statistics back from the checkpoint format (already checked by the reader). */
  setFromJson(j: NormJson): void {
    this.mean.set(j.mean);
    this.var.set(j.var);
    this.count = j.count;
  }

  /** Add `rows` rows of `dim` values. */
  update(data: Float32Array, rows: number): void {
    const d = this.dim;
    const batchMean = new Float64Array(d);
    const batchVar = new Float64Array(d);
    for (let r = 0; r < rows; r++) for (let j = 0; j < d; j++) batchMean[j] += data[r * d + j] / rows;
    for (let r = 0; r < rows; r++) for (let j = 0; j < d; j++) batchVar[j] += (data[r * d + j] - batchMean[j]) ** 2 / rows;
    const total = this.count + rows;
    for (let j = 0; j < d; j++) {
      const delta = batchMean[j] - this.mean[j];
      const m2 = this.var[j] * this.count + batchVar[j] * rows + (delta * delta * this.count * rows) / total;
      this.mean[j] += (delta * rows) / total;
      this.var[j] = m2 / total;
    }
    this.count = total;
  }

  /** Training: update from `rows` raw rows at `offset`, then normalise them in place. */
  observeAndApply(buf: Float32Array, offset: number, rows: number): void {
    this.update(buf.subarray(offset, offset + rows * this.dim), rows);
    for (let r = 0; r < rows; r++) this.apply(buf, offset + r * this.dim);
  }

  /** Normalise in place, clipped to ±10 as is usual for PPO. */
  apply(data: Float32Array, offset: number): void {
    for (let j = 0; j < this.dim; j++) {
      const v = (data[offset + j] - this.mean[j]) / Math.sqrt(this.var[j] + 1e-8);
      data[offset + j] = Math.max(-10, Math.min(10, v));
    }
  }
}
