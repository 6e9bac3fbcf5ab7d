import type { ScenarioDefinition } from '../../scenario';
import { CRYPTO_HEARD, CRYPTO_OPTIONS, CRYPTO_TEAMS, CRYPTO_TITLE, CryptoScenario } from './scenario';
import { scripted } from './scripted';

export * from './scenario';

export const CRYPTO: ScenarioDefinition = {
  id: 'simple_crypto',
  envName: 'simple_crypto_v3',
  aliases: ['crypto'],
  title: CRYPTO_TITLE,
  howToWatch:
    'Goal: Alice sends Bob the goal code with a key they share; Eve hears the message without the key. Nobody moves: read the line below for who guessed right.',
  options: CRYPTO_OPTIONS,
  teams: CRYPTO_TEAMS,
  heard: () => CRYPTO_HEARD,
  measures: [],
  create: (options) => new CryptoScenario(options),
  scripted,
};
