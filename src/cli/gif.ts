import { Resvg } from '@resvg/resvg-js';
import { recordingToGif as encode } from '../plugins/clipGif';
import type { Recording } from '../plugins/recording';

/** One SVG frame's pixels, rasterised by resvg as the plots are (no browser). */
function raster(svg: string) {
  const image = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render();
  return { rgba: new Uint8Array(image.pixels), width: image.width, height: image.height };
}

/** A recorded episode as GIF bytes, drawn as the arena draws it. */
export const recordingToGif = (rec: Recording): Promise<Uint8Array> => encode(rec, raster);
