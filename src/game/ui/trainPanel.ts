import { readCheckpoint, type CheckpointJson } from '../../agents/checkpoint';
import type { IterationMetrics } from '../../agents/trainer';
import type { Match } from '../../plugins/match';
import { policyControllerInfo } from '../../plugins/policyController';
import { WASM_URLS } from '../tfBrowser';
import { el } from './dom';

/** What the page knows about the training running in this tab. */
export const browserTraining = { running: false, iterations: 0, step: 0, lastReturn: NaN, controllerId: null as string | null };

/**
 * "Train here": shared PPO for the current scenario in a Web Worker, so the game keeps its frame rate.
 * Stopping hands the policy back as a controller (`trained-here`) that the side panel offers at once.
 */
export function trainPanel(match: Match, onNewController: () => void): HTMLElement {
  const status = el('div', { 'data-testid': 'train-status', text: 'Train shared PPO on this scenario in the background.' });
  const button = el('button', { 'data-action': 'train', text: 'Train here' });
  let worker: Worker | null = null;
  const sc = match.scenario;
  const algo = match.slots.some((s) => s.role === 'adversary') ? 'competitive' : sc.id === 'simple_speaker_listener' || sc.id === 'simple_reference' ? 'comm' : 'shared';

  button.addEventListener('click', () => {
    button.blur();
    if (worker) {
      worker.postMessage({ type: 'stop' });
      button.textContent = 'Stopping…';
      button.setAttribute('disabled', '');
      return;
    }
    worker = new Worker(new URL('../../agents/trainWorker.ts', import.meta.url), { type: 'module' });
    Object.assign(browserTraining, { running: true, iterations: 0, step: 0, lastReturn: NaN });
    button.textContent = 'Stop and use it';
    worker.onmessage = (e: MessageEvent) => {
      const msg = e.data as { type: string; metrics?: IterationMetrics; ckpt?: CheckpointJson; message?: string; backend?: string };
      if (msg.type === 'iteration' && msg.metrics) {
        const m = msg.metrics;
        Object.assign(browserTraining, { iterations: m.iteration, step: m.step, lastReturn: m.meanReturn });
        status.textContent = `${algo} PPO: ${m.step} steps, return ${Number.isFinite(m.meanReturn) ? m.meanReturn.toFixed(2) : '…'}, ${Math.round(m.agentSamplesPerSec)} samples/s`;
      } else if (msg.type === 'checkpoint' && msg.ckpt) {
        const { ckpt, policies } = readCheckpoint(msg.ckpt);
        const id = 'trained-here';
        match.registry.register(policyControllerInfo(id, `Trained here (${ckpt.step} steps)`, ckpt, policies, true));
        browserTraining.controllerId = id;
        status.textContent = `Done: ${ckpt.step} steps. "Trained here" is now in the controller lists.`;
        finish();
        onNewController();
      } else if (msg.type === 'error') {
        status.textContent = `Training stopped: ${msg.message}`;
        finish();
      }
    };
    worker.postMessage({
      type: 'start',
      scenario: sc.id,
      options: { ...sc.options, continuous_actions: false },
      algo,
      config: { totalSteps: 5_000_000, numEnvs: 16, numSteps: 25, numMinibatches: 4, seed: 1 },
      wasm: WASM_URLS,
    });
  });

  const finish = () => {
    worker?.terminate();
    worker = null;
    browserTraining.running = false;
    button.textContent = 'Train here';
    button.removeAttribute('disabled');
  };
  return el('div', {}, [el('h2', { text: 'Learn in this tab' }), status, el('div', { class: 'row' }, [button])]);
}
