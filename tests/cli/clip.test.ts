import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import omggif from 'omggif';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';

const ARENA = resolve(__dirname, '../../bin/arena.js');
const arena = (...args: string[]) => spawnSync('node', [ARENA, ...args], { encoding: 'utf8', timeout: 60_000 });
const { GifReader } = omggif as unknown as typeof import('omggif');

/** Whether some pixel of the frame is within `tol` of the colour. */
function hasColour(rgba: Uint8Array, [r, g, b]: number[], tol = 40): boolean {
  for (let i = 0; i < rgba.length; i += 4) if (Math.abs(rgba[i] - r) + Math.abs(rgba[i + 1] - g) + Math.abs(rgba[i + 2] - b) < tol) return true;
  return false;
}

describe('clips', () => {
  it('record --gif writes a 100-step tag episode as a looping GIF under 1 MB, one frame per step at the env pace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-clip-'));
    const gif = join(dir, 'tag.gif');
    const json = join(dir, 'tag.json');
    const policy = resolve(__dirname, '../../assets/policies/tag-predators-hard.json');
    const r = arena('record', policy, '--prey', 'scripted', '--max-cycles', '100', '--out', json, '--gif', gif);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/wrote .*tag\.json and .*tag\.gif \(\d+ kB\)/);
    const bytes = new Uint8Array(readFileSync(gif));
    expect(Buffer.from(bytes.subarray(0, 6)).toString()).toBe('GIF89a');
    expect(bytes.length).toBeLessThan(1_000_000);
    const reader = new GifReader(bytes);
    expect(reader.numFrames()).toBe(101); // the start and the state after each step
    expect(reader.loopCount()).toBe(0);
    expect(reader.frameInfo(50).delay).toBe(10); // hundredths of a second: MPE's dt
    // the predators' and the prey's world colours are drawn (MPE: 0.85,0.35,0.35 and 0.35,0.85,0.35)
    const pixels = new Uint8Array(reader.width * reader.height * 4);
    reader.decodeAndBlitFrameRGBA(60, pixels);
    expect(hasColour(pixels, [217, 89, 89])).toBe(true);
    expect(hasColour(pixels, [89, 217, 89])).toBe(true);
    // the same recording as a clip afterwards gives the same file
    const again = join(dir, 'again.gif');
    const c = arena('clip', json, '--out', again);
    expect(c.status, c.stderr).toBe(0);
    expect(readFileSync(again).equals(Buffer.from(bytes))).toBe(true);
  }, 120_000);

  it('bad clip requests are named and write nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-clip-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'mpe-reference/1', env: 'simple_tag_v3', steps: 'many' }));
    const cases: [string[], RegExp][] = [
      [['record', '--scenario', 'tag', '--gif', join(dir, 'x.png')], /record --gif: got ".*x\.png"; allowed: a \.gif file name/],
      [['record', '--scenario', 'tag'], /record --out: got nothing.*or --gif clip\.gif/],
      [['clip', bad, '--out', join(dir, 'x.gif')], /bad\.json\./],
      [['clip', bad, '--out', bad.replace('.json', '.gif').replace('bad', 'no/such')], /clip --out: got .*its folder does not exist/],
    ];
    // in this process: each is refused before any work (no node start-up per case)
    for (const [args, message] of cases) await expect(main(args), args.join(' ')).rejects.toThrow(message);
    expect(() => statSync(join(dir, 'x.gif'))).toThrow();
  }, 60_000);
});
