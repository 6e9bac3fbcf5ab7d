import type Phaser from 'phaser';
import { ArenaScene } from './ArenaScene';
import { ownSceneKey } from './arenaSceneKey';
import { drawMessageLine, namedLandmark, saidSymbol, usesScriptedCode } from './messageLines';

/**
 * simple_reference: each agent knows only its partner's goal and must say it. A dashed line runs from
 * each agent to the landmark its partner names; the HUD says which messages are right.
 */
export class ReferenceScene extends ArenaScene {
  constructor() {
    super(ownSceneKey('simple_reference'));
  }

  protected labelsByDefault(): boolean {
    return true;
  }

  protected drawOverlay(g: Phaser.GameObjects.Graphics, alpha: number): void {
    const w = this.match.scenario.world;
    for (let i = 0; i < 2; i++) {
      const landmark = usesScriptedCode(this.match.assignment, 1 - i) ? namedLandmark(w, saidSymbol(w, 1 - i)) : -1;
      if (landmark >= 0) drawMessageLine(g, this.worldView, this.view, alpha, i, landmark, w);
    }
  }

  protected scenarioHud(): string[] {
    const w = this.match.scenario.world;
    const parts = [0, 1].map((i) => {
      const said = saidSymbol(w, i);
      const partner = 1 - i;
      if (said < 0) return `${w.entities[i].name}: silent`;
      const landmark = usesScriptedCode(this.match.assignment, i) ? namedLandmark(w, said) : -1;
      if (landmark < 0) return `${w.entities[i].name} says symbol ${said + 1}`;
      return `${w.entities[i].name} tells ${w.entities[partner].name} "${w.entities[landmark].name}" (${landmark === w.goalB[i] ? 'right' : 'wrong'})`;
    });
    return [parts.join('   ')];
  }
}
