import type { ScenarioDefinition } from '../../scenario';
import { SIMPLE_OPTIONS, SIMPLE_TEAMS, SIMPLE_TITLE, SimpleScenario } from './scenario';
import { scripted } from './scripted';

export * from './scenario';

export const SIMPLE: ScenarioDefinition = {
  id: 'simple',
  envName: 'simple_v3',
  aliases: [],
  title: SIMPLE_TITLE,
  howToWatch: 'Goal: the dark agent walks onto the red landmark and stays there (it is drawn on top once it arrives).',
  options: SIMPLE_OPTIONS,
  teams: SIMPLE_TEAMS,
  heard: () => ({}),
  measures: [],
  create: (options) => new SimpleScenario(options),
  scripted,
};
