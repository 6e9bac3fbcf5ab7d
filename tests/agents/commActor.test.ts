import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkpointOf, initTrainerFrom, readCheckpoint } from '../../src/agents/checkpoint';
import { restoreTrainer } from '../../src/agents/resume';
import { CommActor } from '../../src/agents/commActor';
import { LoadedPolicy } from '../../src/agents/loadedPolicy';
import { minibatchGradients, type Minibatch } from '../../src/agents/minibatchGradients';
import { PolicyInput } from '../../src/agents/policyInput';
import { initTfNode } from '../../src/agents/tfNode';
import { Trainer } from '../../src/agents/trainer';
import { WorkerGradients } from '../../src/agents/workerGradients';
import { ParallelEnv } from '../../src/sim/env';
import { FastRandom } from '../../src/sim/fastRandom';
import { SCENARIOS } from '../../src/sim/scenarios';
import { pythonWithNumpy } from '../support/python';
import { playRecordedCurve, RECORDED_CURVE } from '../support/recordedCurve';

const SCRIPTS = resolve(__dirname, '../../scripts');

beforeAll(async () => {
  await initTfNode();
});

function spreadRun(config: Record<string, unknown> = {}): Trainer {
  return new Trainer({
    scenario: 'spread',
    options: { N: 3 },
    algo: 'shared',
    config: { numEnvs: 6, numSteps: 10, totalSteps: 600, seed: 3, comm: 3, ...config },
  });
}

/** A minibatch of the policy's first `teams` whole teams of the last rollout, with given advantages. */
function teamMinibatch(trainer: Trainer, teams: number, advantage: (row: number) => number): Minibatch {
  const g = trainer.policies[0];
  const rows = teams * g.count;
  return {
    rows,
    inDim: g.inDim,
    criticDim: g.criticDim,
    actorInputs: g.actorInputs.slice(0, rows * g.inDim),
    criticInputs: null,
    actions: g.actions.slice(0, rows),
    logp: g.logp.slice(0, rows),
    values: g.values.slice(0, rows),
    advantages: Float32Array.from({ length: rows }, (_, r) => advantage(r)),
    returns: g.returns.slice(0, rows),
    teacher: null,
  };
}

const LOSS = { clipCoef: 0.2, clipVloss: true, entCoef: 0, vfCoef: 0.5 };

