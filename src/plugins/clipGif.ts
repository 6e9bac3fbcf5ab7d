import * as loaded from 'gifenc';
import { ArenaInputError } from '../sim/errors';
import { clipFrames } from './clipFrames';
import type { Recording } from './recording';

// Node loads gifenc's CommonJS build (its names under `default`), a bundler its ES build (names at the top)
const { applyPalette, GIFEncoder, quantize }: typeof loaded = 'GIFEncoder' in loaded ? loaded : (loaded as unknown as { default: typeof loaded }).default;

/** One frame's pixels, RGBA row by row. */
export interface Raster {
  rgba: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

/** Longest clip made: 2,000 frames is 200 s of play and a few MB; beyond, a GIF is no way to share it. */
export const MAX_CLIP_FRAMES = 2001;

/**
 * A recorded episode as an animated GIF drawn by `clipFrames`, for the command line (frames rasterised by
 * resvg) and the page (by a canvas) alike: only `raster` differs.
 */
export function recordingToGif(rec: Recording, raster: (svg: string) => Raster | Promise<Raster>): Promise<Uint8Array> {
  if (rec.steps.length + 1 > MAX_CLIP_FRAMES) {
    throw new ArenaInputError('clip', `${rec.steps.length} steps`, `a recording of at most ${MAX_CLIP_FRAMES - 1} steps (a GIF of more is too large to share)`);
  }
  const frames = clipFrames(rec);
  return encodeGif(frames.length, (k) => raster(frames[k]), CLIP_FRAME_MS);
}

/**
 * Frames to an animated GIF with gifenc (a maintained pure-JS encoder). Frames are rasterised one at a
 * time as they are encoded (the SVG texts and the GIF are what grows with the clip); one palette for the
 * whole clip, chosen from frames spread over it, keeps colours from flickering between frames. It loops.
 */
export async function encodeGif(count: number, raster: (k: number) => Raster | Promise<Raster>, delayMs: number): Promise<Uint8Array> {
  if (count < 1) throw new Error('a clip needs at least one frame');
  const samples = new Map<number, Raster>();
  for (const k of [0, Math.floor(count / 2), count - 1]) samples.set(k, await raster(k));
  const sample = [...samples.values()].map((r) => r.rgba);
  const joined = new Uint8Array(sample.reduce((n, a) => n + a.length, 0));
  sample.reduce((at, a) => (joined.set(a, at), at + a.length), 0);
  const palette = quantize(joined, 64);
  const gif = GIFEncoder();
  for (let k = 0; k < count; k++) {
    const r = samples.get(k) ?? (await raster(k));
    // the first frame carries the clip's palette; the others use it
    gif.writeFrame(applyPalette(r.rgba, palette), r.width, r.height, { palette: k === 0 ? palette : undefined, delay: delayMs, repeat: 0 });
  }
  gif.finish();
  return gif.bytes();
}

/** A clip plays an episode at the env's pace: MPE's dt is 0.1 s, so ten steps a second. */
export const CLIP_FRAME_MS = 100;
