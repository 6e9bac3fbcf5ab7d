import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runParity } from '../../src/cli/parity';
import { checkTrajectory } from '../../src/sim/parity';
import { REFERENCE_DIR, referenceAvailable, readReference } from '../support/reference';

const ARENA = resolve(__dirname, '../../bin/arena.js');

describe('parity with recorded PettingZoo episodes', () => {
  it('finds the reference data beside the repository', () => {
    expect(referenceAvailable(), `expected ${REFERENCE_DIR}/manifest.json`).toBe(true);
  });

  it('replays every file of ../shared/mpe-reference within tolerance', () => {
    const report = runParity(REFERENCE_DIR);
    const failures = report.results.filter((r) => !r.ok).map((r) => `${r.file}: ${r.problems.join('; ')}`);
    expect(failures).toEqual([]);
    expect(report.specProblems).toEqual([]);
    expect(report.checked).toBe(54);
    expect(report.ok).toBe(true);
    expect(report.maxObsError).toBeLessThanOrEqual(1e-6);
    expect(report.maxStateError).toBeLessThanOrEqual(1e-9);
    expect(report.maxRewardError).toBeLessThanOrEqual(1e-9);
    expect(report.maxResetError).toBe(0);
  });

  it('the arena parity command exits 0 and prints a JSON summary', () => {
    const text = execFileSync('node', [ARENA, 'parity', REFERENCE_DIR, '--json'], { encoding: 'utf8' });
    const summary = JSON.parse(text);
    expect(summary.ok).toBe(true);
    expect(summary.passed).toBe(54);
  });

  it('fails when a recorded reward is off by more than the tolerance', () => {
    const traj = readReference('traj/spread_n3__seed1__T25.json');
    traj.steps[7].rewards[1] += 2e-9;
    const r = checkTrajectory('tampered', traj);
    expect(r.ok).toBe(false);
    expect(r.maxRewardError).toBeGreaterThan(1e-9);
  });

  it('fails when an observation is off by more than 1e-6 or a state by more than 1e-9', () => {
    const a = readReference('traj/tag_default__seed2__T25.json');
    a.steps[3].obs[0][5] += 2e-6;
    expect(checkTrajectory('obs', a).ok).toBe(false);
    const b = readReference('traj/speaker_listener__seed2__T25.json');
    b.steps[10].state.p_vel[1][0] += 1e-8;
    expect(checkTrajectory('vel', b).maxStateError).toBeGreaterThan(1e-9);
    const c = readReference('traj/reference__seed2__T25.json');
    c.steps[4].state.c[0] = c.steps[4].state.c[0].map((v: number) => 1 - v);
    expect(checkTrajectory('comm', c).ok).toBe(false);
  });

  it('fails on a wrong truncation flag or agents list', () => {
    const traj = readReference('traj/spread_n5__seed3__T25.json');
    traj.steps[24].agents_after = ['agent_0'];
    const r = checkTrajectory('agents', traj);
    expect(r.ok).toBe(false);
    expect(r.problems.join()).toMatch(/agents/);
  });

  it('counts an unknown scenario as a failure, never a skip, and the command exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parity-'));
    cpSync(REFERENCE_DIR, dir, { recursive: true });
    const path = join(dir, 'traj/extra__seed0__T25.json');
    const traj = JSON.parse(readFileSync(join(dir, 'traj/spread_n3__seed0__T25.json'), 'utf8'));
    traj.env = 'simple_chess_v1';
    writeFileSync(path, JSON.stringify(traj));
    const report = runParity(dir);
    expect(report.ok).toBe(false);
    expect(report.failed).toBe(1);
    expect(report.results.find((r) => r.file.includes('extra'))?.problems.join()).toMatch(/simple_chess_v1/);
    const cli = spawnSync('node', [ARENA, 'parity', dir], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toMatch(/FAIL/);
  });

  it('fails when a file listed in the manifest is missing or changed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parity-'));
    cpSync(REFERENCE_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'traj/tag_default__seed1__T25.json'), '{"truncated":');
    const report = runParity(dir);
    expect(report.ok).toBe(false);
    expect(report.results.find((r) => r.file === 'traj/tag_default__seed1__T25.json')?.problems.join()).toMatch(/sha256/);
  });

  describe('a malformed trajectory is a FAIL row naming its first problems by field path, never a crash', () => {
    const broken = (file: string, mutate: (t: any) => void) => {
      const traj = readReference(`traj/${file}`);
      mutate(traj);
      return checkTrajectory('broken', traj);
    };
    it.each<[string, (t: any) => void, string]>([
      ['no initial', (t) => delete t.initial, 'initial: got nothing (undefined); allowed: an object {state, obs, agents, goals?, goal?, key?}'],
      ['steps not a list', (t) => (t.steps = {}), 'steps: got {}; allowed: a list of 25 steps (num_steps)'],
      ['a flag as a string', (t) => (t.steps[2].terminations = ['false', false, false]), 'steps[2].terminations[0]: got "false"; allowed: true or false'],
      ['a null reward', (t) => (t.steps[3].rewards[1] = null), 'steps[3].rewards[1]: got null; allowed: a number'],
      ['a reward "NaN"', (t) => (t.steps[3].rewards[0] = 'NaN'), 'steps[3].rewards[0]: got "NaN"; allowed: a number'],
      ['a seed as a string', (t) => (t.reset_seed = '0'), 'reset_seed: got "0"; allowed: a non-negative integer'],
      ['a wrong step number', (t) => (t.steps[4].t = 99), 'steps[4].t: got 99; allowed: 5 (steps[k].t is k + 1 in this file)'],
      ['an action out of range', (t) => (t.steps[0].actions[2] = 5), 'steps[0].actions[2]: got 5; allowed: an integer from 0 to 4 (Discrete(5))'],
      ['a short state row', (t) => (t.steps[1].state.p_vel[4] = [0]), 'steps[1].state.p_vel[4]: got [0]; allowed: a list of 2 numbers'],
      ['a missing step', (t) => t.steps.pop(), 'steps: got'],
      ['not an object', (t) => (t.env_kwargs = null), "env_kwargs: got null; allowed: an object of the env's options"],
    ])('%s', (_label, mutate, problem) => {
      const r = broken('spread_n3__seed0__T25.json', mutate);
      expect(r.ok).toBe(false);
      expect(r.problems[0]).toContain(problem);
      expect(r.problems.join()).not.toMatch(/could not be checked|Cannot read|not iterable|Infinity/);
    });

    it('continuous actions and per-step comm are checked too; many problems are listed first and counted', () => {
      const c = broken('tag_default_continuous__seed1__T25.json', (t) => (t.steps[6].actions[3] = [0, 1, 2, 0, 0]));
      expect(c.problems).toEqual([expect.stringMatching(/^steps\[6\]\.actions\[3\]: got \[0,1,2,0,0\]; .*component 2 is 2/)]);
      const s = broken('speaker_listener__seed1__T25.json', (t) => delete t.steps[9].state.c);
      expect(s.problems).toEqual(['steps[9].state.c: got nothing (undefined); allowed: a list of 2 rows of 3 numbers']);
      const many = broken('spread_n3__seed1__T25.json', (t) => t.steps.forEach((step: any) => (step.rewards[0] = null)));
      expect(many.problems).toHaveLength(6);
      expect(many.problems[5]).toBe('… and 20 more problems');
      expect(checkTrajectory('null', null).problems).toEqual(['trajectory: got null; allowed: a JSON object (an mpe-reference/1 trajectory)']);
      const revoked = Proxy.revocable({}, {});
      revoked.revoke();
      expect(checkTrajectory('revoked', revoked.proxy).problems[0]).toMatch(/^trajectory: .*revoked/);
    });
  });
});
