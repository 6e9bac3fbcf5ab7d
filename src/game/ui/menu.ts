import type { ControllerRegistry } from '../../plugins/registry';
import { teamsOf } from '../../plugins/teams';
import { SCENARIOS } from '../../sim/scenarios';
import { loadBestStreaks } from '../config/bestStreaks';
import {
  DEFAULT_DIFFICULTY,
  defaultController,
  defaultSetup,
  DIFFICULTIES,
  PLAY,
  DIFFICULTY_PREDATORS,
  DEFAULT_PACK,
  PACK_PREDATORS,
  packSetup,
  sizeOptions,
  type Difficulty,
  type GameSetup,
} from '../config/setup';
import { byId, el, labelFor, select } from './dom';

/** Touches per 30-second round on a scripted runner in the walled arena (scripts/play-exploits.mts, docs/game.md). */
const LEVEL_HINTS: Record<Difficulty, string> = {
  easy: 'still learning: about 10 touches a round if you keep running',
  medium: 'about 15 touches a round',
  hard: 'fully trained: about 20 touches a round',
};

/**
 * The start menu. It opens on playing the prey (a difficulty level and the best streak kept for each);
 * below, a match to watch: scenario, sizes and a controller per team.
 */
export function showMenu(registry: ControllerRegistry, initial: GameSetup, onStart: (setup: GameSetup) => void): void {
  const root = byId('menu');
  let setup = structuredClone(initial);
  let level: Difficulty = initial.difficulty ?? DEFAULT_DIFFICULTY;

  const render = () => {
    const scenarioSelect = select(
      Object.values(SCENARIOS).map((entry) => ({ value: entry.id, label: entry.title })),
      setup.scenario,
      { name: 'scenario', 'data-testid': 'menu-scenario' },
    );
    scenarioSelect.addEventListener('change', () => {
      setup = defaultSetup(registry, scenarioSelect.value);
      render();
    });
    const schema = SCENARIOS[setup.scenario].options;
    const sizeFields = sizeOptions(setup.scenario).map((name) => {
      const spec = schema[name];
      if (spec.type === 'bool') return el('span');
      const input = el('input', {
        type: 'number',
        name,
        min: spec.min,
        max: name === 'max_cycles' ? 10_000 : spec.max,
        value: setup.options[name] ?? spec.default,
        'data-testid': `menu-${name}`,
      });
      input.addEventListener('change', () => {
        const v = Number(input.value);
        if (Number.isInteger(v) && v >= spec.min && v <= Number(input.max)) setup.options[name] = v;
        else input.value = String(setup.options[name] ?? spec.default);
        render(); // trained policies fit only the sizes they were trained on
      });
      return el('div', { class: 'field' }, [labelFor(spec.label ?? name, input), input]);
    });
    const resolved = { ...Object.fromEntries(Object.entries(schema).map(([k, spec]) => [k, spec.default])), ...setup.options, continuous_actions: false };
    const teamFields = teamsOf(setup.scenario).map((team) => {
      const fitting = registry.forRole(setup.scenario, team.role, resolved);
      if (!fitting.some((c) => c.id === setup.controllers[team.name]))
        setup.controllers[team.name] = defaultController(registry, setup.scenario, team.role, resolved);
      const s = select(
        fitting.map((c) => ({ value: c.id, label: c.label })),
        setup.controllers[team.name],
        { name: team.name, 'data-testid': `menu-team-${team.name}` },
      );
      s.addEventListener('change', () => (setup.controllers[team.name] = s.value));
      return el('div', { class: 'field' }, [labelFor(`${team.label} driven by`, s), s]);
    });
    const watch = el('button', { type: 'submit', 'data-testid': 'menu-start', text: 'Watch' });
    const records = loadBestStreaks();
    const levels = DIFFICULTIES.map((d) => {
      const b = el(
        'button',
        {
          type: 'button',
          class: d === level ? 'level chosen' : 'level',
          'aria-pressed': d === level ? 'true' : 'false',
          disabled: !registry.has(DIFFICULTY_PREDATORS[d]),
          'data-testid': `menu-difficulty-${d}`,
          title: LEVEL_HINTS[d],
        },
        [el('strong', { text: d }), el('small', { text: records[d] > 0 ? `record ${records[d].toFixed(1)} s` : LEVEL_HINTS[d] })],
      );
      b.addEventListener('click', () => {
        level = d;
        render();
      });
      return b;
    });
    const play = el('button', { type: 'button', class: 'primary', 'data-testid': 'menu-play-prey', text: `Play as prey (${level})` });
    play.addEventListener('click', () => {
      const p = defaultSetup(registry, PLAY.scenario, 'play', level);
      if (setup.scenario === PLAY.scenario) Object.assign(p.options, setup.options, { max_cycles: p.options.max_cycles });
      hideMenu();
      onStart(p);
    });
    const pack = el('button', {
      type: 'button',
      'data-testid': 'menu-watch-pack',
      text: 'Watch the pack',
      title: 'three predators trained to divide the work hunt a prey that plans ahead',
      disabled: !registry.has(PACK_PREDATORS[DEFAULT_PACK]),
    });
    pack.addEventListener('click', () => {
      hideMenu();
      onStart(packSetup(registry));
    });
    const form = el('form', {}, [
      el('h1', { text: 'Particle Arena' }),
      el('p', { text: 'You are the prey. Three trained predators hunt you for 30 seconds inside a walled arena: stay untouched as long as you can.' }),
      el('div', { class: 'levels', role: 'group', 'aria-label': 'Difficulty' }, levels),
      el('div', { class: 'buttons' }, [play, pack]),
      el('h2', { text: 'Or watch a match' }),
      el('p', { text: 'Multi-agent particle worlds: pick a scenario, its sizes and who drives each team; swap them live.' }),
      el('div', { class: 'field' }, [labelFor('Scenario', scenarioSelect), scenarioSelect]),
      ...sizeFields,
      ...teamFields,
      el('div', { class: 'buttons' }, [watch]),
    ]);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      hideMenu();
      onStart({ ...setup, mode: 'watch', pack: undefined });
    });
    root.replaceChildren(form);
  };
  render();
  root.hidden = false;
}

export function hideMenu(): void {
  byId('menu').hidden = true;
}
