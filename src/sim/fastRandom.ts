import { ArenaInputError } from './errors';

/**
 * Small seeded generator (SplitMix32) for things that need speed, not NumPy parity: random actions,
 * benchmarks, exploration. Same seed, same sequence.
 */
export class FastRandom {
  private s: number;

  constructor(seed = 0) {
    this.s = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.s = (this.s + 0x9e3779b9) >>> 0;
    let z = this.s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  }

  /** The whole generator state, to save and restore (checkpoints). */
  get state(): number {
    return this.s;
  }

  set state(s: number) {
    this.s = s >>> 0;
  }

  /** Restore a saved state (a checkpoint's), refusing anything but an integer by `field`'s name. */
  restore(state: unknown, field: string): void {
    if (!Number.isInteger(state) || (state as number) < 0 || (state as number) >= 2 ** 32)
      throw new ArenaInputError(field, state, 'an integer from 0 to 4294967295 (a generator state)');
    this.s = (state as number) >>> 0;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}
