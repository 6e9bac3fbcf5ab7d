import type Phaser from 'phaser';
import type { TeamChannel } from '../../sim/controller';
import type { World } from '../../sim/world';
import { colorToHex, type ArenaCamera } from './arenaCamera';
import type { WorldRenderer } from './worldRenderer';

/** Pixels of a message bar at |value| = 1, and of one bar's width. */
const BAR_HEIGHT = 16;
const BAR_WIDTH = 6;
/** Positive and negative numbers of a message (the agents of a team often share one colour). */
const UP = 0xffd166;
const DOWN = 0x6ec6ff;

/**
 * A talking team's channel drawn over the world: above each agent its message as bars (one per number, up
 * and yellow for positive, down and blue for negative), faint lines to the teammates that hear it, and
 * with a view limit a circle of what the agent can see.
 */
export function drawChannel(
  g: Phaser.GameObjects.Graphics,
  view: WorldRenderer,
  cam: ArenaCamera,
  alpha: number,
  world: World,
  channel: TeamChannel,
  /** Entity index of each of the channel's agents. */
  indices: readonly number[],
): void {
  const at = indices.map((i) => view.at(i, cam, alpha));
  indices.forEach((i, j) => {
    const [x, y] = at[j];
    const color = colorToHex(world.colors[i]);
    if (channel.viewRadius > 0) {
      g.lineStyle(1, color, 0.35);
      g.strokeCircle(x, y, cam.length(channel.viewRadius));
    }
    g.lineStyle(1, color, 0.25);
    indices.forEach((_, k) => k !== j && g.lineBetween(x, y, at[k][0], at[k][1]));
    const m = channel.messages;
    if (!m) return;
    const top = y - cam.length(world.entities[i].size) - BAR_HEIGHT - 6;
    const width = channel.messageDim * (BAR_WIDTH + 2);
    const left = x - width / 2;
    g.fillStyle(0x0b0d12, 0.75);
    g.fillRect(left - 3, top - BAR_HEIGHT - 3, width + 4, 2 * BAR_HEIGHT + 6);
    g.lineStyle(1, 0x8a90a0, 0.6);
    g.lineBetween(left - 3, top, left + width + 1, top);
    for (let d = 0; d < channel.messageDim; d++) {
      const v = m[j * channel.messageDim + d];
      const h = Math.max(1, Math.abs(v) * BAR_HEIGHT);
      g.fillStyle(v >= 0 ? UP : DOWN, 0.95);
      g.fillRect(left + d * (BAR_WIDTH + 2), v >= 0 ? top - h : top, BAR_WIDTH, h);
    }
  });
}
