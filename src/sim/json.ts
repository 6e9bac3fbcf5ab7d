import { ArenaInputError } from './errors';

/**
 * JSON from outside (files, uploads, worker messages, links) read within limits. `JSON.parse` has none: a
 * 10,000-deep nesting parses, then overflows the stack of whatever walks it, and a huge text takes
 * the page down. No file the arena writes nests deeper than a dozen levels.
 */
export const MAX_JSON_DEPTH = 64;

export interface JsonLimits {
  /** Largest text accepted, in characters. */
  maxChars: number;
  maxDepth?: number;
  /** What an error shows as the value (a file's path); by default the text's size. */
  shown?: string;
}

/** The deepest nesting of arrays and objects in `text` (strings skipped), stopping once past `limit`. */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

/** Parse `text` as JSON within `limits`; every failure is an ArenaInputError naming `field` and `what` it should be. */
export function parseJson(text: string, field: string, what: string, limits: JsonLimits): unknown {
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH;
  if (typeof text !== 'string') throw new ArenaInputError(field, typeof text, `${what} as JSON text`);
  const shown = limits.shown ?? `${text.length.toLocaleString('en-US')} characters`;
  if (text.length > limits.maxChars)
    throw new ArenaInputError(field, shown, `${what} of at most ${limits.maxChars.toLocaleString('en-US')} characters`, 'too large');
  if (jsonDepth(text, maxDepth) > maxDepth)
    throw new ArenaInputError(field, shown, `${what} nested at most ${maxDepth} levels`, `it nests deeper than ${maxDepth} levels`);
  try {
    return JSON.parse(text);
  } catch (err) {
    const why = text.trim() === '' ? 'it is empty' : `it is truncated or not JSON (${(err as Error).message})`;
    throw new ArenaInputError(field, shown, `${what} (complete JSON)`, why);
  }
}

/**
 * Where `value` holds a number that is not finite (NaN, ±Infinity), as a path like `policies[0].step`, or
 * null. Typed arrays are searched too. `JSON.stringify` writes such a number as null, so a file would
 * silently lose it: writers check first.
 */
export function findNonFinite(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path || 'value'} (${value})`;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const arr = value as unknown as ArrayLike<number | bigint>;
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i];
      if (typeof v === 'number' && !Number.isFinite(v)) return `${path}[${i}] (${v})`;
    }
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findNonFinite(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const bad = findNonFinite(v, path ? `${path}.${k}` : k);
      if (bad) return bad;
    }
  }
  return null;
}

/** A run produced a number that is not finite: it stops rather than write it (the last good files stay). */
export class NonFiniteError extends Error {
  constructor(
    readonly what: string,
    readonly where: string,
  ) {
    super(`${what} holds a non-finite number at ${where}; nothing was written (the last good file is kept)`);
    this.name = 'NonFiniteError';
  }
}

/** `JSON.stringify(value)`, refusing (NonFiniteError naming the place) any number that is not finite. */
export function stringifyFinite(value: unknown, what: string, space?: number): string {
  const bad = findNonFinite(value);
  if (bad) throw new NonFiniteError(what, bad);
  return JSON.stringify(value, null, space);
}
