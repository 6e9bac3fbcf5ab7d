import Phaser from 'phaser';
import { ArenaInputError } from '../../sim/errors';

/**
 * WebGL when there is a GPU; Phaser's Canvas renderer when WebGL would be emulated in software
 * (SwiftShader, llvmpipe): on such machines drawing a few dozen discs costs most of a frame in WebGL and
 * almost nothing in Canvas. `?renderer=webgl|canvas` overrides the choice.
 */
export function chooseRenderer(search: string): { type: number; reason: string; error?: string } {
  // a repeated renderer is ambiguous: detected as if not given (the deep link reports it)
  const given = new URLSearchParams(search).getAll('renderer');
  const forced = given.length === 1 ? given[0] : null;
  if (forced === 'canvas') return { type: Phaser.CANVAS, reason: 'canvas (asked for)' };
  if (forced === 'webgl') return { type: Phaser.WEBGL, reason: 'webgl (asked for)' };
  const error = forced === null ? undefined : new ArenaInputError('renderer', forced, 'webgl or canvas').message;
  return { ...detect(), error };
}

function detect(): { type: number; reason: string } {
  const name = webglRendererName();
  if (name === null) return { type: Phaser.CANVAS, reason: 'canvas (no WebGL)' };
  if (/swiftshader|llvmpipe|software|softpipe/i.test(name)) return { type: Phaser.CANVAS, reason: `canvas (WebGL is software: ${name})` };
  return { type: Phaser.WEBGL, reason: `webgl (${name})` };
}

function webglRendererName(): string | null {
  try {
    const canvas = document.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name;
  } catch {
    return null;
  }
}
