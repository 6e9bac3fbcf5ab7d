import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkpointOf, readCheckpoint } from '../../src/agents/checkpoint';
import { writeFileAtomic } from '../../src/cli/files';
import { LoadedPolicy } from '../../src/agents/loadedPolicy';
import { PolicyInput } from '../../src/agents/policyInput';
import { initTfNode } from '../../src/agents/tfNode';
import { Trainer } from '../../src/agents/trainer';
import { ArenaInputError } from '../../src/sim/errors';
import { ParallelEnv } from '../../src/sim/env';
import { NumpyRandom } from '../../src/sim/rng';
import { scenarioEntry } from '../../src/sim/scenarios';
import { range } from '../../src/sim/scenarios/common';
import { pythonWithNumpy } from '../support/python';

const N = 5;
/** Spread N=5: [vel 2, pos 2, landmarks 10, other agents 8, their messages 8]: 30 values. */
function spreadObservations(seed: number): Float32Array[] {
  const env = new ParallelEnv('simple_spread', { N });
  const obs = env.reset({ seed }).observations;
  const rows = env.agents.map((a) => Float32Array.from(obs[a]));
  // spread's agents are silent: give the messages values that say whose they are, to see them move along
  for (const row of rows) for (let j = 0; j < N - 1; j++) row.set([100 + j, 200 + j], 22 + 2 * j);
  return rows;
}

/** Moves entity blocks `order[e]` to place e (landmarks, other agents and their messages). */
function reorder(row: Float32Array, start: number, count: number, order: number[]): void {
  const copy = row.slice(start, start + 2 * count);
  order.forEach((from, to) => row.set(copy.subarray(2 * from, 2 * from + 2), start + 2 * to));
}

const groups = () => scenarioEntry('spread').interchangeable!(scenarioEntry('spread').create({ N })).agent;

