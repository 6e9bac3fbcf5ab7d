import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpointFile } from '../../src/cli/checkpointFile';
import { LoadedPolicy } from '../../src/agents/loadedPolicy';
import { initTfNode } from '../../src/agents/tfNode';
import { Match } from '../../src/plugins/match';
import { policyControllerInfo } from '../../src/plugins/policyController';
import { builtinControllers } from '../../src/plugins/registry';
import { ParallelEnv } from '../../src/sim/env';
import { writePythonPolicy } from '../support/pythonPolicy';

const SCRIPTS = resolve(__dirname, '../../scripts');

describe('a policy written by Python (scripts/write_checkpoint.py)', () => {
  let dir: string;
  let made: ReturnType<typeof writePythonPolicy>;
  beforeAll(async () => {
    await initTfNode();
    dir = mkdtempSync(join(tmpdir(), 'arena-py-'));
    made = writePythonPolicy(dir);
  });

  it('acts identically in Node, in numpy from the raw state_dict and in scripts/policy_forward.py', () => {
    const { policies } = loadCheckpointFile(made.checkpoint);
    const loaded = new LoadedPolicy(policies[0]);
    // real observations: three agents of a reset spread world
    const env = new ParallelEnv('simple_spread', { N: 3 });
    const obsByAgent = env.reset({ seed: 3 }).observations;
    const obs = env.agents.map((a) => Array.from(obsByAgent[a]));
    const x = new Float32Array(obs.length * loaded.inDim);
    obs.forEach((o, k) => loaded.writeInput(`agent_${k}`, Float32Array.from(o), x, k * loaded.inDim));
    const fromNode = Array.from(loaded.logits(x, obs.length));
    loaded.dispose();

    const request = join(dir, 'request.json');
    writeFileSync(request, JSON.stringify({ agent: 'agent_0', observations: obs }));
    // PyTorch's convention, computed from the .npz without the checkpoint: h = tanh(x @ W.T + b)
    const torchStyle = spawnSync(
      made.python,
      [
        '-c',
        `
import json, numpy as np
sd = np.load(${JSON.stringify(made.npz)})
h = np.array(json.load(open(${JSON.stringify(request)}))["observations"], dtype=np.float32)
for k in range(3):
    h = h @ sd[f"actor.{2 * k}.weight"].T + sd[f"actor.{2 * k}.bias"]
    if k < 2: h = np.tanh(h)
print(json.dumps(h.tolist()))
`,
      ],
      { encoding: 'utf8' },
    );
    expect(torchStyle.status, torchStyle.stderr).toBe(0);
    const forward = spawnSync(made.python, [join(SCRIPTS, 'policy_forward.py'), made.checkpoint, request], { encoding: 'utf8' });
    expect(forward.status, forward.stderr).toBe(0);
    const fromForward = JSON.parse(forward.stdout);
    const fromTorch = (JSON.parse(torchStyle.stdout) as number[][]).flat();
    expect(fromNode).toHaveLength(15);
    fromTorch.forEach((v, i) => expect(fromNode[i]).toBeCloseTo(v, 4));
    (fromForward.logits as number[][]).flat().forEach((v, i) => expect(fromNode[i]).toBeCloseTo(v, 4));
    // the logits are not flat: the actions differ between agents, so "identical" is a real check
    const argmax = (r: number) => fromTorch.slice(5 * r, 5 * r + 5).indexOf(Math.max(...fromTorch.slice(5 * r, 5 * r + 5)));
    expect(fromForward.actions).toEqual([0, 1, 2].map(argmax));
  });

  it('drives agents as a controller', () => {
    const { ckpt, policies } = loadCheckpointFile(made.checkpoint);
    const registry = builtinControllers();
    registry.register(policyControllerInfo('python-spread', 'from Python', ckpt, policies, true));
    const match = new Match({ scenario: 'simple_spread', options: { N: 3 }, seed: 1, controllers: { agents: 'python-spread' }, registry });
    const start = Array.from(match.scenario.world.pos);
    for (let t = 0; t < 10; t++) match.step();
    expect(match.lastError).toBeNull();
    const moved = [0, 1, 2].map((i) => Math.hypot(match.scenario.world.pos[2 * i] - start[2 * i], match.scenario.world.pos[2 * i + 1] - start[2 * i + 1]));
    for (const d of moved) expect(d).toBeGreaterThan(0.01);
    match.dispose();
  });

  it('refuses networks the format cannot hold, naming the problem, and leaves no file behind', () => {
    const bad = join(dir, 'bad.npz');
    const out = join(dir, 'bad.json');
    const py = spawnSync(
      made.python,
      [
        '-c',
        `
import numpy as np
np.savez(${JSON.stringify(bad)}, **{"actor.0.weight": np.ones((16, 18), np.float32), "actor.0.bias": np.ones(16, np.float32),
  "actor.2.weight": np.ones((8, 16), np.float32), "actor.2.bias": np.ones(8, np.float32),
  "actor.4.weight": np.ones((5, 8), np.float32), "actor.4.bias": np.ones(5, np.float32)})
`,
      ],
      { encoding: 'utf8' },
    );
    expect(py.status, py.stderr).toBe(0);
    const args = [join(SCRIPTS, 'write_checkpoint.py'), bad, '--scenario', 'simple_spread', '--agents', 'agent_0,agent_1,agent_2', '--out', out];
    const r = spawnSync(made.python, args, { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/actor: hidden layers of 16 and 8 units; both must be the same width/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const missing = spawnSync(made.python, [...args.slice(0, 2), '--scenario', 'simple_spread', '--agents', 'agent_0', '--actor-prefix', 'pi.', '--out', out], {
      encoding: 'utf8',
    });
    expect(missing.stderr).toMatch(/no 'pi\.<i>\.weight' keys; found: actor\.0\.bias/);
  });
});
