import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkpointOf, initTrainerFrom, readCheckpoint } from '../../src/agents/checkpoint';
import { restoreTrainer } from '../../src/agents/resume';
import { DiverseActor } from '../../src/agents/diverseActor';
import { LoadedPolicy } from '../../src/agents/loadedPolicy';
import { minibatchGradients } from '../../src/agents/minibatchGradients';
import { WorkerGradients } from '../../src/agents/workerGradients';
import { initTfNode } from '../../src/agents/tfNode';
import { Trainer } from '../../src/agents/trainer';
import { VariedLookaheadController } from '../../src/plugins/lookahead';
import { trainingOpponents } from '../../src/plugins/trainingOpponents';
import { FastRandom } from '../../src/sim/fastRandom';
import { ParallelEnv } from '../../src/sim/env';
import { ArenaInputError } from '../../src/sim/errors';
import { pythonWithNumpy } from '../support/python';
import { playRecordedCurve, RECORDED_CURVE } from '../support/recordedCurve';

const SCRIPTS = resolve(__dirname, '../../scripts');

beforeAll(async () => {
  await initTfNode();
});

/** The short run scripts/record-curve.mts prints: tag predators (shared) against the scripted prey. */
function curveRun(config: Record<string, unknown>): Trainer {
  return new Trainer({
    scenario: 'tag',
    algo: 'shared',
    config,
    fixedRoles: trainingOpponents('simple_tag', {}, 'scripted:prey', config.numEnvs as number, config.seed as number),
  });
}

function diverseRun(diversity: number, seed = 4): Trainer {
  return curveRun({ numEnvs: 8, numSteps: 25, totalSteps: 2000, seed, diversity });
}

