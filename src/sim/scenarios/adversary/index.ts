import type { ScenarioDefinition } from '../../scenario';
import { ADVERSARY_OPTIONS, ADVERSARY_TEAMS, ADVERSARY_TITLE, AdversaryScenario } from './scenario';
import { scripted } from './scripted';

export * from './scenario';

export const ADVERSARY: ScenarioDefinition = {
  id: 'simple_adversary',
  envName: 'simple_adversary_v3',
  aliases: ['adversary'],
  title: ADVERSARY_TITLE,
  howToWatch:
    'Goal: the blue agents know which landmark is the goal (gold ring) and cover it and a decoy; the red adversary does not know it and tries to reach it.',
  options: ADVERSARY_OPTIONS,
  teams: ADVERSARY_TEAMS,
  heard: () => ({}),
  measures: [],
  create: (options) => new AdversaryScenario(options),
  scripted,
};
