/// <reference lib="webworker" />
/**
 * Training in a Web Worker: the same Trainer as the CLI, driven by messages.
 *   in:  {type: 'start', scenario, options, algo, config, wasm} | {type: 'stop'}
 *   out: {type: 'ready', backend, warning} | {type: 'iteration', metrics} | {type: 'checkpoint', ckpt} | {type: 'error', message}
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

scope.onmessage = async (event: MessageEvent<StartMessage | { type: 'stop' }>) => {
  const msg = event.data;
  if (msg.type === 'stop') {
    stopRequested = true;
    return;
  }
  try {
    const init = await initTf(msg.wasm);
    scope.postMessage({ type: 'ready', backend: init.backend, warning: init.warning });
    const trainer = new Trainer({ scenario: msg.scenario, options: msg.options, algo: msg.algo, config: msg.config });
    while (!trainer.done && !stopRequested) {
      scope.postMessage({ type: 'iteration', metrics: trainer.trainIteration() });
      await new Promise((done) => setTimeout(done, 0)); // let 'stop' arrive
    }
    scope.postMessage({ type: 'checkpoint', ckpt: await checkpointOf(trainer, false) });
    trainer.dispose();
  } catch (err) {
    scope.postMessage({ type: 'error', message: (err as Error).message });
  }
};
