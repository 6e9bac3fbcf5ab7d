/**
 * Watch one whole round in the built game (Chromium, as the browser tests) and keep a screenshot of its
 * end: how a shipped policy is checked where it is used.
 *
 *     npx tsx scripts/watch-round.mts '/?scenario=tag&predators=scripted&prey=ppo-tag-prey&seed=1&max-cycles=300' [--out shot.png]
 */
import { parseArgs } from 'node:util';
import { openPage, probe, startHarness } from '../tests/browser/harness';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: 'test-results/round-end.png' } } });
if (positionals.length !== 1) throw new Error("watch-round: give one page path, e.g. '/?scenario=tag&prey=ppo-tag-prey&max-cycles=300'");
const h = await startHarness();
try {
  const { page, errors, foreign } = await openPage(h, positionals[0]);
  await page.waitForFunction(() => window.__arena!().scene === 'arena');
  const first = (await probe(page)).episode;
  const cycles = Number(new URLSearchParams(positionals[0].split('?')[1] ?? '').get('max-cycles') ?? 25);
  // the round ends when the next episode starts; keep the last state seen before it
  let last = await probe(page);
  // per agent: samples taken, samples beyond 1.0 in x or y (outside the arena's frame), largest coordinate
  const seen: Record<string, { samples: number; outside: number; maxAbs: number }> = {};
  for (;;) {
    const now = await probe(page);
    if (now.episode !== first) break;
    last = now;
    for (const [name, [x, y]] of Object.entries(now.positions ?? {})) {
      const s = (seen[name] ??= { samples: 0, outside: 0, maxAbs: 0 });
      const m = Math.max(Math.abs(x), Math.abs(y));
      s.samples++;
      if (m > 1) s.outside++;
      s.maxAbs = Math.max(s.maxAbs, Number(m.toFixed(3)));
    }
    // near the end: pause, then step to the round's last step so the HUD shows the whole round
    if ((now.t ?? 0) >= cycles - 15) {
      await page.click('[data-action=pause]');
      while (((await probe(page)).t ?? 0) < cycles - 1) await page.click('[data-action=step]');
      last = await probe(page);
      break;
    }
    await page.waitForTimeout(250);
  }
  await page.screenshot({ path: values.out });
  console.log(
    JSON.stringify({ path: positionals[0], screenshot: values.out, t: last.t, contactsBegun: last.contactsBegun, positions: seen, errors, foreign }, null, 1),
  );
} finally {
  await h.close();
}
