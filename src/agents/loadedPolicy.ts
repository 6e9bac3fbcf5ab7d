import { FastRandom } from '../sim/fastRandom';
import { normFromJson, type LoadedPolicyData } from './checkpoint';
import { Mlp } from './mlp';
import type { RunningMeanStd } from './runningStats';
import { tf } from './tf';

/**
 * A trained actor from a checkpoint, ready to act: builds each agent's input exactly as training did
 * (zeroed message ranges, one-hot id, normalisation) and runs one forward pass for a whole batch.
 */
export class LoadedPolicy {
  readonly id: string;
  readonly agents: readonly string[];
  readonly obsDim: number;
  readonly idDim: number;
  readonly inDim: number;
  readonly nActions: number;
  private readonly actor: Mlp;
  private readonly norm: RunningMeanStd | null;
  private readonly zeroRanges: [number, number][];

  constructor(data: LoadedPolicyData) {
    const p = data.json;
    this.id = p.id;
    this.agents = p.agents;
    this.obsDim = p.observation.dim;
    this.idDim = p.observation.agentIdDim;
    this.inDim = this.obsDim + this.idDim;
    this.nActions = p.actionSpace.n;
    this.zeroRanges = p.observation.zeroRanges ?? [];
    const hidden = data.actor[0].outputs;
    this.actor = new Mlp([this.inDim, hidden, hidden, this.nActions], [1, 1, 1], new FastRandom(0), `loaded/${p.id}`, p.actor.activation);
    this.actor.setWeights(data.actor);
    this.norm = normFromJson(p.observation.norm, this.inDim);
  }

  /** Input row for `agent` (its name) from its observation. */
  writeInput(agent: string, obs: Float32Array, out: Float32Array, offset: number): void {
    const j = this.agents.indexOf(agent);
    for (let k = 0; k < this.obsDim; k++) out[offset + k] = obs[k];
    for (const [a, b] of this.zeroRanges) for (let k = a; k < b; k++) out[offset + k] = 0;
    for (let k = 0; k < this.idDim; k++) out[offset + this.obsDim + k] = k === j ? 1 : 0;
    this.norm?.apply(out, offset);
  }

  /** Logits for `rows` input rows. */
  logits(inputs: Float32Array, rows: number): Float32Array {
    return tf.tidy(() => this.actor.apply(tf.tensor2d(inputs, [rows, this.inDim])).dataSync() as Float32Array);
  }

  /** Actions for a batch of (agent, observation): argmax when deterministic, else a sample. */
  act(agents: readonly string[], obs: readonly Float32Array[], deterministic: boolean, rng: FastRandom): number[] {
    const rows = agents.length;
    const x = new Float32Array(rows * this.inDim);
    agents.forEach((a, r) => this.writeInput(a, obs[r], x, r * this.inDim));
    const logits = this.logits(x, rows);
    const A = this.nActions;
    return agents.map((_, r) => {
      let best = 0;
      let max = -Infinity;
      for (let a = 0; a < A; a++) if (logits[r * A + a] > max) [max, best] = [logits[r * A + a], a];
      if (deterministic) return best;
      let sum = 0;
      for (let a = 0; a < A; a++) sum += Math.exp(logits[r * A + a] - max);
      let u = rng.next() * sum;
      for (let a = 0; a < A; a++) {
        u -= Math.exp(logits[r * A + a] - max);
        if (u < 0) return a;
      }
      return A - 1;
    });
  }

  dispose(): void {
    this.actor.dispose();
  }
}
