/** World half-width shown when everything is inside the arena (the unit square with a margin). */
export const BASE_HALF_EXTENT = 1.35;
/** Widest view: beyond it, entities are shown as markers at the edge instead of zooming further. */
export const MAX_HALF_EXTENT = 6;
/** World seconds to close most of the gap when zooming out (quick: nobody vanishes) and back in (calm). */
const ZOOM_OUT_SECONDS = 0.2;
const ZOOM_IN_SECONDS = 1.5;
/** Zoom back in only when the view could shrink by more than this share: no back-and-forth at the edge. */
const ZOOM_IN_HYSTERESIS = 0.1;
/** Room around a walled arena: the walls' stroke and a little air. */
const FIXED_MARGIN = 0.06;

/**
 * Mapping from MPE coordinates (x right, y up, the arena roughly [-1, 1]) to screen pixels (y down),
 * centred on the origin so landmarks never appear to slide. It frames the action: when entities leave the
 * arena it zooms out, damped (never per frame to the exact extent), and back in when they return.
 */
export class ArenaCamera {
  scale = 1;
  cx = 0;
  cy = 0;
  width = 0;
  height = 0;
  /** The world half-width that fits in the smaller screen side now. */
  halfExtent = BASE_HALF_EXTENT;
  /** A walled arena's half-width plus a margin: the view stays there (no following), or null. */
  private fixed: number | null = null;

  constructor(width: number, height: number) {
    this.resize(width, height);
  }

  resize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    this.cx = width / 2;
    this.cy = height / 2;
    this.scale = Math.min(width, height) / (2 * this.halfExtent);
  }

  /** Keep the view on a walled arena of this half-width, at one scale, whatever moves. */
  fixTo(wallHalfWidth: number): void {
    this.fixed = wallHalfWidth + FIXED_MARGIN;
    this.reset();
  }

  /** Frame entities reaching `reach` (the largest |x| or |y|) after `dtSeconds` of world time. */
  follow(reach: number, dtSeconds: number): void {
    if (this.fixed !== null) return;
    const target = Math.min(MAX_HALF_EXTENT, Math.max(BASE_HALF_EXTENT, reach + 0.25));
    const out = target > this.halfExtent;
    if (!out && target > this.halfExtent * (1 - ZOOM_IN_HYSTERESIS)) return;
    const k = 1 - Math.exp(-Math.max(0, dtSeconds) / (out ? ZOOM_OUT_SECONDS : ZOOM_IN_SECONDS));
    this.halfExtent += (target - this.halfExtent) * k;
    this.scale = Math.min(this.width, this.height) / (2 * this.halfExtent);
  }

  /** Jump straight to the base view (a new episode). */
  reset(): void {
    this.halfExtent = this.fixed ?? BASE_HALF_EXTENT;
    this.resize(this.width, this.height);
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

/**
 * Colours that tell apart agents MPE paints alike (a team shares one colour): the k-th agent of a colour
 * gets it turned k x 45 degrees round the hue circle, keeping its lightness, so three red predators become
 * red, orange-ish and pink-ish.
 */
export function distinctColors(colors: readonly (readonly number[])[]): [number, number, number][] {
  const seen = new Map<string, number>();
  return colors.map((c) => {
    const key = c.join(',');
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    return rotateHue([c[0], c[1], c[2]], (k % 2 === 1 ? 1 : -1) * Math.ceil(k / 2) * 45);
  });
}

/** An RGB colour (components in [0, 1]) turned `degrees` round the hue circle (Rodrigues' rotation about the grey axis). */
function rotateHue([r, g, b]: [number, number, number], degrees: number): [number, number, number] {
  if (degrees === 0) return [r, g, b];
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const k = (1 - cos) / 3;
  const s = Math.sqrt(1 / 3) * sin;
  const clamp = (v: number) => Math.max(0, Math.min(1, v));
  return [clamp(r * (cos + k) + g * (k - s) + b * (k + s)), clamp(r * (k + s) + g * (cos + k) + b * (k - s)), clamp(r * (k - s) + g * (k + s) + b * (cos + k))];
}
