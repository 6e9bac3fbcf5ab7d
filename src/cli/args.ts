import { ArenaInputError } from '../sim/errors';

/** One command-line flag: its type decides how the text is read and checked. */
export type FlagSpec =
  | { type: 'int'; default?: number; min: number; max: number; doc: string }
  | { type: 'number'; default?: number; min: number; max: number; doc: string }
  | { type: 'string'; default?: string; choices?: readonly string[]; doc: string }
  | { type: 'bool'; doc: string };

export interface Parsed {
  positional: string[];
  flags: Record<string, number | string | boolean | undefined>;
}

/** `--help` or `-h` on a command: its usage is printed instead of running it. */
export class HelpRequested extends Error {
  constructor(
    readonly command: string,
    readonly usage: string,
  ) {
    super(`${command} --help`);
  }
}

/**
 * `--name value`, `--name=value`, boolean `--name` (and `--no-name` to turn it off); numbers may be written
 * 2e6 or 2_000_000. `maxWords`: how many plain words (file names) the command takes; more is an error, as
 * are single-dash flags and a flag given twice.
 */
export function parseArgs(command: string, argv: string[], spec: Record<string, FlagSpec>, maxWords = 0): Parsed {
  const positional: string[] = [];
  const flags: Parsed['flags'] = {};
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') throw new HelpRequested(command, usageOf(spec));
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg.length > 1 && !Number.isFinite(Number(arg))) {
        throw new ArenaInputError(command, arg, `--${arg.replace(/^-+/, '')} (flags take two dashes)`, 'single-dash flag');
      }
      if (positional.length >= maxWords) {
        throw new ArenaInputError(
          command,
          arg,
          maxWords === 0 ? 'flags only (--name value)' : `at most ${maxWords} file or folder name${maxWords === 1 ? '' : 's'} besides flags`,
          'unexpected word',
        );
      }
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    // `--no-<switch>` turns off a switch that is on by default
    if (!spec[name] && name.startsWith('no-') && spec[name.slice(3)]?.type === 'bool' && eq < 0) {
      flags[name.slice(3)] = false;
      continue;
    }
    const s = spec[name];
    if (!s)
      throw new ArenaInputError(
        `${command} --${name}`,
        arg,
        Object.keys(spec)
          .map((k) => `--${k}`)
          .join(', '),
        'unknown flag',
      );
    if (seen.has(name)) throw new ArenaInputError(`${command} --${name}`, arg, `--${name} once`, 'given twice');
    seen.add(name);
    if (s.type === 'bool') {
      if (eq >= 0) throw new ArenaInputError(`${command} --${name}`, arg, `--${name} alone (it is a switch)`);
      flags[name] = true;
      continue;
    }
    const text = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (text === undefined) throw new ArenaInputError(`${command} --${name}`, undefined, describe(s), 'missing value');
    flags[name] = readValue(`${command} --${name}`, text, s);
  }
  for (const [name, s] of Object.entries(spec)) {
    if (flags[name] === undefined && s.type !== 'bool' && s.default !== undefined) flags[name] = s.default;
  }
  return { positional, flags };
}

function describe(s: FlagSpec): string {
  if (s.type === 'int') return `an integer from ${s.min} to ${s.max}`;
  if (s.type === 'number') return `a number from ${s.min} to ${s.max}`;
  if (s.type === 'string') return s.choices ? `one of ${s.choices.join(', ')}` : 'a text value';
  return 'a switch';
}

function readValue(field: string, text: string, s: FlagSpec): number | string {
  if (s.type === 'string') {
    if (s.choices && !s.choices.includes(text)) throw new ArenaInputError(field, text, describe(s));
    return text;
  }
  const v = Number(text.replace(/_/g, ''));
  const ok = text.trim() !== '' && Number.isFinite(v) && (s.type === 'number' || Number.isInteger(v));
  if (!ok || (s.type !== 'bool' && (v < s.min || v > s.max))) throw new ArenaInputError(field, text, describe(s));
  return v;
}

export function usageOf(spec: Record<string, FlagSpec>): string {
  return Object.entries(spec)
    .map(
      ([k, s]) =>
        `  --${k}${s.type === 'bool' ? '' : ' <value>'}  ${s.doc} (${describe(s)}${'default' in s && s.default !== undefined ? `; default ${s.default}` : ''})`,
    )
    .join('\n');
}
