import { FastRandom } from '../sim/fastRandom';
import type { LoadedPolicyData } from './checkpoint';
import { sampleLogits, softmaxRow } from './categorical';
import { PolicyInput } from './policyInput';
import { DiverseActor } from './diverseActor';
import { Mlp } from './mlp';
import { tf } from './tf';

/**
 * A trained actor from a checkpoint, ready to act: builds each agent's input exactly as training did
 * (sorted entities, zeroed message ranges, one-hot id, normalisation) and runs one forward pass for a whole batch.
 */
export class LoadedPolicy {
  readonly id: string;
  readonly agents: readonly string[];
  readonly input: PolicyInput;
  readonly inDim: number;
  readonly nActions: number;
  private readonly actor: Mlp | DiverseActor;

  constructor(data: LoadedPolicyData) {
    const p = data.json;
    this.id = p.id;
    this.agents = p.agents;
    this.input = new PolicyInput({
      obsDim: p.observation.dim,
      idDim: p.observation.agentIdDim,
      zeroRanges: p.observation.zeroRanges ?? [],
      sortGroups: p.observation.sortGroups ?? [],
      normalise: false,
      norm: p.observation.norm,
    });
    this.inDim = this.input.dim;
    this.nActions = p.actionSpace.n;
    const hidden = data.actor[0].outputs;
    const dv = data.diversity;
    if (dv) {
      const actor = new DiverseActor(
        p.observation.dim,
        p.agents.length,
        hidden,
        this.nActions,
        dv.target,
        p.actor.activation,
        new FastRandom(0),
        `loaded/${p.id}`,
      );
      actor.setWeights(data.actor, dv.agents);
      actor.scale = dv.scale;
      this.actor = actor;
    } else {
      this.actor = new Mlp([this.inDim, hidden, hidden, this.nActions], [1, 1, 1], new FastRandom(0), `loaded/${p.id}`, p.actor.activation);
      this.actor.setWeights(data.actor);
    }
  }

  /** Input row for `agent` (its name) from its observation. */
  writeInput(agent: string, obs: Float32Array, out: Float32Array, offset: number): void {
    this.input.write(obs, 0, this.agents.indexOf(agent), out, offset);
  }

  /** Logits for `rows` input rows. */
  logits(inputs: Float32Array, rows: number): Float32Array {
    return tf.tidy(() => this.actor.apply(tf.tensor2d(inputs, [rows, this.inDim])).dataSync() as Float32Array);
  }

  /** The action distribution `agent`'s policy gives `obs` (any agent's observation: its own id goes in). */
  probabilities(agent: string, obs: Float32Array): Float32Array {
    const x = new Float32Array(this.inDim);
    this.writeInput(agent, obs, x, 0);
    return softmaxRow(this.logits(x, 1), 0, this.nActions);
  }

  /** Actions for a batch of (agent, observation): argmax when deterministic, else a sample. */
  act(agents: readonly string[], obs: readonly Float32Array[], deterministic: boolean, rng: FastRandom): number[] {
    const rows = agents.length;
    const x = new Float32Array(rows * this.inDim);
    agents.forEach((a, r) => this.writeInput(a, obs[r], x, r * this.inDim));
    const logits = this.logits(x, rows);
    return agents.map((_, r) => sampleLogits(logits, r, this.nActions, deterministic ? null : rng));
  }

  dispose(): void {
    this.actor.dispose();
  }
}
