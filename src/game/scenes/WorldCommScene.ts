import type Phaser from 'phaser';
import type { WorldCommScenario } from '../../sim/scenarios/worldComm';
import { ArenaScene } from './ArenaScene';
import { ownSceneKey } from './arenaSceneKey';

/**
 * simple_world_comm: forests hide agents from each other. V cycles whose view is shown (then back to
 * everything); agents the chosen one cannot see are drawn faded.
 */
export class WorldCommScene extends ArenaScene {
  private viewpoint = -1;

  constructor() {
    super(ownSceneKey('simple_world_comm'));
  }

  protected initScenario(): void {
    this.viewpoint = -1;
  }

  protected bindScenarioKeys(kb: Phaser.Input.Keyboard.KeyboardPlugin): void {
    kb.on('keydown-V', () => {
      const n = this.match.scenario.world.numAgents;
      this.viewpoint = this.viewpoint + 1 >= n ? -1 : this.viewpoint + 1;
    });
  }

  protected hiddenAgents(): Set<number> {
    const hidden = new Set<number>();
    if (this.viewpoint < 0) return hidden;
    const sc = this.match.scenario as WorldCommScenario;
    for (let j = 0; j < sc.world.numAgents; j++) if (j !== this.viewpoint && !sc.visible(this.viewpoint, j)) hidden.add(j);
    return hidden;
  }

  protected scenarioHud(): string[] {
    const sc = this.match.scenario;
    return [`view: ${this.viewpoint >= 0 ? `as ${sc.agentNames[this.viewpoint]} sees it (faded: hidden by forests)` : 'everything (V: see as one agent)'}`];
  }

  protected scenarioKeys(): string {
    return 'V: see as one agent\n';
  }
}
