/** float32 arrays <-> base64 of their little-endian bytes (numpy: `np.frombuffer(b64decode(s), '<f4')`). */

export function f32ToBase64(data: Float32Array): string {
  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Throws a RangeError naming what is wrong (not base64, wrong length). */
export function base64ToF32(text: string, expectedLength: number): Float32Array {
  if (typeof text !== 'string') throw new RangeError(`expected a base64 string, got ${typeof text}`);
  let bin: string;
  try {
    bin = atob(text);
  } catch {
    throw new RangeError('not valid base64');
  }
  if (bin.length !== expectedLength * 4) throw new RangeError(`holds ${bin.length / 4} float32 values, expected ${expectedLength}`);
  const view = new DataView(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) view.setUint8(i, bin.charCodeAt(i));
  const out = new Float32Array(expectedLength);
  for (let i = 0; i < expectedLength; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
