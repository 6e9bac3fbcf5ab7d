import type { ControllerRegistry } from '../../plugins/registry';
import { teamsOf } from '../../plugins/teams';
import { ArenaInputError } from '../../sim/errors';
import { resolveOptions, describeOption, optionNamed } from '../../sim/options';
import { scenarioEntry } from '../../sim/scenarios';
import {
  DEFAULT_DIFFICULTY,
  defaultController,
  defaultSetup,
  DIFFICULTIES,
  PACK_LEVELS,
  packSetup,
  PLAY,
  sizeOptions,
  SPEEDS,
  type Difficulty,
  type GameSetup,
  type PackLevel,
} from './setup';

export interface DeepLink {
  /** The setup to start, or null when the link names no scenario (show the menu). */
  setup: GameSetup | null;
  /** One message per bad parameter; bad values are ignored and defaults used instead. */
  errors: string[];
}

/**
 * `?scenario=tag&predators=scripted&prey=human&seed=7&num_obstacles=1&speed=2&mode=play`, or
 * `?mode=play&difficulty=hard`, or `?pack=much` (Watch the pack at a diversity set-point). Team names take controller ids (old names of renamed policies too);
 * option names are PettingZoo's or their short flags (`n`, `max-cycles`; `steps` from older links).
 */
export function parseDeepLink(search: string, registry: ControllerRegistry): DeepLink {
  const all = [...new URLSearchParams(search)];
  if (!all.length) return { setup: null, errors: [] };
  if (all.length > MAX_LINK_PARAMS) {
    // no link of the game is this long: refused whole, in one line (not one message per parameter)
    const got = `${all.length.toLocaleString('en-US')} parameters`;
    return { setup: null, errors: [new ArenaInputError('link', got, `up to ${MAX_LINK_PARAMS} parameters`, 'the whole link was ignored').message] };
  }
  const { params, errors } = readParams(all);
  const link = parseParams(params, errors, registry);
  if (errors.length > MAX_LINK_MESSAGES)
    errors.splice(MAX_LINK_MESSAGES - 1, Infinity, `… and ${errors.length - MAX_LINK_MESSAGES + 1} more problems with this link`);
  return link;
}

/** More parameters than any link of the game needs (it reads about 15 at most). */
export const MAX_LINK_PARAMS = 24;
/** Messages listed for one link; the rest are counted, so the banner stays short. */
const MAX_LINK_MESSAGES = 8;

/**
 * The parameters given once each, without spaces. A repeated one (`seed=1&seed=2`) is ambiguous and a
 * space is a typo (`+` reads as a space: `scenario=tag+x`): both are refused with a message, not guessed.
 */
function readParams(all: [string, string][]): { params: Map<string, string>; errors: string[] } {
  const byKey = new Map<string, string[]>();
  for (const [key, value] of all) byKey.set(key, [...(byKey.get(key) ?? []), value]);
  const params = new Map<string, string>();
  const errors: string[] = [];
  for (const [key, values] of byKey) {
    if (values.length > 1) {
      errors.push(new ArenaInputError(key, values, 'one value per parameter', `given ${values.length} times, so all were ignored`).message);
    } else if (key !== 'renderer' && /\s/.test(values[0])) {
      // the renderer is read (and its value reported) before the game starts, in view/rendererChoice
      errors.push(new ArenaInputError(key, values[0], 'a value without spaces', 'a "+" or %20 in a link is a space; ignored').message);
    } else {
      params.set(key, values[0]);
    }
  }
  return { params, errors };
}

