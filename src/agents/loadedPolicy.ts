import { FastRandom } from '../sim/fastRandom';
import type { LoadedPolicyData } from './checkpoint';
import { sampleLogits, softmaxRow } from './categorical';
import { PolicyInput } from './policyInput';
import { CommActor } from './commActor';
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
  private readonly actor: Mlp | DiverseActor | CommActor;
  /** A talking team: each agent's message of the last `act` (rows in `agents` order), else null. */
  lastMessages: Float32Array | null = null;
  /** A talking team: the last input rows it acted on (a single agent's probabilities hear these teammates) ... */
  private lastTeamInputs: Float32Array | null = null;
  /** ... and which of them it drove. */
  private lastPresent: boolean[] | null = null;

  constructor(data: LoadedPolicyData) {
    const p = data.json;
    this.id = p.id;
    this.agents = p.agents;
    this.input = new PolicyInput({
      obsDim: p.observation.dim,
      idDim: p.observation.agentIdDim,
      zeroRanges: p.observation.zeroRanges ?? [],
      sortGroups: p.observation.sortGroups ?? [],
      viewRadius: p.observation.viewRadius ?? 0,
      viewGroups: p.observation.viewGroups ?? [],
      normalise: false,
      norm: p.observation.norm,
    });
    this.inDim = this.input.dim;
    this.nActions = p.actionSpace.n;
    const hidden = data.actor[0].outputs;
    const dv = data.diversity;
    if (data.comm) {
      const c = data.comm;
      const actor = new CommActor(
        this.inDim,
        p.observation.dim,
        p.agents.length,
        hidden,
        this.nActions,
        c.messageDim,
        c.learned,
        p.actor.activation,
        new FastRandom(0),
        `loaded/${p.id}`,
      );
      actor.setWeights(data.actor, c.encoder);
      this.actor = actor;
    } else if (dv) {
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

  /** Logits for `rows` input rows (a talking team: whole teams of rows in `agents` order). */
  logits(inputs: Float32Array, rows: number): Float32Array {
    return tf.tidy(() => this.actor.apply(tf.tensor2d(inputs, [rows, this.inDim])).dataSync() as Float32Array);
  }

  /** Numbers per message of a talking team (0: silent). */
  get messageDim(): number {
    return this.actor instanceof CommActor ? this.actor.messageDim : 0;
  }

  /** The intervention test: a talking team hears all-zero messages (`arena eval --zero-messages`). */
  set silenced(on: boolean) {
    if (this.actor instanceof CommActor) this.actor.silenced = on;
  }

  get silenced(): boolean {
    return this.actor instanceof CommActor && this.actor.silenced;
  }

  /**
   * The action distribution `agent`'s policy gives `obs` (any agent's observation: its own id goes in). A
   * talking agent hears its teammates as they were at the team's last step (never acted: all-zero rows).
   */
  probabilities(agent: string, obs: Float32Array): Float32Array {
    const j = this.agents.indexOf(agent);
    if (this.actor instanceof CommActor) {
      const x = this.lastTeamInputs?.slice() ?? new Float32Array(this.agents.length * this.inDim);
      this.writeInput(agent, obs, x, j * this.inDim);
      const present = this.lastPresent?.map((p, k) => p || k === j) ?? this.agents.map((_, k) => k === j);
      return softmaxRow(this.actor.run(x, this.agents.length, present).logits, j, this.nActions);
    }
    const x = new Float32Array(this.inDim);
    this.writeInput(agent, obs, x, 0);
    return softmaxRow(this.logits(x, 1), 0, this.nActions);
  }

  /**
   * Actions for a batch of (agent, observation): argmax when deterministic, else a sample. A talking team
   * acts together from the batch's agents (in any order); teammates missing from the batch (driven by
   * something else) send nothing, so the others hear only each other.
   */
  act(agents: readonly string[], obs: readonly Float32Array[], deterministic: boolean, rng: FastRandom): number[] {
    if (this.actor instanceof CommActor) return this.actTogether(this.actor, agents, obs, deterministic, rng);
    const rows = agents.length;
    const x = new Float32Array(rows * this.inDim);
    agents.forEach((a, r) => this.writeInput(a, obs[r], x, r * this.inDim));
    const logits = this.logits(x, rows);
    return agents.map((_, r) => sampleLogits(logits, r, this.nActions, deterministic ? null : rng));
  }

  private actTogether(actor: CommActor, agents: readonly string[], obs: readonly Float32Array[], deterministic: boolean, rng: FastRandom): number[] {
    const n = this.agents.length;
    const stranger = agents.find((a) => !this.agents.includes(a));
    if (stranger !== undefined) throw new Error(`${this.id} drives ${this.agents.join(', ')}, not ${stranger}`);
    const rowOf = this.agents.map((name) => agents.indexOf(name));
    const x = new Float32Array(n * this.inDim);
    this.agents.forEach((name, j) => rowOf[j] >= 0 && this.writeInput(name, obs[rowOf[j]], x, j * this.inDim));
    const present = rowOf.map((r) => r >= 0);
    const { logits, messages } = actor.run(x, n, present);
    // an absent member sent nothing
    rowOf.forEach((r, j) => r < 0 && messages.fill(0, j * actor.messageDim, (j + 1) * actor.messageDim));
    this.lastMessages = messages;
    this.lastTeamInputs = x;
    this.lastPresent = present;
    return agents.map((name) => sampleLogits(logits, this.agents.indexOf(name), this.nActions, deterministic ? null : rng));
  }

  dispose(): void {
    this.actor.dispose();
  }
}
