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
    const code = (landmark: number) => `code ${landmark - w.numAgents + 1}`;
    const guess = (agent: number) => {
      const said = saidSymbol(w, agent);
      if (said < 0) return 'silent';
      return `says code ${said + 1}: ${said === sc.goal - w.numAgents ? 'right' : 'wrong'}`;
    };
    const alice = saidSymbol(w, w.index('alice_0'));
    return [
      `goal ${code(sc.goal)}, key ${code(sc.key)}; Alice sends ${alice < 0 ? 'nothing yet' : `symbol ${alice + 1}`}. Bob (has the key) ${guess(w.index('bob_0'))}; Eve (no key) ${guess(w.index('eve_0'))}`,
    ];
  }
}
