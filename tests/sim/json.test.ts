import { describe, expect, it } from 'vitest';
import { ArenaInputError, describeValue } from '../../src/sim/errors';
import { findNonFinite, jsonDepth, NonFiniteError, parseJson, stringifyFinite } from '../../src/sim/json';

describe('JSON from outside, within limits', () => {
  it('refuses nesting deeper than the limit before parsing (a 10,000-deep file would overflow whatever walks it)', () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    expect(() => parseJson(deep, 'checkpoint', 'a checkpoint file', { maxChars: 1e6 })).toThrow(
      /checkpoint: got "60,001 characters"; it nests deeper than 64 levels/,
    );
    expect(parseJson(`${'['.repeat(64)}${']'.repeat(64)}`, 'x', 'y', { maxChars: 1e6 })).toBeInstanceOf(Array);
    // brackets inside strings are not nesting, escaped quotes do not end a string
    expect(jsonDepth('{"a": "[[[[\\"[[[[", "b": [1, [2]]}')).toBe(3);
  });

  it('refuses a text larger than allowed, and says what is wrong with one that is not JSON', () => {
    expect(() => parseJson('[1, 2, 3]', 'link', 'a list', { maxChars: 5 })).toThrow(
      /link: got "9 characters"; too large; allowed: a list of at most 5 characters/,
    );
    expect(() => parseJson('{"a": ', 'f', 'a file', { maxChars: 100, shown: 'run/x.json' })).toThrow(/f: got "run\/x.json"; it is truncated or not JSON/);
    expect(() => parseJson('  ', 'f', 'a file', { maxChars: 100 })).toThrow(/it is empty/);
  });

  it('finds the first non-finite number anywhere, typed arrays included, and a writer refuses to write it', () => {
    expect(findNonFinite({ a: [1, { b: 2 }], c: 'x', d: null })).toBeNull();
    expect(findNonFinite({ a: [1, { b: NaN }] })).toBe('a[1].b (NaN)');
    expect(findNonFinite({ w: Float32Array.of(1, Infinity) }, 'p')).toBe('p.w[1] (Infinity)');
    expect(() => stringifyFinite({ step: 3, loss: -Infinity }, 'metrics row')).toThrow(NonFiniteError);
    expect(() => stringifyFinite({ step: 3, loss: -Infinity }, 'metrics row')).toThrow(/metrics row holds a non-finite number at loss \(-Infinity\)/);
    expect(stringifyFinite({ step: 3 }, 'row')).toBe('{"step":3}');
  });
});

describe('values echoed in errors', () => {
  it('cuts any echoed value to about 100 characters and says how long it was', () => {
    const huge = 'x'.repeat(2_000_000);
    const err = new ArenaInputError('checkpoint.format', huge, 'particle-arena/checkpoint');
    expect(err.message.length).toBeLessThan(300);
    expect(err.message).toMatch(/got "x{100}…" \(2,000,000 characters\); allowed: particle-arena\/checkpoint/);
    expect(describeValue(Number('9'.repeat(400)))).toBe('Infinity');
    expect(describeValue(BigInt('9'.repeat(5000))).length).toBeLessThan(140);
    // a field or allowed list made from input is cut as well
    expect(new ArenaInputError('y'.repeat(10_000), 1, 'z'.repeat(10_000)).message.length).toBeLessThan(1000);
    // a cycle or a nesting too deep for JSON still gives a message
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe('[object Object]');
  });
});
