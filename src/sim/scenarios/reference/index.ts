import type { ScenarioDefinition } from '../../scenario';
import { messagesAtEnd } from '../common';
import { REFERENCE_OPTIONS, REFERENCE_TEAMS, REFERENCE_TITLE, ReferenceScenario } from './scenario';
import { scripted } from './scripted';

export * from './scenario';

export const REFERENCE: ScenarioDefinition = {
  id: 'simple_reference',
  envName: 'simple_reference_v3',
  aliases: ['reference'],
  title: REFERENCE_TITLE,
  howToWatch:
    "Goal: each agent knows only its partner's goal, so both must say it and both move; each agent is drawn in its own goal's colour. Dashed (scripted or human speakers): where each is told to go.",
  options: REFERENCE_OPTIONS,
  teams: REFERENCE_TEAMS,
  heard: (sc) => messagesAtEnd(sc, ['agent']),
  measures: [],
  create: (options) => new ReferenceScenario(options),
  scripted,
};
