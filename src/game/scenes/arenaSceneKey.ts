import type Phaser from 'phaser';

/** The key of the scene of its own a scenario may have (a subclass of ArenaScene registered in main.ts). */
export const ownSceneKey = (scenario: string): string => `arena:${scenario}`;

/** The Phaser scene that plays `scenario` (PettingZoo's id): its own scene if one is registered, else the plain arena. */
export function arenaSceneKey(scenes: Phaser.Scenes.ScenePlugin, scenario: string): string {
  return scenes.get(ownSceneKey(scenario)) ? ownSceneKey(scenario) : 'arena';
}
