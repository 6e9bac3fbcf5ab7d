import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pythonWithNumpy } from './python';

const SCRIPTS = resolve(__dirname, '../../scripts');

/**
 * A spread N=3 policy "trained in Python": a PyTorch-style state_dict (actor.0/2/4, critic.0/2/4, weights
 * [out, in]) of seeded random numbers saved as .npz, turned into a checkpoint by scripts/write_checkpoint.py.
 * Returns the checkpoint, the .npz and the Python used.
 */
export function writePythonPolicy(dir: string, seed = 7): { checkpoint: string; npz: string; python: string } {
  const python = pythonWithNumpy();
  const npz = join(dir, `state_dict-${seed}.npz`);
  const checkpoint = join(dir, `python-spread-${seed}.json`);
  const make = `
import numpy as np
rng = np.random.default_rng(${seed})
sizes = [18, 32, 32, 5]
sd = {}
for net, out in (("actor", 5), ("critic", 1)):
    dims = sizes[:-1] + [out]
    for k in range(3):
        sd[f"{net}.{2 * k}.weight"] = rng.normal(0, 1.2 / np.sqrt(dims[k]), (dims[k + 1], dims[k])).astype(np.float32)
        sd[f"{net}.{2 * k}.bias"] = rng.normal(0, 0.1, dims[k + 1]).astype(np.float32)
np.savez(${JSON.stringify(npz)}, **sd)
`;
  const a = spawnSync(python, ['-c', make], { encoding: 'utf8' });
  if (a.status !== 0) throw new Error(`making the state_dict failed: ${a.stderr}`);
  const b = spawnSync(
    python,
    [
      join(SCRIPTS, 'write_checkpoint.py'),
      npz,
      '--scenario',
      'simple_spread',
      '--option',
      'N=3',
      '--agents',
      'agent_0,agent_1,agent_2',
      '--activation',
      'tanh',
      '--out',
      checkpoint,
    ],
    { encoding: 'utf8' },
  );
  if (b.status !== 0 || !existsSync(checkpoint)) throw new Error(`write_checkpoint.py failed (${b.status}): ${b.stderr}`);
  return { checkpoint, npz, python };
}
