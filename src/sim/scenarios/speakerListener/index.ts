import type { ScenarioDefinition } from '../../scenario';
import { messagesAtEnd } from '../common';
import { SPEAKER_LISTENER_MEASURES, SPEAKER_LISTENER_OPTIONS, SPEAKER_LISTENER_TEAMS, SPEAKER_LISTENER_TITLE, SpeakerListenerScenario } from './scenario';
import { scripted } from './scripted';

export * from './scenario';

export const SPEAKER_LISTENER: ScenarioDefinition = {
  id: 'simple_speaker_listener',
  envName: 'simple_speaker_listener_v4',
  aliases: ['speaker_listener', 'speaker-listener'],
  title: SPEAKER_LISTENER_TITLE,
  howToWatch:
    "Goal: the grey speaker cannot move but sees the goal (gold ring); it says a symbol, and the listener, drawn in a lighter shade of the goal's colour, must go there. Dashed (a scripted or human speaker): the landmark the symbol names.",
  options: SPEAKER_LISTENER_OPTIONS,
  teams: SPEAKER_LISTENER_TEAMS,
  heard: (sc) => messagesAtEnd(sc, ['listener']),
  measures: SPEAKER_LISTENER_MEASURES,
  create: (options) => new SpeakerListenerScenario(options),
  scripted,
};
