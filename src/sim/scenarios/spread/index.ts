import type { ScenarioDefinition } from '../../scenario';
import { SPREAD_MEASURES, SPREAD_OPTIONS, SPREAD_TEAMS, SPREAD_TITLE, SpreadScenario } from './scenario';
import { scripted } from './scripted';

export * from './scenario';

export const SPREAD: ScenarioDefinition = {
  id: 'simple_spread',
  envName: 'simple_spread_v3',
  aliases: ['spread'],
  title: SPREAD_TITLE,
  options: SPREAD_OPTIONS,
  teams: SPREAD_TEAMS,
  heard: () => ({}),
  measures: SPREAD_MEASURES,
  create: (options) => new SpreadScenario(options),
  scripted,
};
