import type { EntityGroup } from '../sim/scenario';
import type { RoleBatch } from '../sim/vectorEnv';
import { FastRandom } from '../sim/fastRandom';
import type { PPOConfig } from './config';
import { Adam } from './adam';
import { CommActor } from './commActor';
import { DiverseActor } from './diverseActor';
import { Mlp, type DenseWeights } from './mlp';
import { PolicyInput } from './policyInput';
import { RunningMeanStd } from './runningStats';
import { ValueNorm } from './valueNorm';
import { tf } from './tf';

/** What the critic sees: the agent's own actor input, or the global state plus which agent it is (MAPPO). */
export type CriticInput = 'local' | 'global';

export interface TrainingPolicySpec {
  id: string;
  role: RoleBatch;
  /** Positions within the role batch (0..role.count-1) this policy drives. */
  members: number[];
  criticInput: CriticInput;
  /** Observation ranges [from, to) that are zeroed (the comm ablation). */
  zeroRanges: [number, number][];
  /** Interchangeable entities listed nearest first in the input (`sortEntities`). */
  sortGroups: EntityGroup[];
  /** Diversity set-point of a team's per-agent parts (`DiverseActor`); 0: one shared actor. */
  diversity: number;
  /** Entities farther than this are hidden from the policy's input (0: full view) ... */
  viewRadius: number;
  /** ... these: the scenario's `entities` for the role. */
  viewGroups: EntityGroup[];
  /** Numbers per message of the team channel (`CommActor`); 0: silent. */
  comm: number;
}

/**
 * One policy (actor and critic) and the agents it drives, with its rollout storage. Rows are laid out
 * [step][env][member].
 */
export class TrainingPolicy {
  readonly id: string;
  readonly role: RoleBatch;
  readonly members: number[];
  readonly criticInput: CriticInput;
  readonly count: number;
  /** How an agent's observation becomes this policy's input row (shared with loaded checkpoints). */
  readonly input: PolicyInput;
  readonly inDim: number;
  readonly criticDim: number;
  readonly nActions: number;
  /** An MLP, with a diversity set-point a shared MLP plus per-agent parts, or with a channel a talking team. */
  readonly actor: Mlp | DiverseActor | CommActor;
  readonly critic: Mlp;
  readonly optimizer: Adam;
  /** Host copies of the weights the optimizer updates (actor then critic, w and b per layer). */
  readonly params: Float32Array[];
  readonly criticNormaliser: RunningMeanStd | null;
  /** Scale of the critic's targets (config `valueNorm`); its outputs are scaled back for GAE. */
  valueNorm: ValueNorm | null;
  /** Rows per step: numEnvs * count. */
  readonly rows: number;

  // rollout storage; a local critic reads the actor's input, so `criticInputs` is then the same array as `actorInputs`
  readonly actorInputs: Float32Array;
  readonly criticInputs: Float32Array;
  readonly actions: Int32Array;
  /** Warm start: the scripted controller's action for each row (what the actor imitates). */
  readonly teacherActions: Int32Array;
  readonly logp: Float32Array;
  readonly values: Float32Array;
  readonly rewards: Float32Array;
  readonly episodeEnd: Uint8Array;
  readonly terminated: Uint8Array;
  readonly finalValues: Float32Array;
  readonly advantages: Float32Array;
  readonly returns: Float32Array;
  readonly lastValues: Float32Array;
  readonly scratchActorInputs: Float32Array;
  readonly scratchCriticInputs: Float32Array;

  constructor(spec: TrainingPolicySpec, numEnvs: number, globalDim: number, numAgents: number, cfg: PPOConfig, initRng: FastRandom) {
    this.id = spec.id;
    this.role = spec.role;
    this.members = spec.members;
    this.criticInput = spec.criticInput;
    this.count = spec.members.length;
    this.input = new PolicyInput({
      obsDim: spec.role.obsDim,
      // a diverse team's per-agent parts are picked by the one-hot id (the shared part does not read it)
      idDim: (cfg.agentId || spec.diversity > 0) && this.count > 1 ? this.count : 0,
      zeroRanges: spec.zeroRanges,
      sortGroups: spec.sortGroups,
      viewRadius: spec.viewRadius,
      viewGroups: spec.viewGroups,
      normalise: cfg.normObs,
    });
    this.inDim = this.input.dim;
    this.criticDim = spec.criticInput === 'global' ? globalDim + numAgents : this.inDim;
    const space = spec.role.actionSpace;
    if (space.type !== 'Discrete') throw new Error('PPO trainers use the discrete action spaces');
    this.nActions = space.n;
    const h = cfg.hidden;
    this.actor =
      spec.diversity > 0 && this.count > 1
        ? new DiverseActor(spec.role.obsDim, this.count, h, this.nActions, spec.diversity, cfg.activation, initRng, `${this.id}/actor`)
        : spec.comm > 0
          ? new CommActor(
              this.inDim,
              spec.role.obsDim,
              this.count,
              h,
              this.nActions,
              spec.comm,
              cfg.commEncoder === 'learned',
              cfg.activation,
              initRng,
              `${this.id}/actor`,
            )
          : new Mlp([this.inDim, h, h, this.nActions], [Math.SQRT2, Math.SQRT2, 0.01], initRng, `${this.id}/actor`, cfg.activation);
    this.critic = new Mlp([this.criticDim, h, h, 1], [Math.SQRT2, Math.SQRT2, 1], initRng, `${this.id}/critic`, cfg.activation);
    this.params = this.variables().map((v) => v.dataSync().slice() as Float32Array);
    this.optimizer = new Adam(this.params.map((p) => p.length));
    this.criticNormaliser = cfg.normObs && spec.criticInput === 'global' ? new RunningMeanStd(this.criticDim) : null;
    this.valueNorm = cfg.valueNorm ? new ValueNorm(cfg.valueNormBeta) : null;
    this.rows = numEnvs * this.count;
    const n = cfg.numSteps * this.rows;
    this.actorInputs = new Float32Array(n * this.inDim);
    this.criticInputs = spec.criticInput === 'local' ? this.actorInputs : new Float32Array(n * this.criticDim);
    this.actions = new Int32Array(n);
    this.teacherActions = new Int32Array(cfg.warmStartSteps > 0 ? n : 0);
    this.logp = new Float32Array(n);
    this.values = new Float32Array(n);
    this.rewards = new Float32Array(n);
    this.episodeEnd = new Uint8Array(n);
    this.terminated = new Uint8Array(n);
    this.finalValues = new Float32Array(n);
    this.advantages = new Float32Array(n);
    this.returns = new Float32Array(n);
    this.lastValues = new Float32Array(this.rows);
    this.scratchActorInputs = new Float32Array(this.rows * this.inDim);
    this.scratchCriticInputs = spec.criticInput === 'local' ? this.scratchActorInputs : new Float32Array(this.rows * this.criticDim);
  }

