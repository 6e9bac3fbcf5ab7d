import type { ControllerAction, ObservationBatch } from '../../controller';
import { heard } from '../../steering';
import { CRYPTO_LAYOUT as L } from './scenario';

const N = L.codeLength;

/**
 * A one-time pad over two code words: Alice says goal XOR key; Bob, who holds the key, decodes it; Eve,
 * without the key, can only take the message at face value (right half of the time).
 * Observations (PettingZoo's): Alice [goal (4), key (4)], Bob [key (4), Alice's message (4)], Eve [message (4)].
 */
export function aliceEncodes(obs: Float32Array): number {
  return Math.max(0, heard(obs, L.alice.goal, N)) ^ Math.max(0, heard(obs, L.alice.key, N));
}

export function bobDecodes(obs: Float32Array): number {
  const said = heard(obs, L.bob.message, N);
  return said < 0 ? 0 : (said ^ Math.max(0, heard(obs, L.bob.key, N))) & 3;
}

export function eveGuesses(obs: Float32Array): number {
  return Math.max(0, heard(obs, L.eve.message, N));
}

/** A one-time pad: Alice encodes, Bob decodes with the key, Eve takes the message at face value. */
export function scripted(batch: ObservationBatch): ControllerAction[] {
  return batch.agents.map((s, k) => (s.role === 'alice' ? aliceEncodes(batch.obs[k]) : s.role === 'bob' ? bobDecodes(batch.obs[k]) : eveGuesses(batch.obs[k])));
}
