import type { ScenarioDefinition } from '../../scenario';
import { SPREAD_MEASURES, SPREAD_OPTIONS, SPREAD_TEAMS, SPREAD_TITLE, SpreadScenario } from './scenario';
import { scripted } from './scripted';

export * from './scenario';

export const SPREAD: ScenarioDefinition = {
  id: 'simple_spread',
  envName: 'simple_spread_v3',
  aliases: ['spread'],
  title: SPREAD_TITLE,
  howToWatch:
    'Goal: the agents share out the landmarks, one each, without bumping. Lines tie each landmark to its nearest agent; a covered landmark has an agent sitting on it.',
  options: SPREAD_OPTIONS,
  teams: SPREAD_TEAMS,
  heard: () => ({}),
  entities: (sc) => {
    // [vel 2, pos 2, landmarks 2N, other agents 2(N-1), their messages 2(N-1)]
    const n = sc.world.numAgents;
    const groups = [
      { start: 4, count: n, width: 2, companions: [] },
      { start: 4 + 2 * n, count: n - 1, width: 2, companions: [{ start: 4 + 4 * n - 2, width: 2 }] },
    ];
    return { agent: groups.filter((group) => group.count >= 1) };
  },
  interchangeable: (sc) => SPREAD.entities!(sc),
  measures: SPREAD_MEASURES,
  create: (options) => new SpreadScenario(options),
  scripted,
};
