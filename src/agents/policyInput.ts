import { RunningMeanStd, type NormJson } from './runningStats';

/**
 * How a policy's input row is built from one agent's raw observation: the observation, with the zeroed
 * ranges (the comm ablation) blanked, then a one-hot of the agent's index within its policy, then the
 * optional running normalisation. Training and a loaded checkpoint use this same class, so a policy sees
 * the same row in the game as it did in training.
 */
export class PolicyInput {
  readonly obsDim: number;
  readonly idDim: number;
  /** Length of a row: obsDim + idDim. */
  readonly dim: number;
  readonly zeroRanges: readonly [number, number][];
  readonly normaliser: RunningMeanStd | null;

  constructor(spec: { obsDim: number; idDim: number; zeroRanges?: readonly [number, number][]; normalise: boolean; norm?: NormJson | null }) {
    this.obsDim = spec.obsDim;
    this.idDim = spec.idDim;
    this.dim = spec.obsDim + spec.idDim;
    this.zeroRanges = spec.zeroRanges ?? [];
    this.normaliser = spec.normalise || spec.norm ? new RunningMeanStd(this.dim) : null;
    if (spec.norm) this.normaliser!.setFromJson(spec.norm);
  }

  /** The raw row (not normalised) of agent `j` of the policy from `obs[from .. from + obsDim)`. */
  writeRaw(obs: ArrayLike<number>, from: number, j: number, out: Float32Array, offset: number): void {
    for (let k = 0; k < this.obsDim; k++) out[offset + k] = obs[from + k];
    for (const [a, b] of this.zeroRanges) for (let k = a; k < b; k++) out[offset + k] = 0;
    for (let k = 0; k < this.idDim; k++) out[offset + this.obsDim + k] = k === j ? 1 : 0;
  }

  /** The row the network reads: raw, then normalised with the current statistics. */
  write(obs: ArrayLike<number>, from: number, j: number, out: Float32Array, offset: number): void {
    this.writeRaw(obs, from, j, out, offset);
    this.normaliser?.apply(out, offset);
  }

  /**
   * Training: `rows` raw rows at `offset` first update the running statistics, then are normalised in
   * place (as Gymnasium's NormalizeObservation does). Statistics only ever see raw rows.
   */
  observeAndNormalise(buf: Float32Array, offset: number, rows: number): void {
    this.normaliser?.observeAndApply(buf, offset, rows);
  }

  normJson(): NormJson | null {
    return this.normaliser?.toJson() ?? null;
  }
}
