import { recordingToGif as encode } from '../../plugins/clipGif';
import type { Recording } from '../../plugins/recording';

/** One SVG frame drawn on a canvas by the browser, read back as pixels. */
async function raster(svg: string, canvas: HTMLCanvasElement): Promise<{ rgba: Uint8ClampedArray; width: number; height: number }> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(image, 0, 0);
    return { rgba: ctx.getImageData(0, 0, canvas.width, canvas.height).data, width: canvas.width, height: canvas.height };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * A recording as an animated GIF, in the page: the same frames as `arena clip` draws (trails, team
 * colours), rasterised by the browser instead of resvg, so a clip looks the same wherever it is made.
 */
export function recordingToGif(rec: Recording): Promise<Uint8Array> {
  const canvas = document.createElement('canvas');
  return encode(rec, (svg) => raster(svg, canvas));
}
