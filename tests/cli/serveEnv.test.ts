import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundedLines, EnvServer } from '../../src/cli/serveEnv';
import { pythonWithNumpy } from '../support/python';
import { REFERENCE_DIR } from '../support/reference';

describe('arena serve-env and the Python client (scripts/arena_env.py)', () => {
  it('replays the recorded PettingZoo episodes of every scenario step for step from Python, exactly', () => {
    // the 100-step episode of every recorded scenario, discrete and continuous (a server each: ~1 s apiece)
    const files = ['spread_n3', 'spread_n3_continuous', 'tag_default', 'tag_g2_a4_o2', 'speaker_listener', 'reference'].map((name) => {
      const file = join(REFERENCE_DIR, 'traj', `${name}__seed0__T100.json`);
      expect(readdirSync(join(REFERENCE_DIR, 'traj'))).toContain(`${name}__seed0__T100.json`);
      return file;
    });
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
    expect(summary.nan_action).toMatch(/step: got a value JSON cannot carry/);
    expect(summary.state_size).toBe(24); // two agents' observations of 12
    expect(summary.render_mode).toBe("render_mode: got 'human'; allowed: None (make clips with arena clip)");
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
    // requests that are JSON but not a request, misspelt keys, odd seeds; the reply carries the request's id
    for (const bad of [
      '[]',
      'null',
      '3',
      { cmd: 'step', actions: null },
      { cmd: 'reset', seeds: 1 },
      { cmd: 'reset', seed: '3' },
      { cmd: 'reset', seed: true },
    ])
      expect(ask(bad), JSON.stringify(bad)).toMatchObject({ ok: false });
    expect(ask({ cmd: 'reset', seeds: 1, id: 7 })).toMatchObject({ ok: false, id: 7, field: 'request.seeds' });
    expect(ask({ cmd: 'state', id: 'a' })).toMatchObject({ ok: true, id: 'a', state: expect.any(Array) });
    expect(ask({ cmd: 'close' })).toMatchObject({ ok: true });
    expect(ask({ cmd: 'step', actions })).toMatchObject({ ok: false, error: expect.stringMatching(/a "make" request first/) });
  });

  it('reads request lines of bounded length: a line that never ends is dropped as it comes, not kept', async () => {
    async function* chunks() {
      yield '{"cmd":"close"}\n{"cmd":';
      for (let k = 0; k < 100; k++) yield 'x'.repeat(1000); // 100,000 characters without a newline
      yield '\n{"cmd":"state"}\n';
    }
    const lines = [];
    for await (const line of boundedLines(chunks(), 10_000)) lines.push(line);
    expect(lines).toEqual(['{"cmd":"close"}', null, '{"cmd":"state"}']);
  });
});