  variables(): tf.Variable[] {
    return [...this.actor.variables(), ...this.critic.variables()];
  }

  /** Raw (not normalised) actor input of row (env e, member j) from the role's obs or final obs. */
  writeActorInput(e: number, j: number, final: boolean, out: Float32Array, offset: number): void {
    const r = this.role;
    this.input.writeRaw(final ? r.finalObs : r.obs, (e * r.count + this.members[j]) * r.obsDim, j, out, offset);
  }

  /** One forward pass of actor and critic over `rows` rows; logits and values come back as arrays. */
  forward(x: Float32Array, c: Float32Array, rows: number): { logits: Float32Array; values: Float32Array } {
    return tf.tidy(() => {
      const logits = this.actor.apply(tf.tensor2d(x, [rows, this.inDim]));
      const values = this.critic.apply(tf.tensor2d(c, [rows, this.criticDim]));
      return { logits: logits.dataSync() as Float32Array, values: this.returnsScale(values.dataSync() as Float32Array) };
    });
  }

  private opponent: Mlp | null = null;

  /** Rows that go through the actor together: a talking team's agents (1: every row alone). */
  get teamRows(): number {
    return this.actor instanceof CommActor ? this.count : 1;
  }

  /** The actor as a plain MLP (what competitive snapshots copy; a diverse team is refused there). */
  get plainActor(): Mlp {
    if (!(this.actor instanceof Mlp)) throw new Error(`${this.id}: a diverse team has no single network to snapshot`);
    return this.actor;
  }

  /** competitive: load a past snapshot of this policy's actor to play with (the live actor is untouched). */
  setOpponent(weights: DenseWeights[]): void {
    this.opponent ??= new Mlp(
      this.plainActor.sizes,
      this.plainActor.sizes.slice(1).map(() => 1),
      new FastRandom(0),
      `${this.id}/opponent`,
      this.actor.activation,
    );
    this.opponent.setWeights(weights);
  }

  /** Like `forward`, but the actions come from the snapshot actor. */
  forwardOpponent(x: Float32Array, c: Float32Array, rows: number): { logits: Float32Array; values: Float32Array } {
    if (!this.opponent) return this.forward(x, c, rows);
    const opponent = this.opponent;
    return tf.tidy(() => ({
      logits: opponent.apply(tf.tensor2d(x, [rows, this.inDim])).dataSync() as Float32Array,
      values: this.returnsScale(this.critic.apply(tf.tensor2d(c, [rows, this.criticDim])).dataSync() as Float32Array),
    }));
  }

  /** Values of `rows` critic input rows, on the returns' scale. */
  criticOnly(c: Float32Array, rows: number): Float32Array {
    return this.returnsScale(tf.tidy(() => this.critic.apply(tf.tensor2d(c, [rows, this.criticDim])).dataSync() as Float32Array));
  }

  private returnsScale(values: Float32Array): Float32Array {
    const out = values.slice();
    this.valueNorm?.denormalize(out);
    return out;
  }

  /** After weights were set from outside (a checkpoint): refresh the host copies. */
  syncParams(): void {
    this.variables().forEach((v, k) => this.params[k].set(v.dataSync() as Float32Array));
  }

  /** Write the host copies back into the tf variables (after an optimizer step). */
  pushParams(): void {
    // assign keeps the data alive in the variable; the temporary tensor itself must go
    tf.tidy(() => this.variables().forEach((v, k) => v.assign(tf.tensor(this.params[k], v.shape))));
  }

  dispose(): void {
    this.opponent?.dispose();
    this.actor.dispose();
    this.critic.dispose();
  }
}
