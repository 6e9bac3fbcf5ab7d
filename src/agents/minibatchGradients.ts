import type { Actor } from './diverseActor';
import type { Mlp } from './mlp';
import { ppoLoss } from './ppoLoss';
import { tf } from './tf';

/** One PPO minibatch as flat host arrays (`criticInputs` is null when the critic reads the actor's input). */
export interface Minibatch {
  rows: number;
  inDim: number;
  criticDim: number;
  actorInputs: Float32Array;
  criticInputs: Float32Array | null;
  actions: Int32Array;
  logp: Float32Array;
  values: Float32Array;
  advantages: Float32Array;
  returns: Float32Array;
  /** Warm start: the actions the actor imitates (null: the PPO objective). */
  teacher: Int32Array | null;
}

export interface LossSettings {
  clipCoef: number;
  clipVloss: boolean;
  entCoef: number;
  vfCoef: number;
  huberDelta?: number;
}

/**
 * Gradients of the PPO loss (mean over the minibatch's rows) for the actor's and then the critic's
 * variables, as host arrays, plus [pgLoss, vLoss, entropy, approxKl, clipFrac]. The same function runs
 * on the main thread and in gradient workers, so a split minibatch adds up to the same update.
 */
export function minibatchGradients(actor: Actor, critic: Mlp, mb: Minibatch, cfg: LossSettings): { grads: Float32Array[]; stats: Float32Array } {
  const vars = [...actor.variables(), ...critic.variables()];
  return tf.tidy(() => {
    const x = tf.tensor2d(mb.actorInputs, [mb.rows, mb.inDim]);
    const c = mb.criticInputs ? tf.tensor2d(mb.criticInputs, [mb.rows, mb.criticDim]) : x;
    const batch = {
      actions: tf.tensor1d(mb.actions, 'int32'),
      oldLogProbs: tf.tensor1d(mb.logp),
      oldValues: tf.tensor1d(mb.values),
      advantages: tf.tensor1d(mb.advantages),
      returns: tf.tensor1d(mb.returns),
      teacherActions: mb.teacher ? tf.tensor1d(mb.teacher, 'int32') : null,
    };
    // the loss's parts are made inside variableGrads' own scope: keep one tensor of them past it
    let kept: tf.Tensor | null = null;
    const { grads } = tf.variableGrads(() => {
      const p = ppoLoss({ ...batch, logits: actor.apply(x), values: tf.reshape(critic.apply(c), [-1]) as tf.Tensor1D }, cfg);
      kept = tf.keep(tf.stack([p.pgLoss, p.vLoss, p.entropy, p.approxKl, p.clipFrac]));
      return p.loss;
    }, vars);
    const host = vars.map((v) => grads[v.name].dataSync() as Float32Array);
    const stats = (kept as unknown as tf.Tensor).dataSync() as Float32Array;
    (kept as unknown as tf.Tensor).dispose();
    return { grads: host, stats };
  });
}
