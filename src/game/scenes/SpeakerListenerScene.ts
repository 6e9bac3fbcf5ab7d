import type Phaser from 'phaser';
import type { SpeakerListenerScenario } from '../../sim/scenarios/speakerListener';
import { ArenaScene } from './ArenaScene';
import { ownSceneKey } from './arenaSceneKey';
import { drawMessageLine, namedLandmark, saidSymbol } from './messageLines';

/**
 * simple_speaker_listener: the speaker sees the goal but cannot move; the listener moves but only hears.
 * A dashed line runs from the listener to the landmark the speaker names, and the HUD says whether that
 * is the goal.
 */
export class SpeakerListenerScene extends ArenaScene {
  constructor() {
    super(ownSceneKey('simple_speaker_listener'));
  }

  private named(): { said: number; landmark: number; goal: number } {
    const sc = this.match.scenario as SpeakerListenerScenario;
    const w = sc.world;
    const said = saidSymbol(w, 0);
    return { said, landmark: namedLandmark(w, said), goal: w.goalB[0] };
  }

  protected drawOverlay(g: Phaser.GameObjects.Graphics, alpha: number): void {
    const { landmark } = this.named();
    if (landmark >= 0) drawMessageLine(g, this.worldView, this.view, alpha, 1, landmark, this.match.scenario.world);
  }

  protected scenarioHud(): string[] {
    const { said, landmark, goal } = this.named();
    const w = this.match.scenario.world;
    if (said < 0) return ['the speaker has said nothing yet'];
    if (landmark < 0) return [`the speaker says symbol ${said + 1}`];
    return [
      `the speaker says ${said + 1}, ${w.entities[landmark].name} in the scripted code: ${landmark === goal ? 'the goal' : `not the goal (${w.entities[goal].name})`}; dashed: that landmark`,
    ];
  }
}
