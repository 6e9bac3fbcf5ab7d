import { ArenaInputError } from './errors';

/** One scenario option, named as PettingZoo names it (`N`, `local_ratio`, `max_cycles`, ...). */
export type OptionSpec =
  | { type: 'int'; default: number; min: number; max: number; doc: string }
  | { type: 'number'; default: number; min: number; max: number; doc: string }
  | { type: 'bool'; default: boolean; doc: string };

export type OptionSchema = Record<string, OptionSpec>;
export type OptionValues = Record<string, number | boolean>;

export function describeOption(spec: OptionSpec): string {
  if (spec.type === 'bool') return 'true or false';
  if (spec.type === 'int') return `an integer from ${spec.min} to ${spec.max}`;
  return `a number from ${spec.min} to ${spec.max}`;
}

/** Fill defaults and check every option; unknown keys and bad values throw an ArenaInputError. */
export function resolveOptions(scenario: string, schema: OptionSchema, given: Record<string, unknown> = {}): OptionValues {
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    throw new ArenaInputError(`${scenario} options`, given, `an object with keys ${Object.keys(schema).join(', ')}`);
  }
  const out: OptionValues = {};
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(schema, key)) {
      throw new ArenaInputError(`${scenario}.${key}`, given[key], `one of the options ${Object.keys(schema).join(', ')}`, 'unknown option');
    }
  }
  for (const [key, spec] of Object.entries(schema)) {
    const value = given[key];
    if (value === undefined) {
      out[key] = spec.default;
      continue;
    }
    const field = `${scenario}.${key}`;
    if (spec.type === 'bool') {
      if (typeof value !== 'boolean') throw new ArenaInputError(field, value, describeOption(spec));
      out[key] = value;
      continue;
    }
    const ok =
      typeof value === 'number' && Number.isFinite(value) && (spec.type === 'number' || Number.isInteger(value)) && value >= spec.min && value <= spec.max;
    if (!ok) throw new ArenaInputError(field, value, describeOption(spec));
    out[key] = value as number;
  }
  return out;
}
