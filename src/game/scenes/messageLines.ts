import type Phaser from 'phaser';
import type { World } from '../../sim/world';
import type { ArenaCamera } from '../view/arenaCamera';
import { colorToHex } from '../view/arenaCamera';
import type { WorldRenderer } from '../view/worldRenderer';

/** The landmark (entity index) symbol `said` names in the scripted code (symbol k: landmark k), or -1 for a symbol past the landmarks. */
export function namedLandmark(world: World, said: number): number {
  const landmarks = world.numEntities - world.numAgents;
  return said >= 0 && said < landmarks ? world.numAgents + said : -1;
}

/** The symbol agent `i` says (index of its largest message value), or -1 while it is silent. */
export function saidSymbol(world: World, i: number): number {
  const c = world.comm.subarray(i * world.dimC, (i + 1) * world.dimC);
  let best = -1;
  let bestV = 0;
  for (let k = 0; k < c.length; k++) if (c[k] > bestV) [best, bestV] = [k, c[k]];
  return best;
}

/** A dashed line from agent `from` to landmark `landmark` in the landmark's colour: "this is where the message points". */
export function drawMessageLine(
  g: Phaser.GameObjects.Graphics,
  view: WorldRenderer,
  cam: ArenaCamera,
  alpha: number,
  from: number,
  landmark: number,
  world: World,
  /** The line's colour (0xRRGGBB); the landmark's colour by default. */
  color = colorToHex(world.colors[landmark]),
): void {
  const [ax, ay] = view.at(from, cam, alpha);
  const [lx, ly] = view.at(landmark, cam, alpha);
  const len = Math.hypot(lx - ax, ly - ay);
  const dashes = Math.max(1, Math.floor(len / 10));
  g.lineStyle(2, color, 0.8);
  for (let k = 0; k < dashes; k += 2) {
    const t0 = k / dashes;
    const t1 = Math.min(1, (k + 1) / dashes);
    g.lineBetween(ax + (lx - ax) * t0, ay + (ly - ay) * t0, ax + (lx - ax) * t1, ay + (ly - ay) * t1);
  }
}

/**
 * Whether agent `i`'s symbols follow the scripted code (symbol k names landmark k): true for the scripted
 * controller and a person (the number keys use it); a trained speaker's code is its own.
 */
export const usesScriptedCode = (assignment: readonly string[], i: number): boolean => assignment[i] === 'scripted' || assignment[i] === 'human';
