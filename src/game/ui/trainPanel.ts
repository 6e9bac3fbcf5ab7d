import { readCheckpoint, type CheckpointJson } from '../../agents/checkpoint';
import type { IterationMetrics } from '../../agents/trainer';
import type { Match } from '../../plugins/match';
import { policyControllerInfo } from '../../plugins/policyController';
import { teamsOf } from '../../plugins/teams';
import { WASM_URLS } from '../tfBrowser';
import { el, select } from './dom';

/** What the page knows about the training running in this tab. */
export const browserTraining = { running: false, iterations: 0, step: 0, lastReturn: NaN, controllerId: null as string | null, snapshots: 0 };

const TOTAL_STEPS = 5_000_000;

/** Algorithms that make sense for a scenario: competitive needs two sides, comm speaking agents. */
function algorithmsFor(match: Match): string[] {
  const sc = match.scenario;
  const speaks = match.slots.some((s) => !sc.world.isSilent(s.index));
  const sides = new Set(match.slots.map((s) => s.role)).size;
  return [...(speaks ? ['comm'] : []), 'shared', 'independent', 'mappo', ...(sides === 2 && !speaks ? ['competitive'] : [])];
}

/** Save a JSON value as a file (a local blob: nothing leaves the page). */
function download(name: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value)], { type: 'application/json' }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * "Learn in this tab": PPO for the current scenario in a Web Worker, so the game keeps its frame rate.
 * Pause and resume; "Use current policy" puts a snapshot on its team in the arena while training goes
 * on; stopping hands the final policy back as `trained-here`; the last policy can be downloaded in the
 * checkpoint format the CLI reads.
 */
export function trainPanel(match: Match, onNewController: () => void): HTMLElement {
  const algos = algorithmsFor(match);
  const algoSelect = select(algos.map((a) => ({ value: a, label: a })), algos[0], { 'data-testid': 'train-algo', 'aria-label': 'Algorithm' });
  const status = el('div', { 'data-testid': 'train-status', text: 'Train PPO on this scenario in the background while you watch or play.' });
  const button = el('button', { 'data-action': 'train', text: 'Train here' });
  const pause = el('button', { 'data-action': 'train-pause', text: 'Pause', disabled: true });
  const swap = el('button', { 'data-action': 'train-use', text: 'Use current policy', disabled: true });
  const save = el('button', { 'data-action': 'train-download', text: 'Download', disabled: true });
  let worker: Worker | null = null;
  let paused = false;
  let last: CheckpointJson | null = null;
  let started = 0;
  const sc = match.scenario;

  /** Register a checkpoint from the worker as a controller; with `assign`, give it the teams it drives. */
  const adopt = (json: CheckpointJson, id: string, label: string, assign: boolean) => {
    const { ckpt, policies } = readCheckpoint(json);
    match.registry.register(policyControllerInfo(id, `${label} (${ckpt.step} steps)`, ckpt, policies, true));
    last = json;
    save.removeAttribute('disabled');
    if (assign) {
      const roles = new Set(policies.map((p) => p.json.role));
      for (const team of teamsOf(sc.id)) if (roles.has(team.role)) match.assign(team.name, id);
    }
    onNewController();
  };

  const finish = () => {
    worker?.terminate();
    worker = null;
    paused = false;
    browserTraining.running = false;
    button.textContent = 'Train here';
    button.removeAttribute('disabled');
    pause.setAttribute('disabled', '');
    swap.setAttribute('disabled', '');
    algoSelect.removeAttribute('disabled');
  };

  button.addEventListener('click', () => {
    button.blur();
    if (worker) {
      worker.postMessage({ type: 'stop' });
      button.textContent = 'Stopping…';
      button.setAttribute('disabled', '');
      return;
    }
    const algo = algoSelect.value;
    worker = new Worker(new URL('../../agents/trainWorker.ts', import.meta.url), { type: 'module' });
    Object.assign(browserTraining, { running: true, iterations: 0, step: 0, lastReturn: NaN, snapshots: 0 });
    started = performance.now();
    button.textContent = 'Stop and use it';
    pause.removeAttribute('disabled');
    swap.removeAttribute('disabled');
    algoSelect.setAttribute('disabled', '');
    worker.onmessage = (e: MessageEvent) => {
      const msg = e.data as { type: string; metrics?: IterationMetrics; ckpt?: CheckpointJson; message?: string };
      try {
        if (msg.type === 'iteration' && msg.metrics) {
          const m = msg.metrics;
          Object.assign(browserTraining, { iterations: m.iteration, step: m.step, lastReturn: m.meanReturn });
          const perSec = m.step / Math.max(1e-3, (performance.now() - started) / 1000);
          const eta = (TOTAL_STEPS - m.step) / Math.max(1, perSec);
          status.textContent = `${algo} PPO: ${m.step} steps, return ${Number.isFinite(m.meanReturn) ? m.meanReturn.toFixed(2) : '…'}, ${Math.round(m.agentSamplesPerSec)} samples/s, ${Math.round(eta / 60)} min to ${TOTAL_STEPS / 1e6}M`;
        } else if (msg.type === 'snapshot' && msg.ckpt) {
          browserTraining.snapshots++;
          const id = `trained-here-${browserTraining.snapshots}`;
          adopt(msg.ckpt, id, `Training snapshot ${browserTraining.snapshots}`, true);
          browserTraining.controllerId = id;
        } else if (msg.type === 'checkpoint' && msg.ckpt) {
          adopt(msg.ckpt, 'trained-here', 'Trained here', false);
          browserTraining.controllerId = 'trained-here';
          status.textContent = `Done: ${msg.ckpt.step} steps. "Trained here" is now in the controller lists.`;
          finish();
        } else if (msg.type === 'error') {
          status.textContent = `Training stopped: ${msg.message}`;
          finish();
        }
      } catch (err) {
        status.textContent = `Training stopped: ${(err as Error).message}`;
        finish();
      }
    };
    worker.postMessage({
      type: 'start',
      scenario: sc.id,
      options: { ...sc.options, continuous_actions: false },
      algo,
      config: { totalSteps: TOTAL_STEPS, numEnvs: 16, numSteps: 25, numMinibatches: 4, seed: 1 },
      wasm: WASM_URLS,
    });
  });
  pause.addEventListener('click', () => {
    pause.blur();
    paused = !paused;
    worker?.postMessage({ type: paused ? 'pause' : 'resume' });
    pause.textContent = paused ? 'Resume' : 'Pause';
  });
  swap.addEventListener('click', () => {
    swap.blur();
    worker?.postMessage({ type: 'snapshot' });
  });
  save.addEventListener('click', () => {
    save.blur();
    if (last) download(`${sc.id}-${last.algo}-${last.step}-steps.json`, last);
  });
  return el('div', {}, [
    el('h2', { text: 'Learn in this tab' }),
    el('div', { class: 'row' }, [el('label', { text: 'algorithm' }), algoSelect]),
    status,
    el('div', { class: 'row train-buttons' }, [button, pause]),
    el('div', { class: 'row train-buttons' }, [swap, save]),
  ]);
}
