import type { ScenarioDefinition } from '../../scenario';
import { PUSH_OPTIONS, PUSH_TEAMS, PUSH_TITLE, PushScenario } from './scenario';
import { scripted } from './scripted';

export * from './scenario';

export const PUSH: ScenarioDefinition = {
  id: 'simple_push',
  envName: 'simple_push_v3',
  aliases: ['push'],
  title: PUSH_TITLE,
  options: PUSH_OPTIONS,
  teams: PUSH_TEAMS,
  heard: () => ({}),
  measures: [],
  create: (options) => new PushScenario(options),
  scripted,
};
