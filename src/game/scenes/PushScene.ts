import type Phaser from 'phaser';
import { ArenaScene } from './ArenaScene';
import { ownSceneKey } from './arenaSceneKey';
import { drawMessageLine } from './messageLines';

/** The goal ring's gold (worldRenderer). */
const GOAL_GOLD = 0xf2c14e;

/** simple_push: a dashed line from the good agent to its goal landmark, which the adversary tries to take. */
export class PushScene extends ArenaScene {
  constructor() {
    super(ownSceneKey('simple_push'));
  }

  protected drawOverlay(g: Phaser.GameObjects.Graphics, alpha: number): void {
    const goal = this.match.scenario.landmarkPicks?.().goal;
    const w = this.match.scenario.world;
    // gold, as the goal's ring: the goal landmark shares the agent's tint
    if (goal !== undefined && goal >= 0) drawMessageLine(g, this.worldView, this.view, alpha, w.index('agent_0'), goal, w, GOAL_GOLD);
  }
}
