/**
 * How far a team trained in the page gets in a fixed wall time: spread N=3, shared PPO with the train panel's
 * defaults, started from the panel while the arena renders scripted agents. Every 30 s it reads the training
 * return; at the end it hot-swaps the current policy in, downloads its checkpoint (the panel's Download
 * button) and prints the series as JSON. Evaluate the file with `arena eval <file> --deterministic`.
 *
 *     npx tsx scripts/bench-page-learn.mts [--minutes 10] [--out runs/page-learn.json]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openPage, startHarness } from '../tests/browser/harness';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, out: { type: 'string', default: 'runs/page-learn.json' } } });
const minutes = Number(values.minutes);
if (!(minutes > 0 && minutes <= 120)) throw new Error(`--minutes: got ${values.minutes}; allowed: a number of minutes from 0 to 120`);

const h = await startHarness();
try {
  const { page, errors } = await openPage(h, '/?scenario=spread&n=3&agents=scripted&seed=1&steps=1000');
  await page.waitForTimeout(1500);
  await page.click('[data-action=train]');
  const start = Date.now();
  const series: { seconds: number; step: number; trainingReturn: number; samplesPerSec: number; fps: number }[] = [];
  while (Date.now() - start < minutes * 60_000) {
    await page.waitForTimeout(Math.min(30_000, minutes * 60_000 - (Date.now() - start)));
    const s = (await page.evaluate('window.__arena()')) as { fps: number; training: { step: number; lastReturn: number; samplesPerSec: number } };
    series.push({
      seconds: Math.round((Date.now() - start) / 1000),
      step: s.training.step,
      trainingReturn: s.training.lastReturn,
      samplesPerSec: Math.round(s.training.samplesPerSec),
      fps: Math.round(s.fps),
    });
    console.error(JSON.stringify(series[series.length - 1]));
  }
  // a run that finished within the time already drives its team ("Trained here"); a running one is swapped in
  if (await page.evaluate(() => window.__arena!().training!.running)) await page.click('[data-action=train-use]');
  await page.waitForFunction(() => window.__arena!().training!.controllerId !== null, null, { timeout: 120_000 });
  const download = page.waitForEvent('download');
  await page.click('[data-action=train-download]');
  const file = values.out!.replace(/\.json$/, '.checkpoint.json');
  await (await download).saveAs(file);
  writeFileSync(values.out!, JSON.stringify({ minutes, series, checkpoint: file, errors }, null, 1));
  console.log(JSON.stringify({ minutes, last: series[series.length - 1], checkpoint: file, errors }));
} finally {
  await h.close();
}
