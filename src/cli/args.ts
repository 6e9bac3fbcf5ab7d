import { parseArgs as parseNodeArgs } from 'node:util';
import { ArenaInputError, cut } from '../sim/errors';
import { allowedValues, isAllowed, isNumberText, valueFromText, type ValueSpec } from '../sim/valueSpec';

/** One command-line flag: its type decides how the text is read and checked (the same spec as options and settings). */
export type FlagSpec = ValueSpec;

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
 * Node's `util.parseArgs` in strict mode, then every value checked against its spec: `--name value`,
 * `--name=value`, switches `--name` and `--no-name`; numbers may be written 2e6 or 2_000_000, negative
 * ones too (`--ent-coef-end -1`). `maxWords`: how many plain words (file names) the command takes. Unknown
 * flags, single-dash flags, a flag given twice, a switch given a value and extra words are errors that
 * name the flag and what is allowed.
 */
export function parseArgs(command: string, argv: string[], spec: Record<string, FlagSpec>, maxWords = 0): Parsed {
  if (argv.includes('--help') || argv.includes('-h')) throw new HelpRequested(command, usageOf(spec));
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = argv[i + 1];
    const valued = arg.startsWith('--') && !arg.includes('=') && Object.hasOwn(spec, arg.slice(2)) && spec[arg.slice(2)].type !== 'bool';
    // Node reads a value that starts with a dash as a missing one: hand a negative number over as --name=value
    if (valued && next !== undefined && next.startsWith('-') && isNumberText(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else if (arg.startsWith('-') && !arg.startsWith('--') && arg.length > 1 && !isNumberText(arg)) {
      throw new ArenaInputError(command, arg, `--${arg.replace(/^-+/, '')} (flags take two dashes)`, 'single-dash flag');
    } else args.push(arg);
  }
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({
      args,
      options: Object.fromEntries(Object.entries(spec).map(([name, s]) => [name, { type: s.type === 'bool' ? 'boolean' : 'string' }] as const)),
      strict: true,
      allowPositionals: true,
      allowNegative: true,
      tokens: true,
    } as Parameters<typeof parseNodeArgs>[0]);
  } catch (err) {
    throw parseError(command, err as Error & { code?: string }, spec);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new ArenaInputError(`${command} --${token.name}`, token.rawName, `--${token.name} once`, 'given twice');
    seen.add(token.name);
  }
  if (parsed.positionals.length > maxWords) {
    throw new ArenaInputError(
      command,
      parsed.positionals[maxWords],
      maxWords === 0 ? 'flags only (--name value)' : `at most ${maxWords} file or folder name${maxWords === 1 ? '' : 's'} besides flags`,
      'unexpected word',
    );
  }
  const flags: Parsed['flags'] = {};
  for (const [name, s] of Object.entries(spec)) {
    const raw = (parsed.values as Record<string, string | boolean | undefined>)[name];
    if (raw === undefined) {
      if (s.type !== 'bool' && s.default !== undefined) flags[name] = s.default;
      continue;
    }
    const value = typeof raw === 'boolean' ? raw : valueFromText(s, raw);
    if (!isAllowed(s, value)) throw new ArenaInputError(`${command} --${name}`, raw, allowedValues(s));
    flags[name] = value;
  }
  return { positional: parsed.positionals, flags };
}

/** Node's parse errors, said the way every other input error is: the flag, what was given, what is allowed. */
function parseError(command: string, err: Error & { code?: string }, spec: Record<string, FlagSpec>): Error {
  const flag = /'(-[^' ]+)/.exec(err.message)?.[1] ?? '';
  const name = flag.replace(/^-+/, '');
  const allFlags = `the flags \`arena ${command} --help\` lists`;
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    if (name.startsWith('no-') && Object.hasOwn(spec, name.slice(3)))
      return new ArenaInputError(`${command} ${cut(flag, 60)}`, flag, `--${name.slice(3)} <value> (it is not a switch)`);
    const near = nearestNames(name, Object.keys(spec));
    const allowed = near.length
      ? `${near.map((k) => `--${k}`).join(' or ')} (did you mean ${near.length === 1 ? 'it' : 'one of them'}?), or ${allFlags}`
      : allFlags;
    return new ArenaInputError(`${command} ${cut(flag, 60)}`, flag, allowed, 'unknown flag');
  }
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const s = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (s?.type === 'bool') return new ArenaInputError(`${command} --${name}`, flag, `--${name} alone (it is a switch)`);
    if (s) return new ArenaInputError(`${command} --${name}`, undefined, allowedValues(s), 'missing value');
  }
  return new ArenaInputError(command, flag || err.message, allFlags, err.message);
}

/** Levenshtein distance: how many one-letter edits turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length];
}

/** The known names closest to a mistyped one (at most three, each within a third of its length), nearest first. */
export function nearestNames(typed: string, known: readonly string[]): string[] {
  if (typed.length > 60) return [];
  const limit = Math.max(2, Math.ceil(typed.length / 3));
  const scored = known
    .map((k) => ({ k, d: k.startsWith(typed) || typed.startsWith(k) ? Math.min(1, editDistance(typed, k)) : editDistance(typed, k) }))
    .filter((x) => x.d <= limit);
  const best = Math.min(...scored.map((x) => x.d));
  return scored
    .filter((x) => x.d <= best + 1)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.k);
}

export function usageOf(spec: Record<string, FlagSpec>): string {
  return Object.entries(spec)
    .map(
      ([k, s]) =>
        `  --${k}${s.type === 'bool' ? '' : ' <value>'}  ${s.doc} (${s.type === 'bool' ? 'a switch' : allowedValues(s)}${s.type !== 'bool' && s.default !== undefined ? `; default ${s.default}` : ''})`,
    )
    .join('\n');
}

/** The flags of an argument list, each with its words (`--name value`, `--name=value`, `--switch`, `--no-switch`). */
function flagGroups(argv: readonly string[], spec: Record<string, FlagSpec>): { name: string; words: string[] }[] {
  const groups: { name: string; words: string[] }[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      groups.push({ name: '', words: [arg] });
      continue;
    }
    let name = arg.slice(2).split('=')[0];
    if (name.startsWith('no-') && spec[name.slice(3)]?.type === 'bool') name = name.slice(3);
    const takesNext = !arg.includes('=') && Object.hasOwn(spec, name) && spec[name].type !== 'bool' && i + 1 < argv.length;
    groups.push({ name, words: takesNext ? [arg, argv[++i]] : [arg] });
  }
  return groups;
}

/**
 * A command continued with the flags it was first given (`arena train --resume` reads them from the run
 * folder): every saved flag the new list does not name, then the new list, which wins. `drop`: saved
 * flags that never carry over.
 */
export function withSavedFlags(saved: readonly string[], given: readonly string[], spec: Record<string, FlagSpec>, drop: readonly string[] = []): string[] {
  const named = new Set(flagGroups(given, spec).map((g) => g.name));
  const kept = flagGroups(saved, spec).filter((g) => g.name !== '' && !named.has(g.name) && !drop.includes(g.name));
  return [...kept.flatMap((g) => g.words), ...given];
}
