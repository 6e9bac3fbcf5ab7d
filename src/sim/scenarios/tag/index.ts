import type { EntityGroup, ScenarioDefinition } from '../../scenario';
import { TAG_MEASURES, TAG_OPTIONS, TAG_TEAMS, TAG_TITLE, TagScenario } from './scenario';
import { scripted } from './scripted';

export * from './scenario';

export const TAG: ScenarioDefinition = {
  id: 'simple_tag',
  envName: 'simple_tag_v3',
  aliases: ['tag'],
  title: TAG_TITLE,
  howToWatch: 'Goal: the red predators chase the faster green prey around grey obstacles; a white flash is a touch.',
  options: TAG_OPTIONS,
  teams: TAG_TEAMS,
  landmarkWord: 'obstacles',
  heard: () => ({}),
  entities: (sc) => {
    // [vel 2, pos 2, obstacles 2L, other agents 2(N-1) (predators first), other prey's velocities]
    const { numAdversaries: a, numGood: g, numObstacles: l } = sc as TagScenario;
    const others = 4 + 2 * l;
    const groups = (first: number, second: number): EntityGroup[] =>
      [
        { start: 4, count: l, width: 2, companions: [] },
        { start: others, count: first, width: 2, companions: [] },
        // the prey after them, each with its velocity at the end of the row
        { start: others + 2 * first, count: second, width: 2, companions: [{ start: others + 2 * (first + second), width: 2 }] },
      ].filter((group) => group.count >= 1);
    return { adversary: groups(a - 1, g), good: groups(a, g - 1) };
  },
  interchangeable: (sc) => {
    const all = TAG.entities!(sc);
    return Object.fromEntries(Object.entries(all).map(([role, groups]) => [role, groups.filter((group) => group.count >= 2)]));
  },
  measures: TAG_MEASURES,
  create: (options) => new TagScenario(options),
  scripted,
};
