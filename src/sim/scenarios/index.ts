import { ArenaInputError } from '../errors';
import type { OptionSchema } from '../options';
import type { Scenario } from '../scenario';
import { REFERENCE_OPTIONS, ReferenceScenario } from './reference';
import { SPEAKER_LISTENER_OPTIONS, SpeakerListenerScenario } from './speakerListener';
import { SPREAD_OPTIONS, SpreadScenario } from './spread';
import { TAG_OPTIONS, TagScenario } from './tag';
import { SIMPLE_OPTIONS, SimpleScenario } from './simple';
import { ADVERSARY_OPTIONS, AdversaryScenario } from './adversary';
import { PUSH_OPTIONS, PushScenario } from './push';
import { CRYPTO_OPTIONS, CryptoScenario } from './crypto';
import { WORLD_COMM_OPTIONS, WorldCommScenario } from './worldComm';

export interface ScenarioEntry {
  id: string;
  envName: string;
  options: OptionSchema;
  create: (options?: Record<string, unknown>) => Scenario;
}

export const SCENARIOS: Record<string, ScenarioEntry> = {
  simple_spread: { id: 'simple_spread', envName: 'simple_spread_v3', options: SPREAD_OPTIONS, create: (o) => new SpreadScenario(o) },
  simple_tag: { id: 'simple_tag', envName: 'simple_tag_v3', options: TAG_OPTIONS, create: (o) => new TagScenario(o) },
  simple_speaker_listener: {
    id: 'simple_speaker_listener',
    envName: 'simple_speaker_listener_v4',
    options: SPEAKER_LISTENER_OPTIONS,
    create: (o) => new SpeakerListenerScenario(o),
  },
  simple_reference: {
    id: 'simple_reference',
    envName: 'simple_reference_v3',
    options: REFERENCE_OPTIONS,
    create: (o) => new ReferenceScenario(o),
  },
  simple: { id: 'simple', envName: 'simple_v3', options: SIMPLE_OPTIONS, create: (o) => new SimpleScenario(o) },
  simple_adversary: { id: 'simple_adversary', envName: 'simple_adversary_v3', options: ADVERSARY_OPTIONS, create: (o) => new AdversaryScenario(o) },
  simple_crypto: { id: 'simple_crypto', envName: 'simple_crypto_v3', options: CRYPTO_OPTIONS, create: (o) => new CryptoScenario(o) },
  simple_push: { id: 'simple_push', envName: 'simple_push_v3', options: PUSH_OPTIONS, create: (o) => new PushScenario(o) },
  simple_world_comm: {
    id: 'simple_world_comm',
    envName: 'simple_world_comm_v3',
    options: WORLD_COMM_OPTIONS,
    create: (o) => new WorldCommScenario(o),
  },
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
