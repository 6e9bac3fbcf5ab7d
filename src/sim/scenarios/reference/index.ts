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
  options: REFERENCE_OPTIONS,
  teams: REFERENCE_TEAMS,
  heard: (sc) => messagesAtEnd(sc, ['agent']),
  measures: [],
  create: (options) => new ReferenceScenario(options),
  scripted,
};
