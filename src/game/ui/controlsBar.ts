import { SPEEDS } from '../config/setup';
import { byId, el, select } from './dom';

export interface ControlsState {
  paused: boolean;
  speed: number;
  trails: boolean;
  labels: boolean;
  heatmap: boolean;
}

export interface ControlsActions {
  togglePause(): void;
  step(): void;
  setSpeed(speed: number): void;
  restart(sameSeed: boolean): void;
  setTrails(on: boolean): void;
  setLabels(on: boolean): void;
  setHeatmap(on: boolean): void;
  menu(): void;
}

/** Buttons under the arena; the same actions have keys (see the hint line in the HUD). */
export function showControls(state: ControlsState, actions: ControlsActions): (s: ControlsState) => void {
  const root = byId('controls');
  const pause = el('button', { 'data-action': 'pause', title: 'Space' });
  pause.addEventListener('click', () => actions.togglePause());
  const step = el('button', { 'data-action': 'step', title: '.', text: 'Step' });
  step.addEventListener('click', () => actions.step());
  const speed = select(
    SPEEDS.map((s) => ({ value: String(s), label: `${s}×` })),
    String(state.speed),
    { 'data-action': 'speed', title: 'Speed ([ and ])', 'aria-label': 'Speed' },
  );
  speed.addEventListener('change', () => actions.setSpeed(Number(speed.value)));
  const same = el('button', { 'data-action': 'restart-same', title: 'Shift+R', text: 'Restart' });
  same.addEventListener('click', () => actions.restart(true));
  const fresh = el('button', { 'data-action': 'restart-new', title: 'R', text: 'New seed' });
  fresh.addEventListener('click', () => actions.restart(false));
  const trails = el('input', { type: 'checkbox', 'data-action': 'trails' });
  trails.addEventListener('change', () => actions.setTrails(trails.checked));
  const labels = el('input', { type: 'checkbox', 'data-action': 'labels' });
  labels.addEventListener('change', () => actions.setLabels(labels.checked));
  const heatmap = el('input', { type: 'checkbox', 'data-action': 'heatmap' });
  heatmap.addEventListener('change', () => actions.setHeatmap(heatmap.checked));
  const menu = el('button', { 'data-action': 'menu', text: 'Menu' });
  menu.addEventListener('click', () => actions.menu());
  for (const b of [pause, step, same, fresh, menu, trails, labels, heatmap]) b.addEventListener('click', () => b.blur());
  root.replaceChildren(
    pause,
    step,
    speed,
    same,
    fresh,
    el('label', {}, [trails, 'trails']),
    el('label', {}, [labels, 'labels']),
    el('label', { title: 'H: where each agent has been since the start or the last restart' }, [heatmap, 'heatmap']),
    menu,
  );
  root.hidden = false;
  const update = (s: ControlsState) => {
    pause.textContent = s.paused ? 'Resume' : 'Pause';
    speed.value = String(s.speed);
    trails.checked = s.trails;
    labels.checked = s.labels;
    heatmap.checked = s.heatmap;
  };
  update(state);
  return update;
}

export function hideControls(): void {
  byId('controls').hidden = true;
}
