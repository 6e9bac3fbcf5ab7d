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
});
