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
  const params = new URLSearchParams(search);
  const errors: string[] = [];
  if (![...params.keys()].length) return { setup: null, errors };

  let scenario: string = PLAY.scenario;
  const rawScenario = params.get('scenario');
  if (rawScenario !== null) {
    try {
      scenario = scenarioEntry(rawScenario).id;
    } catch (err) {
      errors.push((err as ArenaInputError).message);
    }
  }
  const mode = params.get('mode');
  if (mode !== null && mode !== 'play' && mode !== 'watch') errors.push(new ArenaInputError('mode', mode, 'play or watch').message);
  const playing = mode === 'play' && scenario === PLAY.scenario;
  let difficulty: Difficulty = DEFAULT_DIFFICULTY;
  const rawDifficulty = params.get('difficulty');
  if (rawDifficulty !== null) {
    if ((DIFFICULTIES as readonly string[]).includes(rawDifficulty)) difficulty = rawDifficulty as Difficulty;
    else errors.push(new ArenaInputError('difficulty', rawDifficulty, DIFFICULTIES.join(', ')).message);
    if (!playing) errors.push(`difficulty: applies to mode=play (the predators you play against); ignored here`);
  }
  const rawPack = params.get('pack');
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
