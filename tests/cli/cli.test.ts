import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
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
      [['fly'], /command: got "fly"; allowed: parity, bench, help/],
    ];
    for (const [args, message] of cases) {
      const r = arena(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
    }
  });

  it('help lists the commands', () => {
    const r = arena('help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/arena parity <dir>/);
    expect(r.stdout).toMatch(/arena bench env/);
  });
});
