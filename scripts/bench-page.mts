/**
 * The game's speed in headless Chromium with trained controllers: frame rate and the time all agents'
 * policies take to act in one step (median over 120 steps), per setup. Prints JSON.
 *
 *     npx tsx scripts/bench-page.mts [--seconds 5]
 *
 * Builds the app as shipped, serves it locally and drives Debian's Chromium (tests/browser/harness.ts).
 */
import { parseArgs } from 'node:util';
import { openPage, startHarness } from '../tests/browser/harness';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' } } });
const seconds = Number(values.seconds);
if (!(seconds > 0 && seconds <= 600)) throw new Error(`--seconds: got ${values.seconds}; allowed: a number of seconds from 0 to 600`);

const SETUPS: Record<string, string> = {
  'play as prey, hard (walls, DOM HUD)': '/?mode=play&difficulty=hard&seed=1',
  'tag 3v1, trained predators and prey': '/?scenario=tag&seed=1&steps=1000',
  'spread N=3, trained': '/?scenario=spread&n=3&seed=1&steps=1000',
  'spread N=10, trained': '/?scenario=spread&n=10&seed=1&steps=1000',
  'speaker-listener, trained': '/?scenario=speaker_listener&seed=1&steps=1000',
};

const h = await startHarness();
const results: Record<string, unknown> = {};
try {
  for (const [name, path] of Object.entries(SETUPS)) {
    const { page, errors } = await openPage(h, path);
    await page.waitForTimeout(1500); // start-up and the wasm backend's first calls
    // a string, not a function: tsx would wrap a function's inner functions in helpers the page lacks
    const r = (await page.evaluate(`(async (ms) => {
      const fps = [];
      let frames = 0;
      const start = performance.now();
      await new Promise((done) => {
        const tick = () => {
          frames++;
          if (performance.now() - start < ms) requestAnimationFrame(tick);
          else done();
        };
        requestAnimationFrame(tick);
        const timer = setInterval(() => {
          fps.push(window.__arena().fps);
          if (performance.now() - start >= ms) clearInterval(timer);
        }, 500);
      });
      const s = window.__arena();
      return { framesPerSecond: frames / ((performance.now() - start) / 1000), minPhaserFps: Math.min(...fps), actMsMedian: s.actMsMedian, assignment: s.assignment, tfBackend: s.tfBackend };
    })(${seconds * 1000})`)) as {
      framesPerSecond: number;
      minPhaserFps: number;
      actMsMedian?: number;
      assignment?: Record<string, string>;
      tfBackend?: string;
    };
    results[name] = { ...r, controllers: [...new Set(Object.values(r.assignment ?? {}))], assignment: undefined, errors };
    await page.close();
  }
  // training in the page (shared PPO, spread N=3, the CLI's defaults) while the arena renders
  const { page, errors } = await openPage(h, '/?scenario=spread&n=3&agents=scripted&seed=1&steps=1000');
  await page.click('[data-action=train]');
  await page.waitForFunction(() => window.__arena!().training!.iterations >= 3, null, { timeout: 120_000 });
  const samples = (await page.evaluate(`(async (ms) => {
    const rates = [], fps = [];
    const start = performance.now();
    while (performance.now() - start < ms) {
      await new Promise((r) => setTimeout(r, 500));
      const s = window.__arena();
      rates.push(s.training.samplesPerSec);
      fps.push(s.fps);
    }
    rates.sort((a, b) => a - b);
    return { agentSamplesPerSecMedian: rates[rates.length >> 1], minPhaserFps: Math.min(...fps) };
  })(${seconds * 2000})`)) as { agentSamplesPerSecMedian: number; minPhaserFps: number };
  results['training in the page: spread N=3, shared PPO'] = { ...samples, errors };
  await page.close();
} finally {
  await h.close();
}
console.log(JSON.stringify(results, null, 2));
