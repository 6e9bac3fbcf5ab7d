import type Phaser from 'phaser';
import { ArenaScene } from './ArenaScene';
import { ownSceneKey } from './arenaSceneKey';
import { drawMessageLine, saidSymbol } from './messageLines';

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
      const said = saidSymbol(w, 1 - i);
      if (said >= 0) drawMessageLine(g, this.worldView, this.view, alpha, i, w.numAgents + said, w);
    }
  }

  protected scenarioHud(): string[] {
    const w = this.match.scenario.world;
    const parts = [0, 1].map((i) => {
      const said = saidSymbol(w, i);
      const partner = 1 - i;
      if (said < 0) return `${w.entities[i].name}: silent`;
      return `${w.entities[i].name} tells ${w.entities[partner].name} ${w.entities[w.numAgents + said].name} (${w.numAgents + said === w.goalB[i] ? 'right' : 'wrong'})`;
    });
    return [`${parts.join('   ')}; dashed: where each is told to go`];
  }
}
