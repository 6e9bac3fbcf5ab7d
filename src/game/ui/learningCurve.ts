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
  height = 150,
): {
  element: HTMLElement;
  add: (step: number, value: number) => void;
  baselines: (random: number | null, scripted: number | null) => void;
  mark: (step: number) => void;
  points: () => number;
} {
  const element = el('div', { class: 'curve', 'data-testid': 'train-curve' });
  const key = (colour: string, dashed: boolean, text: string) =>
    el('span', {}, [el('i', { class: dashed ? 'swatch dashed' : 'swatch', style: `border-color:${colour}` }), text]);
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
          label: 'env steps',
          labelSize: 14,
          labelFont: '10px system-ui',
          values: (_u, v) => v.map((s) => (s >= 1e6 ? `${s / 1e6}M` : s >= 1e3 ? `${s / 1e3}k` : String(s))),
        },
        {
          stroke: '#9aa0ad',
          grid: { stroke: '#2a2e38' },
          size: 44,
          font: '10px monospace',
          label: 'return per agent',
          labelSize: 14,
          labelFont: '10px system-ui',
        },
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
  element.append(
    el('div', { class: 'curve-legend', 'data-testid': 'train-curve-legend' }, [
      key('#5c9be0', false, 'training return'),
      key('#e0685c', true, 'random'),
      key('#7fcf7f', true, 'scripted'),
      el('span', {}, [el('i', { class: 'dot', style: 'background:#f2c14e;width:7px;height:7px' }), 'swapped in']),
      // the axes' names are drawn on the canvas; said here too for screen readers
      el('span', { class: 'visually-hidden', text: 'Axes: return per agent against env steps.' }),
    ]),
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
