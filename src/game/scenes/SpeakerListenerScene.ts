import type Phaser from 'phaser';
import type { SpeakerListenerScenario } from '../../sim/scenarios/speakerListener';
import { ArenaScene } from './ArenaScene';
import { ownSceneKey } from './arenaSceneKey';
import { drawMessageLine, namedLandmark, saidSymbol, usesScriptedCode } from './messageLines';

/**
 * simple_speaker_listener: the speaker sees the goal but cannot move; the listener moves but only hears.
 * A dashed line runs from the listener to the landmark the speaker names, and the HUD says whether that
 * is the goal.
 */
export class SpeakerListenerScene extends ArenaScene {
  constructor() {
    super(ownSceneKey('simple_speaker_listener'));
  }

  /** What the speaker said, the landmark it names when its code is known (else -1), and the goal. */
  private named(): { said: number; landmark: number; goal: number } {
    const sc = this.match.scenario as SpeakerListenerScenario;
    const w = sc.world;
    const said = saidSymbol(w, 0);
    return { said, landmark: usesScriptedCode(this.match.assignment, 0) ? namedLandmark(w, said) : -1, goal: w.goalB[0] };
  }

  protected drawOverlay(g: Phaser.GameObjects.Graphics, alpha: number): void {
    const { landmark } = this.named();
    if (landmark >= 0) drawMessageLine(g, this.worldView, this.view, alpha, 1, landmark, this.match.scenario.world);
  }

  protected scenarioHud(): string[] {
    const { said, landmark, goal } = this.named();
    const w = this.match.scenario.world;
    if (said < 0) return ['the speaker has said nothing yet'];
    if (landmark < 0) return [`the speaker says symbol ${said + 1} (a trained speaker's own code); the goal is ${w.entities[goal].name}, gold ring`];
    return [`the speaker says "${w.entities[landmark].name}": ${landmark === goal ? 'the goal' : `wrong, the goal is ${w.entities[goal].name}`}`];
  }
}
