import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { el } from './dom';

/**
 * The live learning curve of training in this tab (uPlot): the training return per iteration, the random
 * and scripted controllers' returns on the same scenario as reference lines, and a mark at each moment a
 * snapshot was put into the arena.
 */
export function learningCurve(
  width = 246,
  height = 130,
): {
  element: HTMLElement;
  add: (step: number, value: number) => void;
  baselines: (random: number | null, scripted: number | null) => void;
  mark: (step: number) => void;
  points: () => number;
} {
  const element = el('div', { class: 'curve', 'data-testid': 'train-curve' });
  const xs: number[] = [];
  const ys: (number | null)[] = [];
  const marks: (number | null)[] = [];
  let random: number | null = null;
  let scripted: number | null = null;
  const line = (v: number | null) => xs.map(() => v);
  const plot = new uPlot(
    {
      width,
      height,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false } },
      axes: [
        {
          stroke: '#9aa0ad',
          grid: { stroke: '#2a2e38' },
          size: 24,
          font: '10px monospace',
          values: (_u, v) => v.map((s) => (s >= 1e6 ? `${s / 1e6}M` : s >= 1e3 ? `${s / 1e3}k` : String(s))),
        },
        { stroke: '#9aa0ad', grid: { stroke: '#2a2e38' }, size: 44, font: '10px monospace' },
      ],
      series: [
        {},
        { label: 'return', stroke: '#5c9be0', width: 1.5, points: { show: false } },
        { label: 'random', stroke: '#e0685c', dash: [4, 4], width: 1, points: { show: false } },
        { label: 'scripted', stroke: '#7fcf7f', dash: [4, 4], width: 1, points: { show: false } },
        { label: 'swapped in', stroke: '#f2c14e', width: 0, points: { show: true, size: 7, fill: '#f2c14e' } },
      ],
    },
    [[], [], [], [], []],
    element,
  );
  const redraw = () => plot.setData([xs, ys, line(random), line(scripted), marks]);
  return {
    element,
    add: (step, value) => {
      xs.push(step);
      ys.push(Number.isFinite(value) ? value : null);
      marks.push(null);
      redraw();
    },
    baselines: (r, s) => {
      random = r;
      scripted = s;
      redraw();
    },
    mark: (step) => {
      // the mark sits on the curve at the last point at or before the swap
      for (let k = xs.length - 1; k >= 0; k--) {
        if (xs[k] <= step) {
          marks[k] = ys[k];
          break;
        }
      }
      redraw();
    },
    points: () => xs.length,
  };
}
