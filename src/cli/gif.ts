import { Resvg } from '@resvg/resvg-js';
import * as loaded from 'gifenc';

// Node loads gifenc's CommonJS build (its names under `default`), a bundler its ES build (names at the top)
const { applyPalette, GIFEncoder, quantize }: typeof loaded = 'GIFEncoder' in loaded ? loaded : (loaded as unknown as { default: typeof loaded }).default;

/** One frame's pixels (RGBA) as resvg renders its SVG. */
function raster(svg: string): { rgba: Uint8Array; width: number; height: number } {
  const image = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render();
  return { rgba: new Uint8Array(image.pixels), width: image.width, height: image.height };
}

/**
 * SVG frames to an animated GIF without a browser: resvg rasterises each frame (as for the plots) and
 * gifenc (a maintained pure-JS encoder) writes them, one at a time so a long clip needs no more memory
 * than one frame, with one palette for the whole clip chosen from frames spread over it (no flicker).
 */
export function svgFramesToGif(frames: readonly string[], delayMs: number): Uint8Array {
  if (!frames.length) throw new Error('a clip needs at least one frame');
  const sample = [0, Math.floor(frames.length / 2), frames.length - 1].map((k) => raster(frames[k]).rgba);
  const joined = new Uint8Array(sample.reduce((n, a) => n + a.length, 0));
  sample.reduce((at, a) => (joined.set(a, at), at + a.length), 0);
  const palette = quantize(joined, 64);
  const gif = GIFEncoder();
  frames.forEach((svg, k) => {
    const r = raster(svg);
    // the first frame carries the clip's palette; the others use it
    gif.writeFrame(applyPalette(r.rgba, palette), r.width, r.height, { palette: k === 0 ? palette : undefined, delay: delayMs, repeat: 0 });
  });
  gif.finish();
  return gif.bytes();
}
