import type { FastRandom } from '../sim/fastRandom';

/**
 * The one categorical sampler over logits (row `r` of `A` actions): training rollouts and loaded policies
 * both draw with it. Returns the action; `argmax` when deterministic.
 */
export function sampleLogits(logits: ArrayLike<number>, r: number, A: number, rng: FastRandom | null): number {
  const base = r * A;
  let max = -Infinity;
  let best = 0;
  for (let a = 0; a < A; a++) if (logits[base + a] > max) [max, best] = [logits[base + a], a];
  if (!rng) return best;
  let sum = 0;
  for (let a = 0; a < A; a++) sum += Math.exp(logits[base + a] - max);
  const u = rng.next() * sum;
  let acc = 0;
  for (let a = 0; a < A; a++) {
    acc += Math.exp(logits[base + a] - max);
    if (u < acc) return a;
  }
  return A - 1;
}

/** log pi(a) for row `r` of `A` logits (log-softmax, computed stably). */
export function logProb(logits: ArrayLike<number>, r: number, A: number, action: number): number {
  const base = r * A;
  let max = -Infinity;
  for (let a = 0; a < A; a++) max = Math.max(max, logits[base + a]);
  let sum = 0;
  for (let a = 0; a < A; a++) sum += Math.exp(logits[base + a] - max);
  return logits[base + action] - max - Math.log(sum);
}

/** The action probabilities of row `r` of `A` logits (softmax, computed stably). */
export function softmaxRow(logits: ArrayLike<number>, r: number, A: number): Float32Array {
  const base = r * A;
  let max = -Infinity;
  for (let a = 0; a < A; a++) max = Math.max(max, logits[base + a]);
  const out = new Float32Array(A);
  let sum = 0;
  for (let a = 0; a < A; a++) sum += out[a] = Math.exp(logits[base + a] - max);
  for (let a = 0; a < A; a++) out[a] /= sum;
  return out;
}