describe('a diversity set-point for a team (DiCo-style per-agent parts)', () => {
  it('--diversity 0 reproduces the curve and weights of the code before per-agent parts, bit for bit', () => {
    const { curve, weights } = playRecordedCurve({ diversity: 0 }, (m) => expect(m.diversity).toBeUndefined());
    expect(curve).toEqual(RECORDED_CURVE.curve);
    expect(weights).toEqual(RECORDED_CURVE.weights);
  }, 60_000);

  it('holds the set-point: the acting agents differ by the target on the rollout it was measured on, and act differently', () => {
    const trainer = diverseRun(0.2);
    const g = trainer.policies[0];
    expect(g.actor).toBeInstanceOf(DiverseActor);
    const actor = g.actor as DiverseActor;
    const logged: number[] = [];
    for (let i = 0; i < 4; i++) logged.push(trainer.trainIteration().diversity!);
    const rows = trainer.cfg.numEnvs * trainer.cfg.numSteps * g.count;
    // calibrated on the last rollout: measured there, the team's diversity is the target
    expect(Math.abs(actor.measure(g.actorInputs, rows) - 0.2)).toBeLessThan(0.001);
    // logged each iteration on fresh observations, before the update: near the target, not equal to it
    logged.slice(1).forEach((d) => expect(Math.abs(d - 0.2) / 0.2).toBeLessThan(0.3));
    // the same observation, another agent's id: other logits
    const x = new Float32Array(3 * g.inDim);
    for (let j = 0; j < 3; j++) {
      g.writeActorInput(0, 0, false, x, j * g.inDim); // agent 0's observation and id ...
      x.fill(0, j * g.inDim + g.input.obsDim, (j + 1) * g.inDim);
      x[j * g.inDim + g.input.obsDim + j] = 1; // ... read as agent j's
    }
    const { logits } = g.forward(x, x, 3);
    const row = (j: number) => Array.from(logits.subarray(j * g.nActions, (j + 1) * g.nActions));
    expect(row(0)).not.toEqual(row(1));
    expect(row(1)).not.toEqual(row(2));
    trainer.dispose();
  }, 60_000);

  it('round-trips through the checkpoint: the page, the CLI and numpy compute the same logits', () => {
    const trainer = diverseRun(0.15);
    trainer.trainIteration();
    trainer.trainIteration();
    const g = trainer.policies[0];
    const dir = mkdtempSync(join(tmpdir(), 'arena-diverse-'));
    const path = join(dir, 'diverse.json');
    writeFileSync(path, JSON.stringify(checkpointOf(trainer, false)));
    const { policies } = readCheckpoint(JSON.parse(readFileSync(path, 'utf8')));
    expect(policies[0].diversity?.agents).toHaveLength(3);
    const loaded = new LoadedPolicy(policies[0]);
    const agents = ['adversary_0', 'adversary_1', 'adversary_2'];
    const obs = Array.from({ length: 5 }, (_, r) => {
      const o = new Float32Array(g.input.obsDim);
      g.role.obs.slice(r * g.input.obsDim, (r + 1) * g.input.obsDim).forEach((v, k) => (o[k] = v));
      return o;
    });
    for (const [j, agent] of agents.entries()) {
      const x = new Float32Array(obs.length * g.inDim);
      obs.forEach((o, r) => loaded.writeInput(agent, o, x, r * g.inDim));
      const fromLoaded = loaded.logits(x, obs.length);
      const fromTrainer = g.forward(x, x, obs.length).logits;
      Array.from(fromLoaded).forEach((v, i) => expect(v).toBeCloseTo(fromTrainer[i], 5));
      const request = join(dir, `request-${j}.json`);
      writeFileSync(request, JSON.stringify({ agent, observations: obs.map((o) => Array.from(o)) }));
      const r = spawnSync(pythonWithNumpy(), [join(SCRIPTS, 'policy_forward.py'), path, request], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      (JSON.parse(r.stdout).logits as number[][]).flat().forEach((v, i) => expect(v).toBeCloseTo(fromLoaded[i], 4));
    }
    loaded.dispose();
    trainer.dispose();
  }, 60_000);

  it('a diverse team trained in PyTorch comes in through write_checkpoint.py and acts as numpy computes from its state_dict', () => {
    const python = pythonWithNumpy();
    const dir = mkdtempSync(join(tmpdir(), 'arena-diverse-py-'));
    const npz = join(dir, 'team.npz');
    const checkpoint = join(dir, 'team.json');
    const env = new ParallelEnv('simple_tag', {});
    const observations = env.reset({ seed: 5 }).observations;
    const agents = ['adversary_0', 'adversary_1', 'adversary_2'];
    const obsDim = observations.adversary_0.length;
    // a state_dict with a shared actor and one part per agent, PyTorch's [out, in] layout, seeded numbers
    const make = `
import numpy as np
rng = np.random.default_rng(3)
dims = [${obsDim}, 32, 32, 5]
sd = {}
for prefix in ["actor."] + [f"agents.{j}." for j in range(3)]:
    for k in range(3):
        sd[f"{prefix}{2 * k}.weight"] = rng.normal(0, 1.0 / np.sqrt(dims[k]), (dims[k + 1], dims[k])).astype(np.float32)
        sd[f"{prefix}{2 * k}.bias"] = rng.normal(0, 0.1, dims[k + 1]).astype(np.float32)
np.savez(${JSON.stringify(npz)}, **sd)
`;
    expect(spawnSync(python, ['-c', make], { encoding: 'utf8' }).status).toBe(0);
    const written = spawnSync(
      python,
      [
        join(SCRIPTS, 'write_checkpoint.py'),
        npz,
        '--scenario',
        'simple_tag',
        '--agents',
        agents.join(','),
        '--activation',
        'relu',
        '--agent-part-prefix',
        'agents.{j}.',
        '--diversity-scale',
        '0.7',
        '--out',
        checkpoint,
      ],
      { encoding: 'utf8' },
    );
    expect(written.status, written.stderr).toBe(0);
    const { policies } = readCheckpoint(JSON.parse(readFileSync(checkpoint, 'utf8')));
    expect(policies[0].diversity?.scale).toBeCloseTo(0.7, 6);
    const loaded = new LoadedPolicy(policies[0]);
    for (const [j, agent] of agents.entries()) {
      const x = new Float32Array(loaded.inDim);
      loaded.writeInput(agent, observations[agent], x, 0);
      const fromNode = Array.from(loaded.logits(x, 1));
      // PyTorch's convention straight from the .npz: shared(obs) + 0.7 * agents[j](obs)
      const torchStyle = spawnSync(
        python,
        [
          '-c',
          `
import json, numpy as np
sd = np.load(${JSON.stringify(npz)})
def net(prefix, h):
    for k in range(3):
        h = h @ sd[f"{prefix}{2 * k}.weight"].T + sd[f"{prefix}{2 * k}.bias"]
        if k < 2: h = np.maximum(h, 0)
    return h
obs = np.array(${JSON.stringify(Array.from(observations[agent]))}, dtype=np.float32)
print(json.dumps((net("actor.", obs) + np.float32(0.7) * net("agents.${j}.", obs)).tolist()))
`,
        ],
        { encoding: 'utf8' },
      );
      expect(torchStyle.status, torchStyle.stderr).toBe(0);
      (JSON.parse(torchStyle.stdout) as number[]).forEach((v, i) => expect(fromNode[i]).toBeCloseTo(v, 4));
    }
    loaded.dispose();
  }, 60_000);

  it('resumes exactly, and refuses a checkpoint of the other kind by name', () => {
    const a = diverseRun(0.1);
    for (let i = 0; i < 2; i++) a.trainIteration();
    const saved = JSON.parse(JSON.stringify(checkpointOf(a, true)));
    const next = a.trainIteration();
    const b = diverseRun(0.1);
    const { ckpt, policies } = readCheckpoint(saved);
    restoreTrainer(b, ckpt, policies);
    const again = b.trainIteration();
    expect(again.pgLoss).toBe(next.pgLoss);
    expect(again.diversity).toBe(next.diversity);
    const shared = diverseRun(0);
    expect(() => restoreTrainer(shared, ckpt, policies)).toThrow(/actor\.diversity/);
    [a, b, shared].forEach((t) => t.dispose());
  }, 60_000);

  it('starts a diverse team from a shared policy: the shared part takes its weights, the parts start fresh', () => {
    const plain = diverseRun(0);
    plain.trainIteration();
    const { ckpt, policies } = readCheckpoint(JSON.parse(JSON.stringify(checkpointOf(plain, false))));
    const diverse = diverseRun(0.1);
    initTrainerFrom(diverse, ckpt, policies);
    const shared = (diverse.policies[0].actor as DiverseActor).shared.getWeights();
    expect(Array.from(shared[0].w)).toEqual(Array.from(policies[0].actor[0].w));
    expect(diverse.trainIteration().diversity).toBeGreaterThan(0);
    [plain, diverse].forEach((t) => t.dispose());
  }, 60_000);

  it('a minibatch split with a gradient worker gives the diverse team the gradient of the whole (the scale reaches the worker)', async () => {
    const trainer = diverseRun(0.2);
    trainer.trainIteration();
    const g = trainer.policies[0];
    const actor = g.actor as DiverseActor;
    actor.scale *= 3; // not the worker's construction-time scale: it must travel with the rows
    const rows = 41;
    const mb = {
      rows,
      inDim: g.inDim,
      criticDim: g.criticDim,
      actorInputs: g.actorInputs.slice(0, rows * g.inDim),
      criticInputs: null,
      actions: g.actions.slice(0, rows),
      logp: g.logp.slice(0, rows),
      values: g.values.slice(0, rows),
      advantages: Float32Array.from({ length: rows }, (_, i) => Math.cos(i)),
      returns: g.returns.slice(0, rows),
      teacher: null,
    };
    const loss = { clipCoef: 0.2, clipVloss: true, entCoef: 0.01, vfCoef: 0.5 };
    const whole = minibatchGradients(g.actor, g.critic, mb, loss);
    const split = await WorkerGradients.start(trainer, 1);
    const parts = split.compute(0, g, mb, loss);
    await split.dispose();
    trainer.dispose();
    expect(parts.grads.length).toBe(whole.grads.length);
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(b)));
    parts.grads.forEach((gr, k) => gr.forEach((v, i) => close(v, whole.grads[k][i])));
    // the per-agent parts do learn: their gradients are not zero
    const firstPart = actor.shared.variables().length;
    expect(whole.grads[firstPart].some((v) => Math.abs(v) > 1e-6)).toBe(true);
  }, 60_000);

  it("measures every agent's observations whatever the rollout's shape (a stride that is a multiple of the team)", () => {
    const actor = new DiverseActor(4, 3, 8, 5, 0.2, 'relu', new FastRandom(2), 'shape-test');
    // 3 x 2048 teams: a plain stride of 3 rows would read agent 0's rows only; agent 0 sees zeros, where
    // the fresh parts (zero biases) all answer 0, so a measure that misses agents 1 and 2 reads 0
    const teams = 3 * 2048;
    const rows = teams * 3;
    const inputs = new Float32Array(rows * actor.inDim);
    const rng = new FastRandom(9);
    for (let r = 0; r < rows; r++) {
      const j = r % 3;
      if (j > 0) for (let k = 0; k < 4; k++) inputs[r * actor.inDim + k] = 2 * rng.next() - 1;
      inputs[r * actor.inDim + 4 + j] = 1;
    }
    expect(actor.measure(inputs, rows)).toBeGreaterThan(0.01);
    actor.dispose();
  });

  it('a diverse file with input statistics is refused by name (the parts are picked by the raw id)', () => {
    const trainer = diverseRun(0.1);
    const json = JSON.parse(JSON.stringify(checkpointOf(trainer, false)));
    trainer.dispose();
    const dim = json.policies[0].observation.dim + json.policies[0].observation.agentIdDim;
    json.policies[0].observation.norm = { mean: Array(dim).fill(0), var: Array(dim).fill(1), count: 1 };
    expect(() => readCheckpoint(json)).toThrow(/observation\.norm.*diverse team/);
  });

  it('the varied lookahead prey keeps its episode draw across a resume', () => {
    const a = new VariedLookaheadController(4);
    for (let i = 0; i < 3; i++) a.episodeStart();
    const saved = JSON.parse(JSON.stringify(a.getState()));
    const b = new VariedLookaheadController(99);
    b.setState(saved);
    expect(b.getState()).toEqual(a.getState());
    a.episodeStart();
    b.episodeStart();
    expect(b.getState()).toEqual(a.getState());
    expect(() => b.setState({ rng: 1, horizon: 7, temperature: 0 })).toThrow(/lookahead-varied state/);
  });

  it('refuses a set-point where it has no meaning, by name', () => {
    const bad =
      (algo: 'independent' | 'competitive', config: Record<string, unknown> = {}) =>
      () =>
        new Trainer({ scenario: 'tag', algo, config: { numEnvs: 2, diversity: 0.1, ...config } });
    expect(bad('independent')).toThrow(ArenaInputError);
    expect(bad('independent')).toThrow(/diversity/);
    expect(bad('competitive')).toThrow(/diversity/);
    expect(() => curveRun({ numEnvs: 2, seed: 1, diversity: 0.1, agentId: true })).toThrow(/--agent-id/);
    expect(() => curveRun({ numEnvs: 2, seed: 1, diversity: 1 })).toThrow(/config\.diversity/);
    expect(() => curveRun({ numEnvs: 2, seed: 1, diversity: -1 })).toThrow(/config\.diversity/);
  });
});
