import type { CryptoScenario } from '../../sim/scenarios/crypto';
import { ArenaScene } from './ArenaScene';
import { ownSceneKey } from './arenaSceneKey';
import { saidSymbol } from './messageLines';

/**
 * simple_crypto: nothing moves, so the story is told in words: the goal code, the key, what Alice sent,
 * and whether Bob (who has the key) and Eve (who has not) read it right.
 */
export class CryptoScene extends ArenaScene {
  constructor() {
    super(ownSceneKey('simple_crypto'));
  }

  protected labelsByDefault(): boolean {
    return true;
  }

  protected scenarioHud(): string[] {
    const sc = this.match.scenario as CryptoScenario;
    const w = sc.world;
    // numbered from 0 like the landmarks: symbol k is landmark k's code
    const guess = (agent: number) => {
      const said = saidSymbol(w, agent);
      if (said < 0) return 'silent';
      return `says ${said}: ${said === sc.goal - w.numAgents ? 'right' : 'wrong'}`;
    };
    const alice = saidSymbol(w, w.index('alice_0'));
    return [
      `goal: ${w.entities[sc.goal].name}, key: ${w.entities[sc.key].name}; Alice sends symbol ${alice < 0 ? '(nothing yet)' : alice}. Bob (has the key) ${guess(w.index('bob_0'))}; Eve (no key) ${guess(w.index('eve_0'))}`,
    ];
  }
}
