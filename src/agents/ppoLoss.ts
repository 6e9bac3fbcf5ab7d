import { tf } from './tf';

export interface PPOBatch {
  logits: tf.Tensor2D;
  values: tf.Tensor1D;
  actions: tf.Tensor1D; // int32
  oldLogProbs: tf.Tensor1D;
  oldValues: tf.Tensor1D;
  advantages: tf.Tensor1D;
  returns: tf.Tensor1D;
  /** Imitation (warm start): the actor learns these actions by cross-entropy instead of the PPO objective. */
  teacherActions?: tf.Tensor1D | null;
}

export interface PPOLossParts {
  loss: tf.Scalar;
  pgLoss: tf.Scalar;
  vLoss: tf.Scalar;
  entropy: tf.Scalar;
  approxKl: tf.Scalar;
  clipFrac: tf.Scalar;
}

/**
 * PPO's clipped objective for a categorical policy, as in CleanRL:
 * policy loss `mean(max(-A r, -A clip(r, 1-c, 1+c)))`, value loss `0.5 mean((V - R)^2)` (or its clipped
 * form; Huber's cost with `huberDelta`), minus the entropy bonus. With `teacherActions` (the warm start) the
 * policy loss is the cross-entropy to them instead. Advantages arrive already normalised if the config asks for it.
 */
export function ppoLoss(b: PPOBatch, opts: { clipCoef: number; clipVloss: boolean; entCoef: number; vfCoef: number; huberDelta?: number }): PPOLossParts {
  const numActions = b.logits.shape[1];
  const logp = tf.logSoftmax(b.logits);
  const newLogProbs = tf.sum(tf.mul(logp, tf.oneHot(b.actions, numActions)), 1);
  const entropy = tf.mean(tf.neg(tf.sum(tf.mul(tf.exp(logp), logp), 1))) as tf.Scalar;
  const logRatio = tf.sub(newLogProbs, b.oldLogProbs);
  const ratio = tf.exp(logRatio);
  const pg1 = tf.mul(tf.neg(b.advantages), ratio);
  const pg2 = tf.mul(tf.neg(b.advantages), tf.clipByValue(ratio, 1 - opts.clipCoef, 1 + opts.clipCoef));
  // imitation replaces the policy objective by the teacher's cross-entropy (the stats keep their meaning)
  const pgLoss = (
    b.teacherActions ? tf.neg(tf.mean(tf.sum(tf.mul(logp, tf.oneHot(b.teacherActions, numActions)), 1))) : tf.mean(tf.maximum(pg1, pg2))
  ) as tf.Scalar;

  // value error cost: 0.5 e^2, or Huber's (quadratic within delta, linear beyond: big targets pull less)
  const delta = opts.huberDelta ?? 0;
  const cost = (e: tf.Tensor) => {
    if (delta <= 0) return tf.mul(0.5, tf.square(e));
    const q = tf.minimum(tf.abs(e), delta);
    return tf.add(tf.mul(0.5, tf.square(q)), tf.mul(delta, tf.sub(tf.abs(e), q)));
  };
  const unclipped = cost(tf.sub(b.values, b.returns));
  let vLoss: tf.Scalar;
  if (opts.clipVloss) {
    const clippedV = tf.add(b.oldValues, tf.clipByValue(tf.sub(b.values, b.oldValues), -opts.clipCoef, opts.clipCoef));
    vLoss = tf.mean(tf.maximum(unclipped, cost(tf.sub(clippedV, b.returns)))) as tf.Scalar;
  } else {
    vLoss = tf.mean(unclipped) as tf.Scalar;
  }
  const loss = tf.add(tf.sub(pgLoss, tf.mul(opts.entCoef, entropy)), tf.mul(opts.vfCoef, vLoss)) as tf.Scalar;
  const approxKl = tf.mean(tf.sub(tf.sub(ratio, 1), logRatio)) as tf.Scalar;
  const clipFrac = tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), opts.clipCoef), 'float32')) as tf.Scalar;
  return { loss, pgLoss, vLoss, entropy, approxKl, clipFrac };
}
