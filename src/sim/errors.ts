/**
 * The one error type for bad input anywhere in the arena (options, actions, states, checkpoints).
 * It always names the field, shows the value it got, and says what is allowed, so a caller can fix the
 * call without reading our source. Throwing it never leaves an env half-updated.
 */
export class ArenaInputError extends Error {
  readonly field: string;
  readonly value: unknown;
  readonly allowed: string;

  constructor(field: string, value: unknown, allowed: string, detail?: string) {
    super(`${cut(field, 200)}: got ${describeValue(value)}; ${detail ? `${cut(detail, 400)}; ` : ''}allowed: ${cut(allowed, 600)}`);
    this.name = 'ArenaInputError';
    this.field = field;
    this.value = value;
    this.allowed = allowed;
  }
}

/** Longest echo of a given value: a message must stay readable whatever it quotes (a 2 MB string, a 5,000-digit seed). */
export const ECHO_LIMIT = 100;

/** `text` cut to `limit` characters, saying how long it was, so a hostile or huge input never floods a message. */
export function cut(text: string, limit = ECHO_LIMIT): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length.toLocaleString('en-US')} characters)`;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (undefined)';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' || typeof value === 'bigint') return cut(String(value));
  if (typeof value === 'string')
    return value.length <= ECHO_LIMIT
      ? JSON.stringify(value)
      : `${JSON.stringify(value.slice(0, ECHO_LIMIT)).slice(0, -1)}…" (${value.length.toLocaleString('en-US')} characters)`;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const arr = Array.from(value as unknown as ArrayLike<number>);
    return `${value.constructor.name}(${arr.length}) [${arr.slice(0, 8).join(', ')}${arr.length > 8 ? ', …' : ''}]`;
  }
  try {
    const text = JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    if (text === undefined) return cut(String(value));
    return text.length > ECHO_LIMIT + 20 ? `${text.slice(0, ECHO_LIMIT + 17)}...` : text;
  } catch {
    // a cycle, or an object nested too deep to stringify
    return cut(Object.prototype.toString.call(value));
  }
}
