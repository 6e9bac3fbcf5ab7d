import * as loaded from 'gifenc';

// Node loads gifenc's CommonJS build (its names under `default`), a bundler its ES build (names at the top)
const { applyPalette, GIFEncoder, quantize }: typeof loaded = 'GIFEncoder' in loaded ? loaded : (loaded as unknown as { default: typeof loaded }).default;

/** One frame's pixels, RGBA row by row. */
export interface Raster {
  rgba: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

/**
 * Frames to an animated GIF with gifenc (a maintained pure-JS encoder), for the command line (frames from
 * resvg) and the page (frames from a canvas) alike. Frames are rasterised one at a time, so a long clip
 * needs no more memory than one frame; one palette for the whole clip, chosen from frames spread over
 * it, keeps colours from flickering between frames. The clip loops.
 */
export async function encodeGif(count: number, raster: (k: number) => Raster | Promise<Raster>, delayMs: number): Promise<Uint8Array> {
  if (count < 1) throw new Error('a clip needs at least one frame');
  const sample = await Promise.all([0, Math.floor(count / 2), count - 1].map(async (k) => (await raster(k)).rgba));
  const joined = new Uint8Array(sample.reduce((n, a) => n + a.length, 0));
  sample.reduce((at, a) => (joined.set(a, at), at + a.length), 0);
  const palette = quantize(joined, 64);
  const gif = GIFEncoder();
  for (let k = 0; k < count; k++) {
    const r = await raster(k);
    // the first frame carries the clip's palette; the others use it
    gif.writeFrame(applyPalette(r.rgba, palette), r.width, r.height, { palette: k === 0 ? palette : undefined, delay: delayMs, repeat: 0 });
  }
  gif.finish();
  return gif.bytes();
}

/** A clip plays an episode at the env's pace: MPE's dt is 0.1 s, so ten steps a second. */
export const CLIP_FRAME_MS = 100;
