/** Gymnasium-shaped spaces, so policies written against PettingZoo read the same shapes here. */

export interface DiscreteSpace {
  type: 'Discrete';
  n: number;
  start: 0;
}

export interface BoxSpace {
  type: 'Box';
  low: number;
  high: number;
  shape: [number];
  dtype: 'float32';
}

export type Space = DiscreteSpace | BoxSpace;

export const discrete = (n: number): DiscreteSpace => ({ type: 'Discrete', n, start: 0 });

/** PettingZoo observation spaces are Box(-inf, inf, (dim,), float32). */
export const box = (dim: number, low = -Infinity, high = Infinity): BoxSpace => ({
  type: 'Box',
  low,
  high,
  shape: [dim],
  dtype: 'float32',
});

/** Number of values one action of this space takes in a flat buffer: 1 for Discrete, the length for Box. */
export const actionWidth = (space: Space): number => (space.type === 'Discrete' ? 1 : space.shape[0]);
