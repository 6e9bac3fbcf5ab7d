/**
 * One description of a value people give (a scenario option, a PPO setting, a CLI flag): its type and
 * range, a default and a line of help. Scenario options, PPO settings and CLI flags add their own
 * fields (a flag name, a label) to it; all are checked and described by the two functions below.
 */
export type ValueSpec =
  | { type: 'int' | 'number'; min: number; max: number; default?: number; doc: string }
  | { type: 'bool'; default?: boolean; doc: string }
  | { type: 'string'; choices?: readonly string[]; default?: string; doc: string };

/** What `spec` allows, in words (for error messages and help). */
export function allowedValues(spec: ValueSpec): string {
  if (spec.type === 'bool') return 'true or false';
  if (spec.type === 'string') return spec.choices ? `one of ${spec.choices.join(', ')}` : 'a text value';
  return `${spec.type === 'int' ? 'an integer' : 'a number'} from ${spec.min} to ${spec.max}`;
}

/** Whether `value` is allowed by `spec`. */
export function isAllowed(spec: ValueSpec, value: unknown): boolean {
  if (spec.type === 'bool') return typeof value === 'boolean';
  if (spec.type === 'string') return typeof value === 'string' && (!spec.choices || spec.choices.includes(value));
  return typeof value === 'number' && Number.isFinite(value) && value >= spec.min && value <= spec.max && (spec.type === 'number' || Number.isInteger(value));
}

/** Text (a flag's or a link's value) as the value `spec` takes; numbers may be written 2e6 or 2_000_000. NaN when unreadable. */
export function valueFromText(spec: ValueSpec, text: string): number | string | boolean {
  if (spec.type === 'string') return text;
  if (spec.type === 'bool') return text === 'true' ? true : text === 'false' ? false : NaN;
  if (!isNumberText(text)) return NaN;
  const value = Number(text.replace(/_/g, ''));
  // 1e-400 is not 0: a number too small for a double is refused, not rounded away
  return value === 0 && /[1-9]/.test(text.split(/[eE]/)[0]) ? NaN : value;
}

/** Decimal numbers as people type them: 3, -1, 0.5, .5, 2e6, 2_000_000 (underscores between digits). */
const NUMBER_TEXT = /^-?(?:\d+(?:_\d+)*(?:\.\d+(?:_\d+)*)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+)?$/;

/** Whether `text` is a number as `valueFromText` reads it (no hex, no `_` alone, no spaces, no `5.`). */
export function isNumberText(text: string): boolean {
  return NUMBER_TEXT.test(text);
}
