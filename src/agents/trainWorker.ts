/// <reference lib="webworker" />
/**
 * Training in a Web Worker: the same Trainer as the CLI, driven by messages.
 *   in:  {type: 'start', scenario, options, algo, config, wasm} | {type: 'stop'} | {type: 'pause'} | {type: 'resume'}
 *        | {type: 'snapshot'} (the current policy, while training goes on)
 *   out: {type: 'ready', backend, warning} | {type: 'iteration', metrics} | {type: 'snapshot', ckpt}
 *        | {type: 'checkpoint', ckpt} (at the end) | {type: 'error', message}
 */
import { checkpointOf } from './checkpoint';
import type { PPOConfig } from './config';
import { initTf } from './tf';
import { Trainer, type Algo } from './trainer';

export interface StartMessage {
  type: 'start';
  scenario: string;
  options: Record<string, unknown>;
  algo: Algo;
  config: Partial<PPOConfig>;
  wasm: Record<string, string>;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
let stopRequested = false;
let paused = false;
let snapshotRequested = false;

scope.onmessage = async (event: MessageEvent<StartMessage | { type: 'stop' | 'pause' | 'resume' | 'snapshot' }>) => {
  const msg = event.data;
  if (msg.type === 'stop') {
    stopRequested = true;
    return;
  }
  if (msg.type === 'pause' || msg.type === 'resume') {
    paused = msg.type === 'pause';
    return;
  }
  if (msg.type === 'snapshot') {
    snapshotRequested = true;
    return;
  }
  if (msg.type !== 'start') return;
  try {
    const init = await initTf(msg.wasm);
    scope.postMessage({ type: 'ready', backend: init.backend, warning: init.warning });
    const trainer = new Trainer({ scenario: msg.scenario, options: msg.options, algo: msg.algo, config: msg.config });
    while (!trainer.done && !stopRequested) {
      if (snapshotRequested) {
        snapshotRequested = false;
        scope.postMessage({ type: 'snapshot', ckpt: await checkpointOf(trainer, false) });
      }
      if (paused) {
        await new Promise((done) => setTimeout(done, 100));
        continue;
      }
      scope.postMessage({ type: 'iteration', metrics: trainer.trainIteration() });
      await new Promise((done) => setTimeout(done, 0)); // let messages arrive
    }
    scope.postMessage({ type: 'checkpoint', ckpt: await checkpointOf(trainer, false) });
    trainer.dispose();
  } catch (err) {
    scope.postMessage({ type: 'error', message: (err as Error).message });
  }
};