describe('a learned team channel (--comm M)', () => {
  it('--comm 0 reproduces the curve and weights recorded before the channel existed, bit for bit', () => {
    const { curve, weights } = playRecordedCurve({ comm: 0, viewRadius: 0 });
    expect(curve).toEqual(RECORDED_CURVE.curve);
    expect(weights).toEqual(RECORDED_CURVE.weights);
  }, 60_000);

  it("an agent's loss reaches its teammates' encoder (learned), and nothing reaches a fixed one", () => {
    for (const encoder of ['learned', 'fixed'] as const) {
      const trainer = spreadRun({ commEncoder: encoder });
      trainer.trainIteration();
      const g = trainer.policies[0];
      const actor = g.actor as CommActor;
      expect(actor).toBeInstanceOf(CommActor);
      // only agent 1 of each team has an advantage: its own message is not in what it hears, so a
      // gradient on the encoder can only come through agents 0 and 2's messages, which agent 1 reads
      const mb = teamMinibatch(trainer, 20, (r) => (r % 3 === 1 ? Math.cos(r) : 0));
      const { grads } = minibatchGradients(actor, g.critic, mb, LOSS);
      const firstEncoder = actor.policy.variables().length;
      const encoderGrad = grads.slice(firstEncoder, firstEncoder + actor.encoder.variables().length).flatMap((gr) => Array.from(gr));
      const largest = Math.max(...encoderGrad.map(Math.abs));
      if (encoder === 'learned') expect(largest).toBeGreaterThan(1e-6);
      else expect(largest).toBe(0);
      // the fixed encoder keeps its initial weights through training
      const before = actor.encoderWeights().map((l) => Array.from(l.w));
      trainer.trainIteration();
      const after = actor.encoderWeights().map((l) => Array.from(l.w));
      if (encoder === 'fixed') expect(after).toEqual(before);
      else expect(after).not.toEqual(before);
      trainer.dispose();
    }
  }, 60_000);

  it("hears its teammates: another teammate's observation changes an agent's action distribution, unless silenced", () => {
    const trainer = spreadRun();
    for (let i = 0; i < 3; i++) trainer.trainIteration();
    const g = trainer.policies[0];
    const actor = g.actor as CommActor;
    const team = g.actorInputs.slice(0, 3 * g.inDim);
    const moved = team.slice();
    for (let k = 0; k < g.input.obsDim; k++) moved[2 * g.inDim + k] += 0.5; // agent 2 sees something else
    const a = actor.run(team, 3).logits.slice(0, g.nActions);
    const b = actor.run(moved, 3).logits.slice(0, g.nActions);
    expect(Array.from(b)).not.toEqual(Array.from(a));
    actor.silenced = true;
    const c = actor.run(team, 3).logits.slice(0, g.nActions);
    const d = actor.run(moved, 3).logits.slice(0, g.nActions);
    expect(Array.from(d)).toEqual(Array.from(c));
    // the message is bounded: tanh
    actor.run(team, 3).messages.forEach((m) => expect(Math.abs(m)).toBeLessThan(1));
    trainer.dispose();
  }, 60_000);

  it('draws minibatches as whole teams (any number of minibatches) and splits them between workers on team boundaries', async () => {
    const trainer = spreadRun({ numMinibatches: 4 });
    // a minibatch that cut a team would throw in the actor ("whole teams of 3 rows")
    trainer.trainIteration();
    const g = trainer.policies[0];
    const mb = teamMinibatch(trainer, 13, (r) => Math.sin(r));
    const whole = minibatchGradients(g.actor, g.critic, mb, LOSS);
    const split = await WorkerGradients.start(trainer, 1);
    const parts = split.compute(0, g, mb, LOSS);
    await split.dispose();
    trainer.dispose();
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(b)));
    expect(parts.grads.length).toBe(whole.grads.length);
    parts.grads.forEach((gr, k) => gr.forEach((v, i) => close(v, whole.grads[k][i])));
  }, 60_000);

  it('resumes exactly', () => {
    const a = spreadRun({ viewRadius: 0.7, sortEntities: true });
    for (let i = 0; i < 2; i++) a.trainIteration();
    const saved = JSON.parse(JSON.stringify(checkpointOf(a, true)));
    const next = a.trainIteration();
    const b = spreadRun({ viewRadius: 0.7, sortEntities: true });
    const { ckpt, policies } = readCheckpoint(saved);
    restoreTrainer(b, ckpt, policies);
    const again = b.trainIteration();
    expect(again.pgLoss).toBe(next.pgLoss);
    expect(again.meanReturn).toBe(next.meanReturn);
    expect(Array.from(b.policies[0].params.at(-1)!)).toEqual(Array.from(a.policies[0].params.at(-1)!));
    const silent = spreadRun({ comm: 0, viewRadius: 0.7, sortEntities: true });
    expect(() => restoreTrainer(silent, ckpt, policies)).toThrow(/actor\.comm/);
    [a, b, silent].forEach((t) => t.dispose());
  }, 60_000);

  it('round-trips through the checkpoint: training, the page/CLI loader and scripts/policy_forward.py act the same, view limit included', () => {
    const trainer = spreadRun({ viewRadius: 0.6, sortEntities: true });
    for (let i = 0; i < 2; i++) trainer.trainIteration();
    const g = trainer.policies[0];
    const dir = mkdtempSync(join(tmpdir(), 'arena-comm-'));
    const path = join(dir, 'talking.json');
    writeFileSync(path, JSON.stringify(checkpointOf(trainer, false)));
    const { policies } = readCheckpoint(JSON.parse(readFileSync(path, 'utf8')));
    expect(policies[0].comm?.messageDim).toBe(3);
    expect(policies[0].json.observation.viewRadius).toBe(0.6);
    const loaded = new LoadedPolicy(policies[0]);
    // real observations of several steps, where some entities are beyond the view radius
    const env = new ParallelEnv('simple_spread', { N: 3 });
    let observations = env.reset({ seed: 11 }).observations;
    const agents = ['agent_0', 'agent_1', 'agent_2'];
    const steps: Record<string, number[][]> = { agent_0: [], agent_1: [], agent_2: [] };
    const nodeLogits: number[][][] = [];
    const nodeMessages: number[][] = [];
    let hidden = 0;
    for (let t = 0; t < 6; t++) {
      const x = new Float32Array(3 * g.inDim);
      agents.forEach((a, j) => {
        steps[a].push(Array.from(observations[a]));
        loaded.writeInput(a, observations[a], x, j * g.inDim);
        g.input.writeRaw(observations[a], 0, j, x, j * g.inDim);
        const raw = observations[a];
        for (let k = 4; k < 4 + 2 * 3; k += 2) if (Math.hypot(raw[k], raw[k + 1]) > 0.6) hidden++;
      });
      // the trainer's own forward pass on the same rows
      const fromTrainer = g.forward(x, x, 3).logits;
      const actions = loaded.act(
        agents,
        agents.map((a) => observations[a]),
        true,
        new FastRandom(0),
      );
      const fromLoaded = loaded.logits(x, 3);
      Array.from(fromLoaded).forEach((v, i) => expect(v).toBeCloseTo(fromTrainer[i], 5));
      nodeLogits.push(agents.map((_, j) => Array.from(fromLoaded.subarray(j * g.nActions, (j + 1) * g.nActions))));
      nodeMessages.push(Array.from(loaded.lastMessages!));
      observations = env.step(Object.fromEntries(agents.map((a, j) => [a, actions[j]]))).observations;
    }
    expect(hidden).toBeGreaterThan(0); // the view limit had something to hide
    const request = join(dir, 'team.json');
    writeFileSync(request, JSON.stringify({ team: steps }));
    const r = spawnSync(pythonWithNumpy(), [join(SCRIPTS, 'policy_forward.py'), path, request], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { logits: Record<string, number[][]>; messages: Record<string, number[][]> };
    agents.forEach((a, j) => {
      out.logits[a].forEach((row, t) => row.forEach((v, k) => expect(v).toBeCloseTo(nodeLogits[t][j][k], 4)));
      out.messages[a].forEach((row, t) => row.forEach((v, k) => expect(v).toBeCloseTo(nodeMessages[t][j * 3 + k], 4)));
    });
    // one step of a PettingZoo parallel env: the observation dict in, every driven agent's logits out
    const stepRequest = join(dir, 'step.json');
    writeFileSync(stepRequest, JSON.stringify({ observations: Object.fromEntries(agents.map((a) => [a, steps[a][4]])) }));
    const one = spawnSync(pythonWithNumpy(), [join(SCRIPTS, 'policy_forward.py'), path, stepRequest], { encoding: 'utf8' });
    expect(one.status, one.stderr).toBe(0);
    const stepOut = JSON.parse(one.stdout) as { logits: Record<string, number[]>; actions: Record<string, number> };
    agents.forEach((a, j) => stepOut.logits[a].forEach((v, k) => expect(v).toBeCloseTo(nodeLogits[4][j][k], 4)));
    // a single agent's request is refused by name: its action depends on its teammates
    const single = join(dir, 'single.json');
    writeFileSync(single, JSON.stringify({ agent: 'agent_0', observations: steps.agent_0 }));
    const refused = spawnSync(pythonWithNumpy(), [join(SCRIPTS, 'policy_forward.py'), path, single], { encoding: 'utf8' });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/talking team/);
    // part of the team driven by something else (a person, a scripted agent): the others hear only each
    // other, in Node and in numpy alike
    const pair = ['agent_2', 'agent_0'];
    const obsOf = (a: string) => Float32Array.from(steps[a][3]);
    const partActions = loaded.act(pair, pair.map(obsOf), true, new FastRandom(0));
    expect(partActions).toHaveLength(2);
    expect(Array.from(loaded.lastMessages!.subarray(3, 6))).toEqual([0, 0, 0]); // agent_1 sent nothing
    const partRequest = join(dir, 'pair.json');
    writeFileSync(partRequest, JSON.stringify({ observations: Object.fromEntries(pair.map((a) => [a, steps[a][3]])) }));
    const part = spawnSync(pythonWithNumpy(), [join(SCRIPTS, 'policy_forward.py'), path, partRequest], { encoding: 'utf8' });
    expect(part.status, part.stderr).toBe(0);
    const partOut = JSON.parse(part.stdout) as { actions: Record<string, number> };
    expect(pair.map((a) => partOut.actions[a])).toEqual(partActions);
    // alone, an agent hears zeros: the same as the team silenced
    const alone = loaded.act(['agent_1'], [obsOf('agent_1')], true, new FastRandom(0));
    loaded.silenced = true;
    const x = new Float32Array(3 * g.inDim);
    agents.forEach((a, j) => loaded.writeInput(a, obsOf(a), x, j * g.inDim));
    const silencedLogits = loaded.logits(x, 3).subarray(g.nActions, 2 * g.nActions);
    expect(alone[0]).toBe(silencedLogits.indexOf(Math.max(...silencedLogits)));
    loaded.silenced = false;
    loaded.dispose();
    trainer.dispose();
  }, 60_000);

  it('a talking team trained in PyTorch comes in through write_checkpoint.py and acts as numpy computes from its state_dict', () => {
    const python = pythonWithNumpy();
    const dir = mkdtempSync(join(tmpdir(), 'arena-comm-py-'));
    const npz = join(dir, 'team.npz');
    const checkpoint = join(dir, 'team.json');
    const env = new ParallelEnv('simple_spread', { N: 3 });
    const observations = env.reset({ seed: 8 }).observations;
    const agents = ['agent_0', 'agent_1', 'agent_2'];
    const obsDim = observations.agent_0.length;
    // PyTorch's [out, in] layout: an encoder obs -> 16 -> 2 and an actor (obs + 2 heard) -> 16 -> 16 -> 5
    const make = `
import numpy as np
rng = np.random.default_rng(4)
sd = {}
for prefix, dims in (("actor.", [${obsDim} + 2, 16, 16, 5]), ("encoder.", [${obsDim}, 16, 2])):
    for k in range(len(dims) - 1):
        sd[f"{prefix}{2 * k}.weight"] = rng.normal(0, 1.0 / np.sqrt(dims[k]), (dims[k + 1], dims[k])).astype(np.float32)
        sd[f"{prefix}{2 * k}.bias"] = rng.normal(0, 0.1, dims[k + 1]).astype(np.float32)
np.savez(${JSON.stringify(npz)}, **sd)
`;
    expect(spawnSync(python, ['-c', make], { encoding: 'utf8' }).status).toBe(0);
    const args = [join(SCRIPTS, 'write_checkpoint.py'), npz, '--scenario', 'simple_spread', '--option', 'N=3', '--agents', agents.join(',')];
    const written = spawnSync(python, [...args, '--activation', 'relu', '--encoder-prefix', 'encoder.', '--out', checkpoint], { encoding: 'utf8' });
    expect(written.status, written.stderr).toBe(0);
    const { policies } = readCheckpoint(JSON.parse(readFileSync(checkpoint, 'utf8')));
    expect(policies[0].comm?.messageDim).toBe(2);
    const loaded = new LoadedPolicy(policies[0]);
    const x = new Float32Array(3 * loaded.inDim);
    agents.forEach((a, j) => loaded.writeInput(a, observations[a], x, j * loaded.inDim));
    const fromNode = Array.from(loaded.logits(x, 3));
    const torchStyle = spawnSync(
      python,
      [
        '-c',
        `
import json, numpy as np
sd = np.load(${JSON.stringify(npz)})
def net(prefix, h, n):
    for k in range(n):
        h = h @ sd[f"{prefix}{2 * k}.weight"].T + sd[f"{prefix}{2 * k}.bias"]
        if k < n - 1: h = np.maximum(h, 0)
    return h
obs = np.array(${JSON.stringify(agents.map((a) => Array.from(observations[a])))}, dtype=np.float32)
m = np.tanh(net("encoder.", obs, 2))
out = [net("actor.", np.concatenate([obs[j], (m.sum(0) - m[j]) / 2]), 3).tolist() for j in range(3)]
print(json.dumps(out))
`,
      ],
      { encoding: 'utf8' },
    );
    expect(torchStyle.status, torchStyle.stderr).toBe(0);
    (JSON.parse(torchStyle.stdout) as number[][]).flat().forEach((v, i) => expect(fromNode[i]).toBeCloseTo(v, 4));
    // an encoder that does not read the observation is refused by name
    const bad = spawnSync(python, [...args, '--encoder-prefix', 'actor.', '--out', join(dir, 'bad.json')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/encoder/);
    loaded.dispose();
  }, 60_000);

  it('a silent policy can be taught to talk (--init): it starts deaf to the channel, acting as it did', () => {
    const silent = spreadRun({ comm: 0 });
    silent.trainIteration();
    const { ckpt, policies } = readCheckpoint(JSON.parse(JSON.stringify(checkpointOf(silent, false))));
    const talking = spreadRun({ comm: 2, viewRadius: 0.8 });
    initTrainerFrom(talking, ckpt, policies);
    const g = talking.policies[0];
    const x = silent.policies[0].actorInputs.slice(0, 3 * g.inDim);
    const before = silent.policies[0].forward(x, x, 3).logits;
    const after = g.forward(x, x, 3).logits;
    Array.from(after).forEach((v, i) => expect(v).toBeCloseTo(before[i], 5));
    expect(Number.isFinite(talking.trainIteration().pgLoss)).toBe(true);
    [silent, talking].forEach((t) => t.dispose());
  }, 60_000);

  it('talks under MAPPO too: the actor has the channel, the critic reads the global state', () => {
    const trainer = new Trainer({
      scenario: 'spread',
      options: { N: 3 },
      algo: 'mappo',
      config: { numEnvs: 4, numSteps: 10, totalSteps: 400, seed: 2, comm: 2 },
    });
    const g = trainer.policies[0];
    expect(g.actor).toBeInstanceOf(CommActor);
    expect(g.criticInput).toBe('global');
    const m = trainer.trainIteration();
    expect(Number.isFinite(m.pgLoss) && Number.isFinite(m.vLoss)).toBe(true);
    const { policies } = readCheckpoint(JSON.parse(JSON.stringify(checkpointOf(trainer, false))));
    expect(policies[0].comm?.messageDim).toBe(2);
    expect(policies[0].json.critic.input).toBe('global');
    trainer.dispose();
  });

  it('refuses a channel where it has no meaning, by name', () => {
    const make =
      (algo: 'independent' | 'competitive' | 'shared', config: Record<string, unknown>, scenario = 'spread') =>
      () =>
        new Trainer({ scenario, algo, config: { numEnvs: 2, ...config } });
    expect(make('independent', { comm: 2 })).toThrow(/comm.*--algo independent/);
    expect(make('competitive', { comm: 2 }, 'tag')).toThrow(/comm.*--algo competitive/);
    expect(make('shared', { comm: 2, diversity: 0.1 })).toThrow(/comm.*--diversity/);
    expect(make('shared', { viewRadius: 0.5 }, 'speaker_listener')).toThrow(/viewRadius.*spread, tag/);
    expect(make('shared', { comm: 65 })).toThrow(/config\.comm/);
    // every learning team is a single agent: nothing would talk
    expect(make('shared', { comm: 2 }, 'speaker_listener')).toThrow(/comm.*no learning team has 2 or more agents/);
    // a team of one stays silent: tag's single prey
    const prey = new Trainer({ scenario: 'tag', algo: 'shared', config: { numEnvs: 2, comm: 2 } });
    expect(prey.policies.find((g) => g.id === 'good')!.actor).not.toBeInstanceOf(CommActor);
    expect(prey.policies.find((g) => g.id === 'adversary')!.actor).toBeInstanceOf(CommActor);
    prey.dispose();
  });
});

