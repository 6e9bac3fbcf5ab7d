import { ArenaInputError } from '../errors';
import type { Scenario, ScenarioDefinition, Team } from '../scenario';
import { ADVERSARY } from './adversary';
import { CRYPTO } from './crypto';
import { PUSH } from './push';
import { REFERENCE } from './reference';
import { SIMPLE } from './simple';
import { SPEAKER_LISTENER } from './speakerListener';
import { SPREAD } from './spread';
import { TAG } from './tag';
import { WORLD_COMM } from './worldComm';

export type { Team, ScenarioDefinition };
/** The registry's entry for a scenario: its definition. */
export type ScenarioEntry = ScenarioDefinition;

/** Every scenario, by PettingZoo id. Adding one: a folder beside these, and one line here. */
export const SCENARIOS: Record<string, ScenarioDefinition> = Object.fromEntries(
  [SPREAD, TAG, SPEAKER_LISTENER, REFERENCE, SIMPLE, ADVERSARY, CRYPTO, PUSH, WORLD_COMM].map((d) => [d.id, d]),
);

/** A scenario by its id, its short name (`spread`), or its versioned PettingZoo name (`simple_spread_v3`). */
export function scenarioEntry(name: string): ScenarioDefinition {
  const key = typeof name === 'string' ? name.trim() : name;
  const entry = Object.values(SCENARIOS).find((s) => s.id === key || s.envName === key || s.aliases.includes(key));
  if (!entry) {
    const short = Object.values(SCENARIOS).flatMap((s) => s.aliases);
    throw new ArenaInputError('scenario', name, `one of ${short.join(', ')} (or PettingZoo names such as simple_spread_v3)`);
  }
  return entry;
}

export function createScenario(name: string, options?: Record<string, unknown>): Scenario {
  return scenarioEntry(name).create(options);
}
