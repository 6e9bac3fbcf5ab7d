import type { ScenarioDefinition } from '../../scenario';
import { messagesAtEnd } from '../common';
import { WorldCommScenario, WORLD_COMM_OPTIONS, WORLD_COMM_TEAMS, WORLD_COMM_TITLE } from './scenario';
import { scripted } from './scripted';

export * from './scenario';

export const WORLD_COMM: ScenarioDefinition = {
  id: 'simple_world_comm',
  envName: 'simple_world_comm_v3',
  aliases: ['world_comm'],
  title: WORLD_COMM_TITLE,
  howToWatch:
    'Goal: red predators, led by the dark leader who sees everyone, hunt green prey; prey eat the blue food and hide in the green forests, where only the leader sees them.',
  options: WORLD_COMM_OPTIONS,
  teams: WORLD_COMM_TEAMS,
  // the predators hear the leader; the leader's observation ends with its own message, which it is not told
  heard: (sc) => messagesAtEnd(sc, ['adversary']),
  measures: [],
  create: (options) => new WorldCommScenario(options),
  scripted,
};
