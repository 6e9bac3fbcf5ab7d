import { Resvg } from '@resvg/resvg-js';
import { writeFileAtomic } from './files';

/**
 * SVG to PNG with resvg (a maintained Rust renderer shipped as a prebuilt npm binary): plots need no
 * browser at run time. Text uses the system's fonts, DejaVu Sans first.
 */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, { background: 'white', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } });
  return resvg.render().asPng();
}

export function writePng(path: string, svg: string): void {
  writeFileAtomic(path, svgToPng(svg));
}
