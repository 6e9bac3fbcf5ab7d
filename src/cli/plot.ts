import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { checkOutputFile, writeFileAtomic } from './files';
import { readMetricsRows } from './metricsFile';
import { ArenaInputError } from '../sim/errors';
import { parseArgs, type FlagSpec } from './args';
import { svg, text } from './svg';
import { writePng } from './png';

export const PLOT_FLAGS: Record<string, FlagSpec> = {
  out: { type: 'string', default: 'compare.png', doc: 'output file: .png (also writes the .svg beside it) or .svg' },
  metric: {
    type: 'string',
    default: 'meanReturn',
    choices: ['meanReturn', 'coverage', 'entropy', 'agentSamplesPerSec', 'vLoss', 'approxKl', 'diversity'],
    doc: 'what to plot against env steps',
  },
  smooth: { type: 'int', default: 10, min: 1, max: 1000, doc: 'moving-average window (iterations)' },
  band: {
    type: 'bool',
    doc: 'draw seeds as their mean and a min-max band: when every run ends in a seed (shared-s1, shared-s2, indep-s1; seed-1) runs named alike but for it form one setting each; otherwise all runs are one setting',
  },
};

const COLORS = ['#2f5fd0', '#d0452f', '#2f9d4f', '#b0309a', '#c08a1c', '#1c9bb0'];

interface Series {
  name: string;
  points: [number, number][];
  /** With --band: [step, min, max] around the mean. */
  band?: [number, number, number][];
}

/** Seeds of one setting as one series: the mean at every step all of them reached, and the min-max band. */
function meanAndBand(runs: Series[], setting = ''): Series {
  const len = Math.min(...runs.map((r) => r.points.length));
  const points: [number, number][] = [];
  const band: [number, number, number][] = [];
  for (let i = 0; i < len; i++) {
    const ys = runs.map((r) => r.points[i][1]);
    points.push([runs[0].points[i][0], ys.reduce((a, b) => a + b, 0) / ys.length]);
    band.push([runs[0].points[i][0], ...extent(ys)]);
  }
  return { name: `${setting ? `${setting}: ` : ''}mean of ${runs.length} (band: min to max)`, points, band };
}

/** A run folder's name without a trailing seed (`shared-s2` -> `shared`, `seed-3` -> ``); null when it has none. */
export function settingOf(name: string): string | null {
  const m = /^(?:(.*)[-_])?(?:s|seed-?)\d+$/.exec(name);
  return m ? (m[1] ?? '') : null;
}

/** Seeds grouped into settings by name (see the --band flag). */
function bandsBySetting(runs: Series[]): Series[] {
  const keys = runs.map((r) => settingOf(r.name));
  if (keys.some((k) => k === null)) return [meanAndBand(runs)];
  if (new Set(keys).size === 1) return [meanAndBand(runs, keys[0]!)];
  const settings = [...new Set(keys as string[])];
  return settings.map((k) =>
    meanAndBand(
      runs.filter((_, i) => keys[i] === k),
      k,
    ),
  );
}

function readRun(dir: string, metric: string, smooth: number): Series {
  const file = join(dir, 'metrics.jsonl');
  if (!existsSync(file)) throw new ArenaInputError('plot <run>', dir, 'a run folder written by arena train (with metrics.jsonl)', 'no metrics.jsonl');
  const rows = readMetricsRows(file, metric);
  const raw = rows.map((r) => [r.step, r[metric]] as [number, number]).filter(([, v]) => Number.isFinite(v));
  // a running sum: a window of 1000 over a run of 300,000 iterations stays linear
  const points: [number, number][] = [];
  let sum = 0;
  raw.forEach(([x, v], i) => {
    sum += v - (i >= smooth ? raw[i - smooth][1] : 0);
    points.push([x, sum / Math.min(i + 1, smooth)]);
  });
  return { name: basename(dir.replace(/\/+$/, '')), points };
}

/** Most points a curve keeps: a picture 700 pixels wide shows no more, and the SVG stays small. */
const MAX_POINTS = 2000;

/** Every k-th point (and the last), so a curve of any length draws at most MAX_POINTS. */
function thin<T>(points: T[]): T[] {
  if (points.length <= MAX_POINTS) return points;
  const k = Math.ceil(points.length / MAX_POINTS);
  return points.filter((_, i) => i % k === 0 || i === points.length - 1);
}

