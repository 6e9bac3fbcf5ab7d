import { heard } from './communication';

/**
 * A one-time pad over two code words: Alice says goal XOR key; Bob, who holds the key, decodes it; Eve,
 * without the key, can only take the message at face value (right half of the time).
 * Observations (PettingZoo's): Alice [goal (4), key (4)], Bob [key (4), Alice's message (4)], Eve [message (4)].
 */
export function aliceEncodes(obs: Float32Array): number {
  return Math.max(0, heard(obs, 0, 4)) ^ Math.max(0, heard(obs, 4, 4));
}

export function bobDecodes(obs: Float32Array): number {
  const said = heard(obs, 4, 4);
  return said < 0 ? 0 : (said ^ Math.max(0, heard(obs, 0, 4))) & 3;
}

export function eveGuesses(obs: Float32Array): number {
  return Math.max(0, heard(obs, 0, 4));
}
