import type { EntityGroup } from '../sim/scenario';
import { RunningMeanStd, type NormJson } from './runningStats';

/**
 * How a policy's input row is built from one agent's raw observation: the observation, its interchangeable
 * entities listed nearest first (`sortGroups`), entities beyond the view limit zeroed (`viewRadius`, not
 * PettingZoo), the zeroed ranges (the comm ablation) blanked, then a one-hot of the agent's index within
 * its policy, then the optional running normalisation. Training and a loaded checkpoint use this same class, so a policy sees
 * the same row in the game as it did in training.
 */
export class PolicyInput {
  readonly obsDim: number;
  readonly idDim: number;
  /** Length of a row: obsDim + idDim. */
  readonly dim: number;
  readonly zeroRanges: readonly [number, number][];
  readonly sortGroups: readonly EntityGroup[];
  /** Entities farther than this are zeroed with their companions (0: full view). */
  readonly viewRadius: number;
  /** The observation's entities the view limit applies to (the scenario's `entities`). */
  readonly viewGroups: readonly EntityGroup[];
  readonly normaliser: RunningMeanStd | null;
  private readonly sortKeys: Float64Array;
  private readonly sortOrder: number[];
  private readonly sortScratch: Float32Array;

  constructor(spec: {
    obsDim: number;
    idDim: number;
    zeroRanges?: readonly [number, number][];
    sortGroups?: readonly EntityGroup[];
    viewRadius?: number;
    viewGroups?: readonly EntityGroup[];
    normalise: boolean;
    norm?: NormJson | null;
  }) {
    this.obsDim = spec.obsDim;
    this.idDim = spec.idDim;
    this.dim = spec.obsDim + spec.idDim;
    this.zeroRanges = spec.zeroRanges ?? [];
    this.sortGroups = spec.sortGroups ?? [];
    this.viewRadius = spec.viewRadius ?? 0;
    this.viewGroups = this.viewRadius > 0 ? (spec.viewGroups ?? []) : [];
    const most = Math.max(0, ...this.sortGroups.map((g) => g.count));
    this.sortKeys = new Float64Array(most);
    this.sortOrder = [];
    this.sortScratch = new Float32Array(spec.obsDim);
    this.normaliser = spec.normalise || spec.norm ? new RunningMeanStd(this.dim) : null;
    if (spec.norm) this.normaliser!.setFromJson(spec.norm);
  }

  /** The raw row (not normalised) of agent `j` of the policy from `obs[from .. from + obsDim)`. */
  writeRaw(obs: ArrayLike<number>, from: number, j: number, out: Float32Array, offset: number): void {
    for (let k = 0; k < this.obsDim; k++) out[offset + k] = obs[from + k];
    for (const g of this.sortGroups) this.sortGroup(g, out, offset);
    // after sorting: hidden entities keep their place by true distance (last), only their values go
    for (const g of this.viewGroups) this.hideFar(g, out, offset);
    for (const [a, b] of this.zeroRanges) for (let k = a; k < b; k++) out[offset + k] = 0;
    for (let k = 0; k < this.idDim; k++) out[offset + this.obsDim + k] = k === j ? 1 : 0;
  }

  /**
   * Lists a group's entities by distance, nearest first (ties keep their order), moving their companion
   * blocks along: an MLP then reads "the nearest landmark" at a fixed place, whatever the entities' order.
   */
  private sortGroup(g: EntityGroup, row: Float32Array, offset: number): void {
    const keys = this.sortKeys;
    const order = this.sortOrder;
    order.length = g.count;
    for (let e = 0; e < g.count; e++) {
      const x = row[offset + g.start + e * g.width];
      const y = row[offset + g.start + e * g.width + 1];
      keys[e] = x * x + y * y;
      order[e] = e;
    }
    order.sort((a, b) => keys[a] - keys[b] || a - b);
    this.permute(row, offset + g.start, g.width, order);
    for (const c of g.companions) this.permute(row, offset + c.start, c.width, order);
  }

  /** Zero each entity of `g` farther than the view radius, and its companion blocks. */
  private hideFar(g: EntityGroup, row: Float32Array, offset: number): void {
    const r2 = this.viewRadius * this.viewRadius;
    for (let e = 0; e < g.count; e++) {
      const at = offset + g.start + e * g.width;
      if (row[at] * row[at] + row[at + 1] * row[at + 1] <= r2) continue;
      for (let k = 0; k < g.width; k++) row[at + k] = 0;
      for (const c of g.companions) for (let k = 0; k < c.width; k++) row[offset + c.start + e * c.width + k] = 0;
    }
  }

  /** Blocks of `width` values from `at`: block `order[e]` moves to place e. */
  private permute(row: Float32Array, at: number, width: number, order: readonly number[]): void {
    const scratch = this.sortScratch;
    for (let k = 0; k < order.length * width; k++) scratch[k] = row[at + k];
    for (let e = 0; e < order.length; e++) for (let k = 0; k < width; k++) row[at + e * width + k] = scratch[order[e] * width + k];
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