/** Smallest and largest of many numbers, without spreading them into arguments (that overflows the stack). */
function extent(values: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

const niceTicks = (lo: number, hi: number, n = 5): number[] => {
  const span = hi - lo || 1;
  const step = 10 ** Math.floor(Math.log10(span / n));
  const mult = [1, 2, 5, 10].find((m) => span / (m * step) <= n) ?? 10;
  const s = mult * step;
  const ticks = [];
  // counted, not stepped by adding: a step too small to move a large value would never end the loop
  const first = Math.ceil(lo / s);
  for (let k = 0; k <= n + 1; k++) {
    const v = (first + k) * s;
    if (v > hi + 1e-9 * Math.max(1, Math.abs(hi))) break;
    ticks.push(Number(v.toPrecision(6)));
  }
  return ticks;
};

const fmt = (v: number) => (Math.abs(v) >= 1e6 ? `${v / 1e6}M` : Math.abs(v) >= 1e3 ? `${v / 1e3}k` : String(v));

/** Learning curves of several runs in one SVG. */
export function plotSvg(series: Series[], metric: string): string {
  const W = 760;
  const H = 440;
  const L = 70;
  const R = 20;
  const T = 40;
  const B = 60;
  const all = series.flatMap((s) => [
    ...s.points,
    ...(s.band ?? []).flatMap(
      ([x, lo, hi]) =>
        [
          [x, lo],
          [x, hi],
        ] as [number, number][],
    ),
  ]);
  if (all.length === 0) throw new ArenaInputError('plot', metric, 'runs with at least one value of that metric', 'nothing to plot');
  const xMax = extent(all.map((p) => p[0]))[1];
  let [yMin, yMax] = extent(all.map((p) => p[1]));
  // a flat curve gets a band around it, relative to its size (1e15 +- 1 would be one value)
  if (yMin === yMax) [yMin, yMax] = [yMin - Math.max(1, Math.abs(yMin) / 10), yMax + Math.max(1, Math.abs(yMax) / 10)];
  const pad = (yMax - yMin) * 0.05;
  yMin -= pad;
  yMax += pad;
  const x = (v: number) => L + (v / (xMax || 1)) * (W - L - R);
  const y = (v: number) => T + (1 - (v - yMin) / (yMax - yMin)) * (H - T - B);
  const parts = [text(W / 2, 22, `${metric} (moving average) vs env steps`, 'text-anchor="middle" font-size="15"')];
  for (const t of niceTicks(0, xMax))
    parts.push(
      `<line x1="${x(t)}" y1="${T}" x2="${x(t)}" y2="${H - B}" stroke="#e5e5e5"/><text x="${x(t)}" y="${H - B + 18}" text-anchor="middle">${fmt(t)}</text>`,
    );
  for (const t of niceTicks(yMin, yMax))
    parts.push(
      `<line x1="${L}" y1="${y(t)}" x2="${W - R}" y2="${y(t)}" stroke="#e5e5e5"/><text x="${L - 8}" y="${y(t) + 4}" text-anchor="end">${fmt(t)}</text>`,
    );
  parts.push(`<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="none" stroke="#888"/>`);
  parts.push(`<text x="${W / 2}" y="${H - 18}" text-anchor="middle">env steps</text>`);
  const legend: string[] = [];
  series.forEach((s, i) => {
    const c = COLORS[i % COLORS.length];
    if (s.band) {
      const edge = [...s.band.map(([bx, , hi]) => [bx, hi]), ...s.band.map(([bx, lo]) => [bx, lo]).reverse()];
      parts.push(
        `<path d="${edge.map((p, k) => `${k ? 'L' : 'M'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join('')}Z" fill="${c}" fill-opacity="0.2" stroke="none"/>`,
      );
    }
    const d = s.points.map((p, k) => `${k ? 'L' : 'M'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${c}" stroke-width="2"/>`);
    legend.push(`<rect x="${L + 12}" y="${T + 10 + 18 * i}" width="14" height="4" fill="${c}"/>${text(L + 32, T + 16 + 18 * i, s.name)}`);
  });
  // the legend over a light box, so curves under it do not hide it
  const longest = Math.max(...series.map((s) => s.name.length));
  parts.push(`<rect x="${L + 6}" y="${T + 4}" width="${32 + 7 * longest}" height="${18 * series.length + 6}" fill="white" fill-opacity="0.85"/>`, ...legend);
  return svg(W, H, parts);
}

export function plotCommand(argv: string[]): string {
  const { positional, flags } = parseArgs('plot', argv, PLOT_FLAGS, 64);
  if (positional.length === 0) throw new ArenaInputError('plot <run> [<run> ...]', positional, 'one or more run folders');
  const out = flags.out as string;
  if (!/\.(png|svg)$/i.test(out)) throw new ArenaInputError('plot --out', out, 'a file name ending in .png or .svg');
  checkOutputFile('plot --out', out);
  if (/\.png$/i.test(out)) checkOutputFile('plot --out', out.replace(/\.png$/i, '.svg'));
  const runs = positional.map((dir) => readRun(dir, flags.metric as string, flags.smooth as number));
  const series = (flags.band ? bandsBySetting(runs) : runs).map((s) => ({ ...s, points: thin(s.points), band: s.band && thin(s.band) }));
  const svg = plotSvg(series, flags.metric as string);
  const svgPath = out.replace(/\.png$/i, '.svg');
  writeFileAtomic(svgPath, svg, 'plot --out');
  if (/\.png$/i.test(out)) writePng(out, svg);
  return `wrote ${/\.png$/i.test(out) ? `${out} and ` : ''}${svgPath}`;
}
