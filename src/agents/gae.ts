/**
 * Generalised advantage estimation over a rollout of T steps for N parallel agents, laid out [t][n].
 *
 * - `episodeEnd[t][n]`: the episode of agent n ended at step t (terminated or truncated).
 * - `terminated[t][n]`: it ended in a terminal state: nothing to bootstrap from.
 * - `finalValues[t][n]`: value of the last observation of an episode that was truncated at step t
 *   (time ran out, the state was not terminal): that is what the return bootstraps from.
 * - `lastValues[n]`: value of the observation after the last step of the rollout.
 */
export function computeGae(args: {
  T: number;
  N: number;
  rewards: Float32Array;
  values: Float32Array;
  episodeEnd: Uint8Array;
  terminated: Uint8Array;
  finalValues: Float32Array;
  lastValues: Float32Array;
  gamma: number;
  lambda: number;
  advantages: Float32Array;
  returns: Float32Array;
}): void {
  const { T, N, rewards, values, episodeEnd, terminated, finalValues, lastValues, gamma, lambda, advantages, returns } = args;
  for (let n = 0; n < N; n++) {
    let lastGae = 0;
    for (let t = T - 1; t >= 0; t--) {
      const i = t * N + n;
      let nextValue: number;
      if (episodeEnd[i]) nextValue = terminated[i] ? 0 : finalValues[i];
      else nextValue = t === T - 1 ? lastValues[n] : values[i + N];
      const delta = rewards[i] + gamma * nextValue - values[i];
      // the trace never crosses into the next episode
      lastGae = delta + (episodeEnd[i] ? 0 : gamma * lambda * lastGae);
      advantages[i] = lastGae;
      returns[i] = lastGae + values[i];
    }
  }
}
