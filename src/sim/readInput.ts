import { ArenaInputError, cut } from './errors';
import { MAX_JSON_DEPTH } from './json';

/**
 * Input read once into plain data before anything checks it. Getters, Proxies (revoked ones too) and
 * inherited properties can then neither throw raw errors from inside a check nor answer differently
 * after it: everything after the copy sees only arrays, plain objects, typed arrays and primitives.
 */

/** Most values one input may hold (a 4,096-env state has a few million): a shared sub-list repeated through a list cannot blow up the copy. */
export const MAX_INPUT_VALUES = 10_000_000;

/** What a copy holds where the input had a function: no input takes one, and a symbol passes no check. */
const A_FUNCTION = Symbol('a function');
const A_DATA_VIEW = Symbol('a DataView');

const VIEW_TYPES = [
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  BigInt64Array,
  BigUint64Array,
] as const;

/** `err instanceof ArenaInputError`, which itself throws for a revoked Proxy. */
export function isArenaInputError(err: unknown): err is ArenaInputError {
  try {
    return err instanceof ArenaInputError;
  } catch {
    return false;
  }
}

/** What a thrown value says, without trusting it (its `message` may be a getter that throws too). */
export function thrownText(err: unknown): string {
  try {
    return cut(String(err instanceof Error ? err.message : err), 200);
  } catch {
    return 'an unreadable error';
  }
}

/** The error for an input that threw while being read. */
export function unreadable(field: string, allowed: string, err: unknown): ArenaInputError {
  return new ArenaInputError(field, 'an object that threw while being read', allowed, `reading it threw: ${thrownText(err)}`);
}

/** `read()`, with anything it throws that is not already an ArenaInputError turned into one naming `field`. */
export function guardRead<T>(field: string, allowed: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (isArenaInputError(err)) throw err;
    throw unreadable(field, allowed, err);
  }
}

const pathOf = (field: string, trail: readonly (string | number)[]): string =>
  field + trail.map((k) => (typeof k === 'number' ? `[${k}]` : `.${cut(k, 60)}`)).join('');

/**
 * `value` read exactly once, deeply, into plain data: arrays, objects of own enumerable properties,
 * copied typed arrays, primitives. A throw while reading, a cycle or an absurd size becomes an
 * ArenaInputError naming the path (`field.p_vel[2]`); so does a property only inherited through a
 * prototype (it would be read by `in` but not copied: refused rather than silently dropped).
 */
export function readPlain(field: string, value: unknown, allowed: string): unknown {
  const trail: (string | number)[] = [];
  let left = MAX_INPUT_VALUES;
  const refuse = (what: string, detail: string) => new ArenaInputError(pathOf(field, trail), what, allowed, detail);
  const copy = (v: unknown): unknown => {
    if (--left < 0) throw refuse('an input too large to read', `more than ${MAX_INPUT_VALUES.toLocaleString('en-US')} values`);
    if (typeof v === 'function') return A_FUNCTION;
    if (v === null || typeof v !== 'object') return v;
    if (trail.length > MAX_JSON_DEPTH) throw refuse('an input nested too deep', `nested deeper than ${MAX_JSON_DEPTH} levels (a cycle?)`);
    if (ArrayBuffer.isView(v)) {
      const View = VIEW_TYPES.find((T) => v instanceof T);
      return View ? new View(v as never) : A_DATA_VIEW;
    }
    if (Array.isArray(v)) {
      const length: unknown = v.length;
      if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0 || length > left) {
        throw refuse('an array of unreadable length', `length ${String(length)}`);
      }
      const out = new Array<unknown>(length);
      for (let i = 0; i < length; i++) {
        trail.push(i);
        out[i] = copy(v[i]);
        trail.pop();
      }
      return out;
    }
    const keys = Object.keys(v);
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      const own = new Set(keys);
      for (const k in v) if (!own.has(k)) throw refuse(`an object whose ${cut(k, 60)} is inherited`, 'only its own properties are read');
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      trail.push(k);
      // defined, not assigned: a "__proto__" key stays a key (and is refused by name) instead of setting the prototype
      Object.defineProperty(out, k, { value: copy((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
      trail.pop();
    }
    return out;
  };
  try {
    return copy(value);
  } catch (err) {
    if (isArenaInputError(err)) throw err;
    throw unreadable(pathOf(field, trail), allowed, err);
  }
}

/** `value` is a plain object (not null, not a list). */
export const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Refuses, by name, any key of `obj` outside `known` (a misspelt key would otherwise be silently ignored). */
export function refuseUnknownKeys(field: string, obj: Record<string, unknown>, known: readonly string[], allowed: string, what = 'key'): void {
  for (const k of Object.keys(obj)) {
    if (!known.includes(k)) throw new ArenaInputError(`${field}.${cut(k, 60)}`, obj[k], allowed, `unknown ${what} (known: ${known.join(', ')})`);
  }
}

/** `new ArenaInputError(...)` for a value that may be hostile: describing a revoked Proxy throws. */
export function inputError(field: string, value: unknown, allowed: string, detail?: string): ArenaInputError {
  return guardRead(field, allowed, () => new ArenaInputError(field, value, allowed, detail));
}

/** The error for assigning to a read-only property (`env.t = 'x'`); `setBy` names what sets it. */
export function readOnlyError(field: string, value: unknown, setBy: string): ArenaInputError {
  return inputError(field, value, `no assignment: ${field} is read-only (${setBy} sets it)`);
}
