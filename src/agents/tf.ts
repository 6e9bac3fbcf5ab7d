/**
 * The one place that imports TensorFlow.js. The umbrella package registers every op's gradient; the wasm
 * backend does the arithmetic (SIMD where the platform has it). Node and the browser only differ in where
 * the .wasm files are found, which the caller passes to `initTf`.
 */
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export { tf };

export interface TfInit {
  backend: string;
  /** Set when wasm could not start and the slower cpu backend is used instead. */
  warning: string | null;
}

let initialised: Promise<TfInit> | null = null;

/**
 * Start tfjs on wasm, or on cpu with a warning if wasm cannot load. Safe to call more than once.
 * `wasm`: a folder URL ending in `/`, or a map from the package's .wasm file names to their URLs.
 */
export function initTf(wasm: string | Record<string, string>): Promise<TfInit> {
  initialised ??= (async () => {
    try {
      setWasmPaths(wasm);
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return { backend: 'wasm', warning: null };
      }
    } catch (err) {
      await tf.setBackend('cpu');
      await tf.ready();
      return { backend: 'cpu', warning: `the wasm backend did not start (${(err as Error).message}); using the much slower cpu backend` };
    }
    await tf.setBackend('cpu');
    await tf.ready();
    return { backend: 'cpu', warning: 'the wasm backend did not start; using the much slower cpu backend' };
  })();
  return initialised;
}