describe('the view limit (--view-radius, not PettingZoo)', () => {
  it('zeroes the entities beyond the radius with their companions, after listing them nearest first', () => {
    const sc = SCENARIOS.simple_tag.create({});
    const groups = SCENARIOS.simple_tag.entities!(sc).adversary;
    // predator obs: [vel, pos, 2 obstacles, 2 other predators, the prey, the prey's velocity]
    const obs = Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.9, 0, 0.1, 0.1, 0, 0.2, 2, 2, -0.5, 0.1, 0.7, -0.7]);
    const input = new PolicyInput({
      obsDim: 16,
      idDim: 0,
      viewRadius: 0.5,
      viewGroups: groups,
      sortGroups: SCENARIOS.simple_tag.interchangeable!(sc).adversary,
      normalise: false,
    });
    const row = new Float32Array(16);
    input.write(obs, 0, 0, row, 0);
    // own velocity and position stay; obstacles sorted (0.1,0.1) first, (0.9,0) hidden; predators (0,0.2)
    // first, (2,2) hidden; the prey at distance 0.51 is hidden with its velocity
    expect(Array.from(row)).toEqual(Array.from(Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.1, 0.1, 0, 0, 0, 0.2, 0, 0, 0, 0, 0, 0])));
    const wide = new PolicyInput({ obsDim: 16, idDim: 0, viewRadius: 0.6, viewGroups: groups, normalise: false });
    wide.write(obs, 0, 0, row, 0);
    expect(Array.from(row.slice(12))).toEqual(Array.from(obs.slice(12))); // now the prey is seen
  });
});
