import { ArenaInputError } from './errors';
import { allowedValues, isAllowed } from './valueSpec';

/**
 * One scenario option, named as PettingZoo names it (`N`, `local_ratio`, `max_cycles`, ...). `flag` is its
 * short name in CLI flags and URLs (`--n`, `?n=5`), `aliases` older short names links still use, and
 * `label` its name in the menu (options without one are not offered there). An `extension` is not
 * PettingZoo's: it is left out of resolved options unless given, so checkpoints and recordings that do not
 * use it carry only PettingZoo's keyword arguments.
 */
export type OptionSpec = (
  { type: 'int' | 'number'; default: number; min: number; max: number; doc: string } | { type: 'bool'; default: boolean; doc: string }
) & { flag?: string; aliases?: readonly string[]; label?: string; extension?: boolean };

/** Every scenario's episode length. */
export const MAX_CYCLES: OptionSpec = {
  type: 'int',
  default: 25,
  min: 1,
  max: 1_000_000,
  flag: 'max-cycles',
  aliases: ['steps'],
  label: 'Steps per episode',
  doc: 'steps per episode (PettingZoo default 25)',
};

/** PettingZoo's `continuous_actions`: Box actions instead of Discrete ones; `doc` names the shapes. */
export const continuousActions = (doc: string): OptionSpec => ({ type: 'bool', default: false, doc });

export type OptionSchema = Record<string, OptionSpec>;
export type OptionValues = Record<string, number | boolean>;

export const describeOption = (spec: OptionSpec): string => allowedValues(spec);

/** The PettingZoo name of the option a key names (its PettingZoo name, flag or alias), or undefined. */
export function optionNamed(schema: OptionSchema, key: string): string | undefined {
  if (Object.hasOwn(schema, key)) return key;
  return Object.keys(schema).find((name) => schema[name].flag === key || schema[name].aliases?.includes(key));
}

/** Options the menu and links offer as sizes (the labelled ones), in the schema's order. */
export const labelledOptions = (schema: OptionSchema): string[] => Object.keys(schema).filter((name) => schema[name].label !== undefined);

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
      if (!spec.extension) out[key] = spec.default;
      continue;
    }
    const field = `${scenario}.${key}`;
    if (!isAllowed(spec, value)) throw new ArenaInputError(field, value, allowedValues(spec));
    out[key] = value as number | boolean;
  }
  return out;
}
