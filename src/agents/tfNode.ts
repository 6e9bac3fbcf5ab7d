import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { initTf, type TfInit } from './tf';

/** Node: the .wasm files are read from the installed package. */
export function initTfNode(): Promise<TfInit> {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  const p = initTf(`${dir}/`);
  p.then((r) => r.warning && process.stderr.write(`warning: ${r.warning}\n`));
  return p;
}