describe('policy input with interchangeable entities sorted (--sort-entities)', () => {
  beforeAll(async () => {
    await initTfNode();
  });

  it('lists landmarks and other agents nearest first, messages moving with their agents', () => {
    const input = new PolicyInput({ obsDim: 30, idDim: 0, sortGroups: groups(), normalise: false });
    for (const raw of spreadObservations(3)) {
      const row = new Float32Array(30);
      input.write(raw, 0, 0, row, 0);
      const dist = (at: number) => Math.hypot(row[at], row[at + 1]);
      for (let e = 1; e < N; e++) expect(dist(4 + 2 * e)).toBeGreaterThanOrEqual(dist(4 + 2 * e - 2));
      for (let e = 1; e < N - 1; e++) expect(dist(14 + 2 * e)).toBeGreaterThanOrEqual(dist(14 + 2 * e - 2));
      // each agent's message still follows its position: find agent j's position in the sorted list
      for (let j = 0; j < N - 1; j++) {
        const at = [0, 1, 2, 3].find((e) => row[14 + 2 * e] === raw[14 + 2 * j] && row[15 + 2 * e] === raw[15 + 2 * j])!;
        expect(Array.from(row.subarray(22 + 2 * at, 24 + 2 * at))).toEqual([100 + j, 200 + j]);
      }
      // the same world with its entities listed in another order gives the same row
      const shuffled = raw.slice();
      reorder(shuffled, 4, N, [3, 0, 4, 1, 2]);
      reorder(shuffled, 14, N - 1, [2, 3, 1, 0]);
      reorder(shuffled, 22, N - 1, [2, 3, 1, 0]);
      expect(Array.from(shuffled)).not.toEqual(Array.from(raw));
      const again = new Float32Array(30);
      input.write(shuffled, 0, 0, again, 0);
      expect(Array.from(again)).toEqual(Array.from(row));
    }
  });

  it('tag: predators, prey and obstacles each listed nearest first, the same world in any order the same row', () => {
    const entry = scenarioEntry('tag');
    const sc = entry.create({ num_adversaries: 3, num_good: 2, num_obstacles: 2 });
    sc.resetWorld(new NumpyRandom(5));
    const w = sc.world;
    for (let i = 0; i < w.numAgents; i++) w.vel.set([0.1 * i, -0.2 * i], 2 * i);
    const byRole = entry.interchangeable!(sc);
    // predators: 2 obstacles, the 2 other predators, the 2 prey with their velocities; prey: 2 obstacles, 3 predators (one other prey: nothing to sort)
    expect(byRole.adversary).toEqual([
      { start: 4, count: 2, width: 2, companions: [] },
      { start: 8, count: 2, width: 2, companions: [] },
      { start: 12, count: 2, width: 2, companions: [{ start: 16, width: 2 }] },
    ]);
    expect(byRole.good).toEqual([
      { start: 4, count: 2, width: 2, companions: [] },
      { start: 8, count: 3, width: 2, companions: [] },
    ]);
    const sortedRows = () =>
      range(w.numAgents).map((agent) => {
        const dim = sc.obsDims[agent];
        const raw = new Float32Array(dim);
        sc.observe(agent, raw, 0);
        const row = new Float32Array(dim);
        new PolicyInput({ obsDim: dim, idDim: 0, sortGroups: byRole[agent < 3 ? 'adversary' : 'good'], normalise: false }).write(raw, 0, 0, row, 0);
        return Array.from(row);
      });
    const swap = (i: number, j: number) => {
      for (const a of [w.pos, w.vel]) {
        const [x, y] = [a[2 * i], a[2 * i + 1]];
        a.set([a[2 * j], a[2 * j + 1]], 2 * i);
        a.set([x, y], 2 * j);
      }
    };
    const before = sortedRows();
    // predator 0 sees predators 1 and 2, and both prey: swap those, and the obstacles
    swap(1, 2);
    swap(3, 4);
    swap(5, 6);
    const after = sortedRows();
    expect(after[0]).toEqual(before[0]);
    // the prey traded places: each now sees what the other saw (predators 1 and 2, obstacles swapped too)
    expect(after[3]).toEqual(before[4]);
    expect(after[4]).toEqual(before[3]);
    // the prey see all three predators: permute them
    swap(0, 1);
    swap(1, 2);
    expect(sortedRows().slice(3)).toEqual(after.slice(3));
    expect(after[3]).not.toEqual(after[4]);
  });

  it('a trained policy and its checkpoint build the same rows, in Node and in numpy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sorted-'));
    const trainer = new Trainer({
      scenario: 'spread',
      options: { N },
      algo: 'shared',
      config: { numEnvs: 4, numSteps: 25, totalSteps: 300, sortEntities: true, normObs: true, seed: 2 },
    });
    for (let i = 0; i < 2; i++) trainer.trainIteration();
    const g = trainer.policies[0];
    expect(g.input.sortGroups).toEqual(groups());
    const path = join(dir, 'sorted.json');
    writeFileAtomic(path, JSON.stringify(checkpointOf(trainer, false)));
    const { policies } = readCheckpoint(JSON.parse(readFileSync(path, 'utf8')));
    const loaded = new LoadedPolicy(policies[0]);
    const obs = spreadObservations(11);
    const fromTrainer = new Float32Array(N * g.inDim);
    const fromLoaded = new Float32Array(N * g.inDim);
    obs.forEach((o, k) => {
      g.input.write(o, 0, k, fromTrainer, k * g.inDim);
      loaded.writeInput(`agent_${k}`, o, fromLoaded, k * g.inDim);
    });
    expect(Array.from(fromLoaded)).toEqual(Array.from(fromTrainer));
    const fromNode = loaded.logits(fromLoaded, N);
    const request = join(dir, 'request.json');
    writeFileSync(request, JSON.stringify({ agent: 'agent_0', observations: obs.map((o) => Array.from(o)) }));
    const r = spawnSync(pythonWithNumpy(), [resolve(__dirname, '../../scripts/policy_forward.py'), path, request], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    (JSON.parse(r.stdout).logits as number[][]).flat().forEach((v, i) => expect(v).toBeCloseTo(fromNode[i], 4));
    // and numpy sorts: the same request with the entities listed in another order gives the same logits
    const shuffled = obs.map((o) => {
      const s = o.slice();
      reorder(s, 4, N, [4, 3, 2, 1, 0]);
      return Array.from(s);
    });
    writeFileSync(request, JSON.stringify({ agent: 'agent_0', observations: shuffled }));
    const r2 = spawnSync(pythonWithNumpy(), [resolve(__dirname, '../../scripts/policy_forward.py'), path, request], { encoding: 'utf8' });
    expect(r2.status, r2.stderr).toBe(0);
    expect(r2.stdout).toBe(r.stdout);
    loaded.dispose();
    trainer.dispose();
  }, 60_000);

  it('a checkpoint whose sort groups leave the observation is refused by name', () => {
    const trainer = new Trainer({
      scenario: 'spread',
      options: { N: 3 },
      algo: 'shared',
      config: { numEnvs: 2, numSteps: 5, totalSteps: 10, sortEntities: true },
    });
    const good = checkpointOf(trainer, false);
    trainer.dispose();
    const bad = (edit: (g: Record<string, unknown>) => void) => {
      const c = JSON.parse(JSON.stringify(good));
      edit(c.policies[0].observation.sortGroups[1]);
      return () => readCheckpoint(c);
    };
    expect(bad((g) => (g.count = 9))).toThrow(/policies\[0\]\.observation\.sortGroups\[1\]/);
    expect(bad((g) => (g.width = 1))).toThrow(ArenaInputError);
    expect(bad((g) => (g.companions = [{ start: 17, width: 2 }]))).toThrow(/sortGroups\[1\]\.companions\[0\]/);
    expect(bad((g) => (g.companions = 'none'))).toThrow(/sortGroups\[1\]\.companions/);
    // checkpoints written before the option read as unsorted
    const old = JSON.parse(JSON.stringify(good));
    delete old.policies[0].observation.sortGroups;
    expect(new LoadedPolicy(readCheckpoint(old).policies[0]).input.sortGroups).toEqual([]);
  });
});
