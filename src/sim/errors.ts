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
    super(`${field}: got ${describeValue(value)}; ${detail ? `${detail}; ` : ''}allowed: ${allowed}`);
    this.name = 'ArenaInputError';
    this.field = field;
    this.value = value;
    this.allowed = allowed;
  }
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (undefined)';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const arr = Array.from(value as unknown as ArrayLike<number>);
    return `${value.constructor.name}(${arr.length}) [${arr.slice(0, 8).join(', ')}${arr.length > 8 ? ', …' : ''}]`;
  }
  try {
    const text = JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    if (text === undefined) return String(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return String(value);
  }
}
