import type { ScenarioDefinition } from '../../scenario';
import { PUSH_OPTIONS, PUSH_TEAMS, PUSH_TITLE, PushScenario } from './scenario';
import { scripted } from './scripted';

export * from './scenario';

export const PUSH: ScenarioDefinition = {
  id: 'simple_push',
  envName: 'simple_push_v3',
  aliases: ['push'],
  title: PUSH_TITLE,
  howToWatch: 'Goal: the tinted agent wants its goal landmark (gold ring, dashed line); the red adversary pushes it off and sits on the goal itself.',
  options: PUSH_OPTIONS,
  teams: PUSH_TEAMS,
  heard: () => ({}),
  measures: [],
  create: (options) => new PushScenario(options),
  scripted,
};
