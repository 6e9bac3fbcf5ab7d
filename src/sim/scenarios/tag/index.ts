import type { ScenarioDefinition } from '../../scenario';
import { TAG_MEASURES, TAG_OPTIONS, TAG_TEAMS, TAG_TITLE, TagScenario } from './scenario';
import { scripted } from './scripted';

export * from './scenario';

export const TAG: ScenarioDefinition = {
  id: 'simple_tag',
  envName: 'simple_tag_v3',
  aliases: ['tag'],
  title: TAG_TITLE,
  options: TAG_OPTIONS,
  teams: TAG_TEAMS,
  landmarkWord: 'obstacles',
  heard: () => ({}),
  measures: TAG_MEASURES,
  create: (options) => new TagScenario(options),
  scripted,
};
