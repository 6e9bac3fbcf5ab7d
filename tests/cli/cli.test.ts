import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ARENA = resolve(__dirname, '../../bin/arena.js');
const arena = (...args: string[]) => spawnSync('node', [ARENA, ...args], { encoding: 'utf8' });

describe('arena command line', () => {
  it.each([
    ['spread', '3'],
    ['tag', '3'],
    ['speaker_listener', '1'],
  ])('bench env --scenario %s prints the throughput JSON', (scenario, n) => {
    const r = arena('bench', 'env', '--scenario', scenario, '--n', n, '--envs', '4', '--seconds', '0.2', '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.scenario).toMatch(/^simple_/);
    expect(out.envs).toBe(4);
    expect(out.envStepsPerSec).toBeGreaterThan(0);
    expect(out.agentStepsPerSec).toBeGreaterThan(out.envStepsPerSec);
    expect(out.envSteps).toBeGreaterThan(0);
  });

  it('bad flags and values exit 2 naming the flag and what is allowed', () => {
    const cases: [string[], RegExp][] = [
      [['bench', 'env', '--scenario', 'chess'], /scenario: got "chess"; allowed: one of spread, tag/],
      [['bench', 'env', '--envs', 'many'], /--envs: got "many"; allowed: an integer from 1 to 4096/],
      [['bench', 'env', '--speed', '3'], /--speed.*unknown flag.*--scenario/],
      [['bench', 'env', '--api', 'rest'], /--api: got "rest"; allowed: one of vector, parallel/],
      [['parity'], /parity <dir>.*exactly one folder/],
      [['parity', '/no/such/dir'], /no such folder/],
      [['fly'], /command: got "fly"; allowed: parity, bench, eval, train, plot, ship, help/],
      [['eval', '--scenario', 'spread', '--predators', 'random'], /eval --predators: got "random"; allowed: team flags of simple_spread: --agents/],
      [['eval', '--controller', 'oracle'], /controller for adversary_0: got "oracle"; allowed: random, scripted, human/],
      [['eval', '--episodes', '0'], /--episodes: got "0"; allowed: an integer from 1 to 100000/],
    ];
    for (const [args, message] of cases) {
      const r = arena(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
    }
  });

  it('eval plays whole episodes and reports per-team returns with a confidence interval', () => {
    const r = arena('eval', '--scenario', 'tag', '--controller', 'scripted', '--prey', 'random', '--episodes', '20', '--seed', '3', '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.episodes).toBe(20);
    expect(out.teams.map((t: { team: string; controller: string }) => [t.team, t.controller])).toEqual([
      ['predators', 'scripted'],
      ['prey', 'random'],
    ]);
    expect(out.teams[0].ci95).toBeGreaterThan(0);
    expect(out.captureRate).toBeGreaterThan(0.5);
    expect(out.touchesPerEpisode * 10).toBeCloseTo(out.teams[0].meanReturn, 6); // +10 per touch, per predator
    const again = JSON.parse(arena('eval', '--scenario', 'tag', '--controller', 'scripted', '--prey', 'random', '--episodes', '20', '--seed', '3', '--json').stdout);
    expect(again).toEqual(out);
  });

  it('plot draws learning curves of runs as SVG and PNG', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plot-'));
    for (const [name, slope] of [['run-a', 1], ['run-b', 2]] as const) {
      mkdirSync(join(dir, name));
      const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ step: (i + 1) * 1000, meanReturn: -30 + slope * i }));
      writeFileSync(join(dir, name, 'metrics.jsonl'), `${lines.join('\n')}\n`);
    }
    const out = join(dir, 'compare.png');
    const r = arena('plot', join(dir, 'run-a'), join(dir, 'run-b'), '--out', out, '--smooth', '1');
    expect(r.status, r.stderr).toBe(0);
    const png = readFileSync(out);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const svg = readFileSync(join(dir, 'compare.svg'), 'utf8');
    expect(svg).toMatch(/run-a/);
    expect(svg).toMatch(/run-b/);
    expect((svg.match(/<path /g) ?? []).length).toBe(2);
    // seeds of one setting: one mean line (slopes 1 and 2 -> 1.5) inside a min-max band
    const banded = arena('plot', join(dir, 'run-a'), join(dir, 'run-b'), '--band', '--out', join(dir, 'band.svg'), '--smooth', '1');
    expect(banded.status, banded.stderr).toBe(0);
    const bandSvg = readFileSync(join(dir, 'band.svg'), 'utf8');
    expect(bandSvg).toMatch(/mean of 2 \(band: min to max\)/);
    expect((bandSvg.match(/<path /g) ?? []).length).toBe(2);
    expect(bandSvg).toMatch(/fill-opacity="0.2"/);
    const bad = arena('plot', join(dir, 'nowhere'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no metrics.jsonl/);
  });

  it('help lists the commands', () => {
    const r = arena('help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/arena parity <dir>/);
    expect(r.stdout).toMatch(/arena bench env/);
  });
});
