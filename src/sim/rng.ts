/**
 * NumPy-compatible random generator: `Generator(PCG64(SeedSequence(seed)))`.
 *
 * PettingZoo's `reset(seed=s)` builds exactly this generator, so implementing it bit for bit means
 * `reset({ seed: s })` here places every entity where PettingZoo would. Only the draws MPE uses are
 * provided: raw 64-bit words, `random()` (53-bit doubles), `uniform(low, high)` and `integers(0, n)`
 * (Lemire's method on buffered 32-bit words, as NumPy does for small ranges).
 */

const MASK64 = (1n << 64n) - 1n;
const MASK128 = (1n << 128n) - 1n;
const PCG_MULTIPLIER = (2549297995355413924n << 64n) + 4865540595714422341n;

// SeedSequence hashing constants (NumPy's bit_generator.pyx).
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const POOL_SIZE = 4;

/** Little-endian 32-bit words of a non-negative integer seed (0 gives [0]). */
function seedWords(seed: bigint): number[] {
  if (seed === 0n) return [0];
  const words: number[] = [];
  let rest = seed;
  while (rest > 0n) {
    words.push(Number(rest & 0xffffffffn));
    rest >>= 32n;
  }
  return words;
}

/** NumPy `SeedSequence(seed).generate_state(nWords, np.uint64)`. */
export function seedSequenceState(seed: number | bigint, nWords64: number): bigint[] {
  const entropy = seedWords(BigInt(seed));
  let hashA = INIT_A;
  const hashmix = (value: number): number => {
    let v = (value ^ hashA) >>> 0;
    hashA = Math.imul(hashA, MULT_A) >>> 0;
    v = Math.imul(v, hashA) >>> 0;
    return (v ^ (v >>> 16)) >>> 0;
  };
  const mix = (x: number, y: number): number => {
    const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
    return (r ^ (r >>> 16)) >>> 0;
  };
  const pool = new Array<number>(POOL_SIZE);
  for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < entropy.length ? entropy[i] : 0);
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) {
      if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
    }
  }
  for (let src = POOL_SIZE; src < entropy.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(entropy[src]));
  }

  let hashB = INIT_B;
  const words32: number[] = [];
  for (let i = 0; i < nWords64 * 2; i++) {
    let v = (pool[i % POOL_SIZE] ^ hashB) >>> 0;
    hashB = Math.imul(hashB, MULT_B) >>> 0;
    v = Math.imul(v, hashB) >>> 0;
    words32.push((v ^ (v >>> 16)) >>> 0);
  }
  const out: bigint[] = [];
  for (let i = 0; i < nWords64; i++) {
    out.push(BigInt(words32[2 * i]) | (BigInt(words32[2 * i + 1]) << 32n));
  }
  return out;
}

export interface Pcg64State {
  state: bigint;
  inc: bigint;
  hasUint32: boolean;
  uinteger: number;
}

export class NumpyRandom {
  private state = 0n;
  private inc = 0n;
  private hasUint32 = false;
  private uinteger = 0;

  constructor(seed: number | bigint) {
    if (typeof seed === 'number' && (!Number.isSafeInteger(seed) || seed < 0)) {
      throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
    }
    if (typeof seed === 'bigint' && seed < 0n) throw new RangeError(`seed must be non-negative, got ${seed}`);
    const [s0, s1, i0, i1] = seedSequenceState(seed, 4);
    const initState = (s0 << 64n) | s1;
    const initSeq = (i0 << 64n) | i1;
    // pcg_setseq_128_srandom_r
    this.inc = ((initSeq << 1n) | 1n) & MASK128;
    this.step();
    this.state = (this.state + initState) & MASK128;
    this.step();
  }

  private step(): void {
    this.state = (this.state * PCG_MULTIPLIER + this.inc) & MASK128;
  }

  /** Next raw 64-bit output (PCG64 XSL-RR), as NumPy's `bit_generator.random_raw()`. */
  nextUint64(): bigint {
    this.step();
    const s = this.state;
    const xored = ((s >> 64n) ^ s) & MASK64;
    const rot = Number(s >> 122n);
    return ((xored >> BigInt(rot)) | (xored << BigInt((64 - rot) & 63))) & MASK64;
  }

  /** Next 32-bit word, using the kept high half of the previous 64-bit word when there is one. */
  nextUint32(): number {
    if (this.hasUint32) {
      this.hasUint32 = false;
      return this.uinteger;
    }
    const r = this.nextUint64();
    this.hasUint32 = true;
    this.uinteger = Number(r >> 32n);
    return Number(r & 0xffffffffn);
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  random(): number {
    return Number(this.nextUint64() >> 11n) * 2 ** -53;
  }

  /** `Generator.uniform(low, high)` for scalars: `low + (high - low) * random()`. */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.random();
  }

  /** `Generator.integers(0, n)` for 1 <= n <= 2^32 (Lemire's method on 32-bit words). */
  integers(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`integers(n) needs 1 <= n <= 2^32, got ${n}`);
    if (n === 1) return 0;
    const range = BigInt(n);
    const threshold = Number((0x100000000n - range) % range);
    for (;;) {
      const m = BigInt(this.nextUint32()) * range;
      if (Number(m & 0xffffffffn) >= threshold) return Number(m >> 32n);
    }
  }

  /** `Generator.choice(items)` for a list: one uniform index. */
  choice<T>(items: readonly T[]): T {
    return items[this.integers(items.length)];
  }

  getState(): Pcg64State {
    return { state: this.state, inc: this.inc, hasUint32: this.hasUint32, uinteger: this.uinteger };
  }

  setState(s: Pcg64State): void {
    this.state = s.state & MASK128;
    this.inc = s.inc & MASK128;
    this.hasUint32 = s.hasUint32;
    this.uinteger = s.uinteger >>> 0;
  }
}

/** A seed from the platform's entropy source, for a reset without a seed (as NumPy does). */
export function entropySeed(): bigint {
  const words = new Uint32Array(4);
  globalThis.crypto.getRandomValues(words);
  return (BigInt(words[0]) << 96n) | (BigInt(words[1]) << 64n) | (BigInt(words[2]) << 32n) | BigInt(words[3]);
}
