import type Phaser from 'phaser';
import { ArenaScene } from './ArenaScene';
import { ownSceneKey } from './arenaSceneKey';

/** PettingZoo's `occupied_landmarks`: a landmark counts as covered with an agent within this distance. */
const COVER_DISTANCE = 0.1;

/**
 * simple_spread: each landmark is tied to its nearest agent by a line, green once that agent covers it, so
 * a person sees which agent took which landmark and where two went for the same one.
 */
export class SpreadScene extends ArenaScene {
  constructor() {
    super(ownSceneKey('simple_spread'));
  }

  /** For each landmark (entity index), its nearest agent and the distance. */
  private nearest(): { landmark: number; agent: number; d: number }[] {
    const w = this.match.scenario.world;
    const out: { landmark: number; agent: number; d: number }[] = [];
    for (let l = w.numAgents; l < w.numEntities; l++) {
      let agent = 0;
      let d = Infinity;
      for (let a = 0; a < w.numAgents; a++) {
        const da = w.distance(a, l);
        if (da < d) [agent, d] = [a, da];
      }
      out.push({ landmark: l, agent, d });
    }
    return out;
  }

  protected drawOverlay(g: Phaser.GameObjects.Graphics, alpha: number): void {
    for (const { landmark, agent, d } of this.nearest()) {
      const [lx, ly] = this.worldView.at(landmark, this.view, alpha);
      const [ax, ay] = this.worldView.at(agent, this.view, alpha);
      g.lineStyle(d < COVER_DISTANCE ? 3 : 1, d < COVER_DISTANCE ? 0x6bd36b : 0x8a90a0, d < COVER_DISTANCE ? 0.9 : 0.5);
      g.lineBetween(lx, ly, ax, ay);
    }
  }

  protected scenarioHud(): string[] {
    const near = this.nearest();
    const claimed = new Set(near.map((n) => n.agent)).size;
    return [`nearest agents: ${claimed} different for ${near.length} landmarks (lines: landmark to its nearest agent, green when covered)`];
  }
}
