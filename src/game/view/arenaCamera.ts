/**
 * Fixed mapping from MPE coordinates (x right, y up, the arena roughly [-1, 1]) to screen pixels
 * (y down). It never follows anything, so landmarks never appear to move.
 */
export class ArenaCamera {
  readonly scale: number;
  readonly cx: number;
  readonly cy: number;

  /** `halfExtent`: the world half-width that must fit in the smaller screen side. */
  constructor(width: number, height: number, halfExtent = 1.35) {
    this.scale = Math.min(width, height) / (2 * halfExtent);
    this.cx = width / 2;
    this.cy = height / 2;
  }

  x(worldX: number): number {
    return this.cx + worldX * this.scale;
  }

  y(worldY: number): number {
    return this.cy - worldY * this.scale;
  }

  length(worldLength: number): number {
    return worldLength * this.scale;
  }
}

/** MPE colour (components in [0, 1], sometimes above) to a 0xRRGGBB number. */
export function colorToHex(rgb: readonly number[]): number {
  const c = (v: number) => Math.max(0, Math.min(255, Math.round(Math.min(1, v) * 255)));
  return (c(rgb[0]) << 16) | (c(rgb[1]) << 8) | c(rgb[2]);
}