function parseParams(params: Map<string, string>, errors: string[], registry: ControllerRegistry): DeepLink {
  let scenario: string = PLAY.scenario;
  const rawScenario = params.get('scenario') ?? null;
  if (rawScenario !== null) {
    try {
      scenario = scenarioEntry(rawScenario).id;
    } catch (err) {
      errors.push((err as ArenaInputError).message);
    }
  }
  const mode = params.get('mode') ?? null;
  if (mode !== null && mode !== 'play' && mode !== 'watch') errors.push(new ArenaInputError('mode', mode, 'play or watch').message);
  const playing = mode === 'play' && scenario === PLAY.scenario;
  let difficulty: Difficulty = DEFAULT_DIFFICULTY;
  const rawDifficulty = params.get('difficulty') ?? null;
  if (rawDifficulty !== null) {
    if ((DIFFICULTIES as readonly string[]).includes(rawDifficulty)) difficulty = rawDifficulty as Difficulty;
    else errors.push(new ArenaInputError('difficulty', rawDifficulty, DIFFICULTIES.join(', ')).message);
    if (!playing) errors.push(`difficulty: applies to mode=play (the predators you play against); ignored here`);
  }
  const rawPack = params.get('pack') ?? null;
  let pack: PackLevel | null = null;
  if (rawPack !== null) {
    if ((PACK_LEVELS as readonly string[]).includes(rawPack) && scenario === PLAY.scenario && !playing) pack = rawPack as PackLevel;
    else if (!(PACK_LEVELS as readonly string[]).includes(rawPack)) errors.push(new ArenaInputError('pack', rawPack, PACK_LEVELS.join(', ')).message);
    else errors.push(`pack: shows tag's predators to watch; ignored with ${playing ? 'mode=play' : `scenario ${scenario}`}`);
  }
  const setup = pack ? packSetup(registry, pack) : defaultSetup(registry, scenario, playing ? 'play' : 'watch', difficulty);
  if (pack && !setup.pack) errors.push(`pack: the ${pack} pack did not load (see the other messages); showing the default predators`);
  if (mode === 'play' && scenario !== PLAY.scenario)
    errors.push(`mode: play needs scenario=${scenarioEntry(PLAY.scenario).aliases[0]} (you play the ${PLAY.person}); showing ${scenario} to watch`);

  const teams = teamsOf(scenario);
  const optionNames = sizeOptions(scenario);
  /** Teams the link names a controller for; the others get the best default for the final sizes. */
  const named = new Set<string>();
  const entry = scenarioEntry(scenario);
  for (const [key, value] of params) {
    if (key === 'scenario' || key === 'mode' || key === 'renderer' || key === 'difficulty' || key === 'pack') continue;
    const team = teams.find((t) => t.name === key);
    if (team) {
      try {
        setup.controllers[key] = registry.check(value, scenario, team.role, key).id;
        named.add(key);
      } catch (err) {
        errors.push((err as Error).message);
      }
      continue;
    }
    if (key === 'seed') {
      const seed = Number(value);
      if (value.trim() !== '' && Number.isSafeInteger(seed) && seed >= 0) setup.seed = seed;
      else errors.push(new ArenaInputError('seed', value, 'a non-negative integer').message);
      continue;
    }
    if (key === 'speed') {
      const speed = Number(value);
      if (SPEEDS.includes(speed)) setup.speed = speed;
      else errors.push(new ArenaInputError('speed', value, SPEEDS.join(', ')).message);
      continue;
    }
    const option = optionNamed(entry.options, key) ?? key;
    if (optionNames.includes(option)) {
      const spec = entry.options[option];
      const num = Number(value);
      try {
        if (value.trim() === '') throw new ArenaInputError(key, value, describeOption(spec));
        resolveOptions(scenario, entry.options, { [option]: num });
        setup.options[option] = num;
      } catch (err) {
        errors.push(err instanceof ArenaInputError ? new ArenaInputError(key, value, describeOption(spec)).message : String(err));
      }
      continue;
    }
    const allowed = [
      'scenario',
      'mode',
      'difficulty',
      'pack',
      'seed',
      'speed',
      ...teams.map((t) => t.name),
      ...optionNames.flatMap((o) => [o, entry.options[o].flag ?? o]),
    ];
    errors.push(new ArenaInputError(key, value, `parameters ${allowed.join(', ')}`, 'unknown parameter').message);
  }
  // the defaults were chosen for the default sizes: choose again for the sizes the link asks for (a trained
  // policy fits only the sizes it was trained on), keeping a play round's prey and level where they fit
  const resolved = { ...Object.fromEntries(Object.entries(entry.options).map(([k, spec]) => [k, spec.default])), ...setup.options, continuous_actions: false };
  for (const t of teams) {
    if (named.has(t.name)) continue;
    const current = setup.controllers[t.name];
    if (registry.forRole(scenario, t.role, resolved).some((c) => c.id === current)) continue;
    setup.controllers[t.name] = defaultController(registry, scenario, t.role, resolved);
  }
  return { setup, errors };
}
