import { describe, expect, it } from 'vitest';
import { NumpyRandom, seedSequenceState } from '../../src/sim/rng';
import { readReference, referenceFiles } from '../support/reference';

describe('NumPy-compatible generator', () => {
  const files = referenceFiles('traj').filter((f) => f.includes('T25'));

  it.each(files)('%s: SeedSequence, PCG64 seeding and raw words match NumPy', (file) => {
    const { reset_seed: seed, reset_rng: rng } = readReference(file);
    expect(seedSequenceState(seed, 4).map(String)).toEqual(rng.seed_sequence_generate_state_uint64x4);
    const g = new NumpyRandom(seed);
    const s = g.getState();
    expect(String(s.state)).toBe(rng.pcg64_state_after_seeding.state);
    expect(String(s.inc)).toBe(rng.pcg64_state_after_seeding.inc);
    expect(rng.first_raw_uint64.map(() => String(g.nextUint64()))).toEqual(rng.first_raw_uint64);
  });

  it.each(files.filter((f) => f.includes('speaker') || f.includes('reference')))('%s: choice() draws the recorded goals and keeps the half word', (file) => {
    const traj = readReference(file);
    const g = new NumpyRandom(traj.reset_seed);
    for (const draw of traj.reset_rng.goal_draws) expect(g.integers(3)).toBe(draw.landmark_index);
    const after = traj.reset_rng.pcg64_state_after_reset;
    if (after) {
      for (let i = 0; i < traj.entity_order.length * 2; i++) g.random();
      const s = g.getState();
      expect(String(s.state)).toBe(after.state);
      expect(s.hasUint32).toBe(Boolean(after.has_uint32));
      if (after.has_uint32) expect(String(s.uinteger)).toBe(String(after.buffered_uint32));
    }
  });

  it('uniform(low, high) is low + (high - low) * (raw >> 11) * 2^-53', () => {
    const a = new NumpyRandom(42);
    const b = new NumpyRandom(42);
    const raw = a.nextUint64();
    expect(b.uniform(-0.9, 0.9)).toBe(-0.9 + 1.8 * (Number(raw >> 11n) * 2 ** -53));
  });

  it('rejects negative and fractional seeds', () => {
    expect(() => new NumpyRandom(-1)).toThrow(/non-negative integer/);
    expect(() => new NumpyRandom(1.5)).toThrow(/non-negative integer/);
  });

  it('a large seed uses every 32-bit word (different from its low word alone)', () => {
    const big = (1n << 40n) + 7n;
    expect(String(new NumpyRandom(big).nextUint64())).not.toBe(String(new NumpyRandom(7).nextUint64()));
  });
});
