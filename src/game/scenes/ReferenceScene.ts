import type Phaser from 'phaser';
import { ArenaScene } from './ArenaScene';
import { ownSceneKey } from './arenaSceneKey';
import { drawMessageLine, namedLandmark, saidSymbol } from './messageLines';

/**
 * simple_reference: each agent knows only its partner's goal and must say it. A dashed line runs from
 * each agent to the landmark its partner names; the HUD says which messages are right.
 */
export class ReferenceScene extends ArenaScene {
  constructor() {
    super(ownSceneKey('simple_reference'));
  }

  protected drawOverlay(g: Phaser.GameObjects.Graphics, alpha: number): void {
    const w = this.match.scenario.world;
    for (let i = 0; i < 2; i++) {
      const landmark = namedLandmark(w, saidSymbol(w, 1 - i));
      if (landmark >= 0) drawMessageLine(g, this.worldView, this.view, alpha, i, landmark, w);
    }
  }

  protected scenarioHud(): string[] {
    const w = this.match.scenario.world;
    const parts = [0, 1].map((i) => {
      const said = saidSymbol(w, i);
      const partner = 1 - i;
      if (said < 0) return `${w.entities[i].name}: silent`;
      const landmark = namedLandmark(w, said);
      if (landmark < 0) return `${w.entities[i].name} says symbol ${said + 1} (no landmark in the scripted code)`;
      return `${w.entities[i].name} tells ${w.entities[partner].name} ${w.entities[landmark].name} (${landmark === w.goalB[i] ? 'right' : 'wrong'} in the scripted code)`;
    });
    return [`${parts.join('   ')}; dashed: where each is told to go`];
  }
}
