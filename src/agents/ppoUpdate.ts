import type { FastRandom } from '../sim/fastRandom';
import { Adam } from './adam';
import type { PPOConfig } from './config';
import { computeGae } from './gae';
import type { Minibatch } from './minibatchGradients';
import type { TrainingPolicy } from './trainingPolicy';

export interface UpdateStats {
  pgLoss: number;
  vLoss: number;
  entropy: number;
  approxKl: number;
  clipFrac: number;
  /** Actor gradient norm before clipping. */
  gradNorm: number;
}

export type GradientFn = (g: TrainingPolicy, mb: Minibatch) => { grads: Float32Array[]; stats: Float32Array };

/**
 * PPO update of one training policy over its rollout: GAE, the value normaliser, then epochs of shuffled
 * minibatches (advantages normalised per minibatch), each a gradient (`gradients`), clipping and an
 * Adam step on the host. With `imitation` (the warm start) the actor learns the rollout's teacher actions.
 */
export function ppoUpdate(g: TrainingPolicy, cfg: PPOConfig, lr: number, shuffleRng: FastRandom, gradients: GradientFn, imitation = false): UpdateStats {
  const N = cfg.numSteps * g.rows;
  computeGae({
    T: cfg.numSteps,
    N: g.rows,
    rewards: g.rewards,
    values: g.values,
    episodeEnd: g.episodeEnd,
    terminated: g.terminated,
    finalValues: g.finalValues,
    lastValues: g.lastValues,
    gamma: cfg.gamma,
    lambda: cfg.gaeLambda,
    advantages: g.advantages,
    returns: g.returns,
  });
  // the critic learns targets on the value normaliser's scale. Old values go back to the scale the critic
  // gave them on (the statistics of the rollout, before this update) so value clipping is centred on the
  // critic's real old outputs; then the statistics learn this rollout's returns and scale the targets.
  const targets = g.returns.slice(0, N);
  const oldValues = g.values.slice(0, N);
  if (g.valueNorm) {
    g.valueNorm.normalize(oldValues);
    g.valueNorm.update(targets, N);
    g.valueNorm.normalize(targets);
  }
  // a talking team's rows go through the actor together: minibatches are drawn as whole teams (units)
  const unit = g.teamRows;
  const units = N / unit;
  const mbUnits = Math.max(1, Math.floor(units / cfg.numMinibatches));
  const mbSize = mbUnits * unit;
  const idx = Int32Array.from({ length: units }, (_, i) => i);
  const global = g.criticInput === 'global';
  const mb: Minibatch = {
    rows: mbSize,
    inDim: g.inDim,
    criticDim: g.criticDim,
    actorInputs: new Float32Array(mbSize * g.inDim),
    criticInputs: global ? new Float32Array(mbSize * g.criticDim) : null,
    actions: new Int32Array(mbSize),
    logp: new Float32Array(mbSize),
    values: new Float32Array(mbSize),
    advantages: new Float32Array(mbSize),
    returns: new Float32Array(mbSize),
    teacher: imitation ? new Int32Array(mbSize) : null,
  };
  const stats: UpdateStats = { pgLoss: 0, vLoss: 0, entropy: 0, approxKl: 0, clipFrac: 0, gradNorm: 0 };
  let batches = 0;
  const nActorVars = g.actor.variables().length;
  for (let epoch = 0; epoch < cfg.updateEpochs; epoch++) {
    for (let i = units - 1; i > 0; i--) {
      const j = shuffleRng.int(i + 1);
      const tmp = idx[i];
      idx[i] = idx[j];
      idx[j] = tmp;
    }
    for (let start = 0; start + mbUnits <= units; start += mbUnits) {
      let mean = 0;
      for (let k = 0; k < mbSize; k++) {
        const s = idx[start + Math.floor(k / unit)] * unit + (k % unit);
        mb.actorInputs.set(g.actorInputs.subarray(s * g.inDim, (s + 1) * g.inDim), k * g.inDim);
        if (mb.criticInputs) mb.criticInputs.set(g.criticInputs.subarray(s * g.criticDim, (s + 1) * g.criticDim), k * g.criticDim);
        mb.actions[k] = g.actions[s];
        mb.logp[k] = g.logp[s];
        mb.values[k] = oldValues[s];
        mb.advantages[k] = g.advantages[s];
        mb.returns[k] = targets[s];
        if (mb.teacher) mb.teacher[k] = g.teacherActions[s];
        mean += mb.advantages[k];
      }
      if (cfg.normAdv) {
        const adv = mb.advantages;
        mean /= mbSize;
        let v = 0;
        for (let k = 0; k < mbSize; k++) v += (adv[k] - mean) ** 2;
        const std = Math.sqrt(v / Math.max(1, mbSize - 1));
        for (let k = 0; k < mbSize; k++) adv[k] = (adv[k] - mean) / (std + 1e-8);
      }
      const out = gradients(g, mb);
      // Adam and gradient clipping on the host: the actor and the critic are clipped separately, since
      // with MPE's unnormalised returns the critic's gradient would otherwise set the joint norm
      const actorGradNorm = Adam.l2Norm(out.grads.slice(0, nActorVars));
      const criticGradNorm = Adam.l2Norm(out.grads.slice(nActorVars));
      const actorScale = Math.min(1, cfg.maxGradNorm / (actorGradNorm + 1e-6));
      const criticScale = Math.min(1, cfg.maxGradNorm / (criticGradNorm + 1e-6));
      g.optimizer.step(
        g.params,
        out.grads,
        lr,
        g.params.map((_, k) => (k < nActorVars ? actorScale : criticScale)),
      );
      g.pushParams();
      stats.pgLoss += out.stats[0];
      stats.vLoss += out.stats[1];
      stats.entropy += out.stats[2];
      stats.approxKl += out.stats[3];
      stats.clipFrac += out.stats[4];
      stats.gradNorm += actorGradNorm;
      batches++;
    }
  }
  for (const k of Object.keys(stats) as (keyof UpdateStats)[]) stats[k] /= Math.max(1, batches);
  return stats;
}
