import type { FastRandom } from '../sim/fastRandom';
import type { Activation } from './dense';
import type { Actor } from './diverseActor';
import { Mlp, type DenseWeights } from './mlp';
import { tf } from './tf';

/** Passes its input on and no gradient back: a fixed encoder's messages (the comparison) stay untrained. */
const noGradient = tf.customGrad((...args) => {
  const x = args[0] as tf.Tensor;
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
});

/**
 * A team's actor with a learned channel (CommNet's one round of communication, trained end to end as in
 * DIAL): every agent encodes its observation into a message of `messageDim` numbers in (-1, 1); each agent
 * reads its own input row and the mean of its teammates' messages of the same step. The team's rows are
 * one forward pass, so an agent's loss reaches its teammates' encoder: what a message says is learnt from
 * what it does for the agents that hear it. Rows come in teams of `count` (a rollout's [env][member]
 * order, a minibatch of whole teams); the mean keeps the input size whatever the team size.
 *
 * Why in the same step with gradients rather than as an action read a step later (RIAL): the policy stays
 * a function of the team's current observations (no state to carry through PettingZoo's loop, a
 * recording or the page), and the encoder learns from the listeners' gradient instead of from the
 * sampled-symbol credit assignment that made RIAL learn slower than DIAL in Foerster et al. (2016).
 */
export class CommActor implements Actor {
  readonly encoder: Mlp;
  readonly policy: Mlp;
  readonly activation: Exclude<Activation, 'linear'>;
  /** The intervention test (`arena eval --zero-messages`): every agent hears all-zero messages. */
  silenced = false;

  constructor(
    /** Width of an agent's own input row (observation, then the one-hot id if any). */
    readonly inDim: number,
    readonly obsDim: number,
    readonly count: number,
    readonly hidden: number,
    readonly nActions: number,
    readonly messageDim: number,
    /** false: the encoder passes no gradient and keeps its initial weights. */
    readonly learned: boolean,
    activation: Exclude<Activation, 'linear'>,
    initRng: FastRandom,
    name: string,
  ) {
    if (count < 2) throw new Error(`${name}: a channel needs a team of 2 or more agents (got ${count})`);
    this.activation = activation;
    this.policy = new Mlp([inDim + messageDim, hidden, hidden, nActions], [Math.SQRT2, Math.SQRT2, 0.01], initRng, `${name}/policy`, activation);
    this.encoder = new Mlp([obsDim, hidden, messageDim], [Math.SQRT2, 1], initRng, `${name}/encoder`, activation);
  }

  /** Each row's message, from its observation (the first `obsDim` values of the row). */
  messages(x: tf.Tensor2D): tf.Tensor2D {
    const rows = x.shape[0];
    const m = tf.tanh(this.encoder.apply(tf.slice(x, [0, 0], [rows, this.obsDim])));
    return this.learned ? m : (noGradient(m) as tf.Tensor2D);
  }

  /** What each row hears: the mean of its teammates' messages (zeros when silenced). */
  heard(messages: tf.Tensor2D): tf.Tensor2D {
    const rows = messages.shape[0];
    if (rows % this.count !== 0) throw new Error(`a team channel needs whole teams of ${this.count} rows (got ${rows})`);
    if (this.silenced) return tf.zeros([rows, this.messageDim]);
    const byTeam = tf.reshape(messages, [rows / this.count, this.count, this.messageDim]);
    const sum = tf.sum(byTeam, 1, true);
    return tf.reshape(tf.div(tf.sub(sum, byTeam), this.count - 1), [rows, this.messageDim]);
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    return this.policy.apply(tf.concat([x, this.heard(this.messages(x))], 1));
  }

  /**
   * Logits and messages of whole teams of rows, as host arrays (the page shows the messages). With
   * `present` (one team, a flag per member), members driven by something else send nothing: each present
   * agent hears the mean of the other present ones' messages (all zero when it is alone).
   */
  run(x: Float32Array, rows: number, present?: readonly boolean[]): { logits: Float32Array; messages: Float32Array } {
    return tf.tidy(() => {
      const t = tf.tensor2d(x, [rows, this.inDim]);
      const m = this.messages(t);
      const partial = present && present.some((p) => !p);
      const heard = partial ? this.heardFrom(m, present) : this.heard(m);
      const logits = this.policy.apply(tf.concat([t, heard], 1));
      return { logits: logits.dataSync() as Float32Array, messages: m.dataSync() as Float32Array };
    });
  }

  /** What each row of one team hears when only the `present` members talk. */
  private heardFrom(messages: tf.Tensor2D, present: readonly boolean[]): tf.Tensor2D {
    if (this.silenced) return tf.zeros([this.count, this.messageDim]);
    const mask = tf.tensor2d(
      present.map((p) => (p ? 1 : 0)),
      [this.count, 1],
    );
    const sent = tf.mul(messages, mask);
    const others = Math.max(1, present.filter(Boolean).length - 1);
    return tf.div(tf.sub(tf.sum(sent, 0, true), sent), others) as tf.Tensor2D;
  }

  /** The policy's then the encoder's weights (what the optimizer updates, in this order). */
  variables(): tf.Variable[] {
    return [...this.policy.variables(), ...this.encoder.variables()];
  }

  getWeights(): DenseWeights[] {
    return this.policy.getWeights();
  }

  encoderWeights(): DenseWeights[] {
    return this.encoder.getWeights();
  }

  setWeights(policy: DenseWeights[], encoder: DenseWeights[]): void {
    this.policy.setWeights(policy);
    this.encoder.setWeights(encoder);
  }

  dispose(): void {
    this.policy.dispose();
    this.encoder.dispose();
  }
}
