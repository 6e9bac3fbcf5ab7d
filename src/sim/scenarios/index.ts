import { ArenaInputError } from '../errors';
import type { EpisodeMeasure } from '../episodeMeasures';
import type { OptionSchema } from '../options';
import type { Scenario, Team } from '../scenario';
import { REFERENCE_HEARD, REFERENCE_OPTIONS, REFERENCE_TEAMS, REFERENCE_TITLE, ReferenceScenario } from './reference';
import {
  SPEAKER_LISTENER_HEARD,
  SPEAKER_LISTENER_MEASURES,
  SPEAKER_LISTENER_OPTIONS,
  SPEAKER_LISTENER_TEAMS,
  SPEAKER_LISTENER_TITLE,
  SpeakerListenerScenario,
} from './speakerListener';
import { SPREAD_MEASURES, SPREAD_OPTIONS, SPREAD_TEAMS, SPREAD_TITLE, SpreadScenario } from './spread';
import { TAG_MEASURES, TAG_OPTIONS, TAG_TEAMS, TAG_TITLE, TagScenario } from './tag';
import { SIMPLE_OPTIONS, SIMPLE_TEAMS, SIMPLE_TITLE, SimpleScenario } from './simple';
import { ADVERSARY_OPTIONS, ADVERSARY_TEAMS, ADVERSARY_TITLE, AdversaryScenario } from './adversary';
import { PUSH_OPTIONS, PUSH_TEAMS, PUSH_TITLE, PushScenario } from './push';
import { CRYPTO_OPTIONS, CRYPTO_TEAMS, CRYPTO_TITLE, CryptoScenario } from './crypto';
import { WORLD_COMM_OPTIONS, WORLD_COMM_TEAMS, WORLD_COMM_TITLE, WorldCommScenario } from './worldComm';

export type { Team };

export interface ScenarioEntry {
  id: string;
  envName: string;
  /** One line for menus: what the scenario is about. */
  title: string;
  options: OptionSchema;
  teams: Team[];
  /** Per role, the observation ranges [from, to) that hold other agents' messages (for the zeroed-message ablation and scripted listeners). */
  heard: Record<string, [number, number][]>;
  /** How an episode went beyond the returns (coverage, touches, ...): for the evaluator, the training log and the HUD. */
  measures: EpisodeMeasure[];
  create: (options?: Record<string, unknown>) => Scenario;
}

/** One entry per scenario; everything in it comes from the scenario's own module. */
const entry = (
  id: string,
  envName: string,
  title: string,
  teams: Team[],
  options: OptionSchema,
  create: ScenarioEntry['create'],
  heard: ScenarioEntry['heard'] = {},
  measures: EpisodeMeasure[] = [],
): ScenarioEntry => ({ id, envName, title, teams, options, create, heard, measures });

export const SCENARIOS: Record<string, ScenarioEntry> = {
  simple_spread: entry('simple_spread', 'simple_spread_v3', SPREAD_TITLE, SPREAD_TEAMS, SPREAD_OPTIONS, (o) => new SpreadScenario(o), {}, SPREAD_MEASURES),
  simple_tag: entry('simple_tag', 'simple_tag_v3', TAG_TITLE, TAG_TEAMS, TAG_OPTIONS, (o) => new TagScenario(o), {}, TAG_MEASURES),
  simple_speaker_listener: entry(
    'simple_speaker_listener',
    'simple_speaker_listener_v4',
    SPEAKER_LISTENER_TITLE,
    SPEAKER_LISTENER_TEAMS,
    SPEAKER_LISTENER_OPTIONS,
    (o) => new SpeakerListenerScenario(o),
    SPEAKER_LISTENER_HEARD,
    SPEAKER_LISTENER_MEASURES,
  ),
  simple_reference: entry(
    'simple_reference',
    'simple_reference_v3',
    REFERENCE_TITLE,
    REFERENCE_TEAMS,
    REFERENCE_OPTIONS,
    (o) => new ReferenceScenario(o),
    REFERENCE_HEARD,
  ),
  simple: entry('simple', 'simple_v3', SIMPLE_TITLE, SIMPLE_TEAMS, SIMPLE_OPTIONS, (o) => new SimpleScenario(o)),
  simple_adversary: entry('simple_adversary', 'simple_adversary_v3', ADVERSARY_TITLE, ADVERSARY_TEAMS, ADVERSARY_OPTIONS, (o) => new AdversaryScenario(o)),
  simple_crypto: entry('simple_crypto', 'simple_crypto_v3', CRYPTO_TITLE, CRYPTO_TEAMS, CRYPTO_OPTIONS, (o) => new CryptoScenario(o)),
  simple_push: entry('simple_push', 'simple_push_v3', PUSH_TITLE, PUSH_TEAMS, PUSH_OPTIONS, (o) => new PushScenario(o)),
  simple_world_comm: entry(
    'simple_world_comm',
    'simple_world_comm_v3',
    WORLD_COMM_TITLE,
    WORLD_COMM_TEAMS,
    WORLD_COMM_OPTIONS,
    (o) => new WorldCommScenario(o),
  ),
};

/** Short names people type, as well as PettingZoo's names with or without the version suffix. */
const ALIASES: Record<string, string> = {
  spread: 'simple_spread',
  tag: 'simple_tag',
  speaker_listener: 'simple_speaker_listener',
  'speaker-listener': 'simple_speaker_listener',
  reference: 'simple_reference',
  adversary: 'simple_adversary',
  crypto: 'simple_crypto',
  push: 'simple_push',
  world_comm: 'simple_world_comm',
};

export function scenarioEntry(name: string): ScenarioEntry {
  const key = typeof name === 'string' ? name.trim() : name;
  const byEnvName = Object.values(SCENARIOS).find((s) => s.envName === key);
  const entry = byEnvName ?? SCENARIOS[ALIASES[key] ?? key];
  if (!entry) {
    throw new ArenaInputError('scenario', name, `one of ${Object.keys(ALIASES).join(', ')} (or PettingZoo names such as simple_spread_v3)`);
  }
  return entry;
}

export function createScenario(name: string, options?: Record<string, unknown>): Scenario {
  return scenarioEntry(name).create(options);
}
