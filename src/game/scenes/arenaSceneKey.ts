/** Scenarios with a scene of their own (a subclass of ArenaScene); the others play in the plain arena. */
const OWN_SCENES: Record<string, string> = { simple_tag: 'arena:simple_tag', simple_world_comm: 'arena:simple_world_comm' };

/** The Phaser scene key that plays `scenario` (PettingZoo's id, e.g. simple_tag). */
export function arenaSceneKey(scenario: string): string {
  return OWN_SCENES[scenario] ?? 'arena';
}
