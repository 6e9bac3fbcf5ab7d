// The part of omggif's decoder (a JavaScript package without its own types) the clip tests read with.
declare module 'omggif' {
  export class GifReader {
    constructor(bytes: Uint8Array);
    width: number;
    height: number;
    numFrames(): number;
    loopCount(): number | null;
    frameInfo(k: number): { delay: number; width: number; height: number };
    decodeAndBlitFrameRGBA(k: number, pixels: Uint8Array): void;
  }
}
