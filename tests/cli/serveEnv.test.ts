import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvServer } from '../../src/cli/serveEnv';
import { pythonWithNumpy } from '../support/python';
import { REFERENCE_DIR } from '../support/reference';

describe('arena serve-env and the Python client (scripts/arena_env.py)', () => {
  it('replays the recorded PettingZoo episodes of every scenario step for step from Python, exactly', () => {
    // the 100-step episode of every recorded scenario and size, discrete and continuous
    const files = readdirSync(join(REFERENCE_DIR, 'traj'))
      .filter((f) => f.endsWith('seed0__T100.json'))
      .map((f) => join(REFERENCE_DIR, 'traj', f));
    expect(files.length).toBeGreaterThanOrEqual(9);
    const script = resolve(__dirname, '../support/replay_with_arena_env.py');
    const r = spawnSync(pythonWithNumpy(), [script, ...files], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    console.info(`Python client: ${summary.steps} steps of ${summary.files} episodes at ${Math.round(summary.steps_per_second)} steps/s`);
    expect(summary.files).toBe(files.length);
    expect(summary.steps).toBe(100 * files.length);
    expect(summary.max_obs_error).toBe(0);
    expect(summary.max_reward_error).toBeLessThanOrEqual(1e-9); // the parity check's limit (it measures 3.6e-15)
    expect(summary.flags_match).toBe(true);
    expect(summary.bad_action).toBe('actions.agent_0: got 9; allowed: an integer from 0 to 4 (Discrete(5))');
    expect(summary.goes_on).toBe(true);
    expect(summary.spaces).toEqual(['Box(-inf, inf, (12,), float32)', 'Discrete(5)']);
  }, 180_000);

  it('answers every bad request by name and goes on serving', () => {
    const server = new EnvServer();
    const ask = (request: unknown) => server.handle(typeof request === 'string' ? request : JSON.stringify(request));
    expect(ask({ cmd: 'step', actions: {} })).toMatchObject({ ok: false, error: expect.stringMatching(/a "make" request first/) });
    expect(ask('not json')).toMatchObject({ ok: false, field: 'request' });
    expect(ask(`${'['.repeat(1000)}${']'.repeat(1000)}`)).toMatchObject({ ok: false, error: expect.stringMatching(/nests deeper than 64 levels/) });
    expect(ask({ cmd: 'fly' })).toMatchObject({ ok: false, field: 'request.cmd' });
    expect(ask({ cmd: 'make', env: 'chess' })).toMatchObject({ ok: false });
    expect(ask({ cmd: 'make', env: 'simple_tag_v3', kwargs: { num_good: 'x' } })).toMatchObject({ ok: false });
    expect(ask({ cmd: 'make', env: 'simple_tag_v3', kwargs: { max_cycles: 3 } })).toMatchObject({ ok: true, max_cycles: 3 });
    expect(ask({ cmd: 'reset', seed: -1 })).toMatchObject({ ok: false });
    expect(ask({ cmd: 'reset', seed: 7 })).toMatchObject({ ok: true, agents: ['adversary_0', 'adversary_1', 'adversary_2', 'agent_0'] });
    const actions = { adversary_0: 1, adversary_1: 2, adversary_2: 3, agent_0: 4 };
    expect(ask({ cmd: 'step', actions: { ...actions, agent_0: 'left' } })).toMatchObject({ ok: false, field: 'actions.agent_0' });
    for (let k = 0; k < 3; k++) expect(ask({ cmd: 'step', actions })).toMatchObject({ ok: true });
    // after max_cycles every agent is done, as in PettingZoo
    expect(ask({ cmd: 'step', actions })).toMatchObject({ ok: false, error: expect.stringMatching(/the episode is over/) });
  });
});
