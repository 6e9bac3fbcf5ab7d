import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingOf } from '../../src/cli/plot';
import { checkTrajectory } from '../../src/sim/parity';

const ARENA = resolve(__dirname, '../../bin/arena.js');
const arena = (...args: string[]) => spawnSync('node', [ARENA, ...args], { encoding: 'utf8' });

describe('arena command line', () => {
  it.each([
    ['spread', ['--n', '3']],
    ['tag', ['--adversaries', '3', '--obstacles', '1']],
    ['speaker_listener', []],
    ['world_comm', ['--food', '3', '--forests', '1']],
  ])('bench env --scenario %s prints the throughput JSON (size flags as in train and eval)', (scenario, sizes) => {
    const r = arena('bench', 'env', '--scenario', scenario as string, ...(sizes as string[]), '--envs', '4', '--seconds', '0.2', '--json');
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
      [['bench', 'env', '--speed', '3'], /--speed.*unknown flag; allowed: the flags `arena bench env --help` lists/],
      [['bench', 'env', '--secnds', '3'], /--secnds.*unknown flag; allowed: --seconds \(did you mean it\?\), or the flags `arena bench env --help` lists/],
      [['bench', 'env', '--api', 'rest'], /--api: got "rest"; allowed: one of vector, parallel/],
      [['parity'], /parity <dir>.*exactly one folder/],
      [['parity', '/no/such/dir'], /no such folder/],
      [['fly'], /command: got "fly"; allowed: parity, bench, eval, analyze, record, serve-env, clip, train, plot, ship, help/],
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
    const again = JSON.parse(
      arena('eval', '--scenario', 'tag', '--controller', 'scripted', '--prey', 'random', '--episodes', '20', '--seed', '3', '--json').stdout,
    );
    expect(again).toEqual(out);
  });

  it('plot --band reads the setting of a run from its name without the trailing seed', () => {
    expect(['n3-shared-s1', 'n3-shared_s12', 'seed-1', 's2', 'mappo-seed3'].map(settingOf)).toEqual(['n3-shared', 'n3-shared', '', '', 'mappo']);
    expect(['tags', 'runs5', 'tags3', 'steps100', 'run-a'].map(settingOf)).toEqual([null, null, null, null, null]);
  });

  it('plot draws learning curves of runs as SVG and PNG', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plot-'));
    for (const [name, slope] of [
      ['run-a', 1],
      ['run-b', 2],
    ] as const) {
      mkdirSync(join(dir, name));
      const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ step: (i + 1) * 1000, meanReturn: -30 + slope * i }));
      writeFileSync(join(dir, name, 'metrics.jsonl'), `${lines.join('\n')}\n`);
    }
    const out = join(dir, 'compare.png');
    const r = arena('plot', join(dir, 'run-a'), join(dir, 'run-b'), '--out', out, '--smooth', '1');
    expect(r.status, r.stderr).toBe(0);
    const png = readFileSync(out);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([760, 440]); // IHDR: the SVG's size
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
    // seeds of two settings, named by a trailing seed: one mean line and band per setting
    for (const [name, slope] of [
      ['indep-s1', 1],
      ['indep-s2', 3],
      ['shared-s1', -1],
      ['shared-s2', -3],
    ] as const) {
      mkdirSync(join(dir, name));
      const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ step: (i + 1) * 1000, meanReturn: slope * i }));
      writeFileSync(join(dir, name, 'metrics.jsonl'), `${lines.join('\n')}\n`);
    }
    const two = arena(
      'plot',
      ...['indep-s1', 'indep-s2', 'shared-s1', 'shared-s2'].map((n) => join(dir, n)),
      '--band',
      '--out',
      join(dir, 'two.svg'),
      '--smooth',
      '1',
    );
    expect(two.status, two.stderr).toBe(0);
    const twoSvg = readFileSync(join(dir, 'two.svg'), 'utf8');
    expect(twoSvg).toMatch(/indep: mean of 2 \(band: min to max\)/);
    expect(twoSvg).toMatch(/shared: mean of 2 \(band: min to max\)/);
    expect((twoSvg.match(/<path /g) ?? []).length).toBe(4); // two bands, two mean lines
    const bad = arena('plot', join(dir, 'nowhere'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no metrics.jsonl/);
  });

  it('eval: a team flag may name a checkpoint file, which then plays that team; a file for another role is refused', () => {
    const dir = resolve(__dirname, '../../assets/policies');
    const args = ['eval', join(dir, 'tag-predators-hard.json'), '--episodes', '20', '--seed', '3', '--deterministic', '--json'];
    const trained = JSON.parse(arena(...args, '--prey', join(dir, 'tag-prey.json')).stdout);
    expect(trained.teams.map((t: { controller: string }) => t.controller)).toEqual(['checkpoint', join(dir, 'tag-prey.json')]);
    const scripted = JSON.parse(arena(...args, '--prey', 'scripted').stdout);
    expect(trained.touchesPerEpisode).not.toBe(scripted.touchesPerEpisode);
    const wrong = arena('eval', '--scenario', 'tag', '--prey', join(dir, 'tag-predators-hard.json'), '--episodes', '1');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/eval --prey: got ".*tag-predators-hard.json"; allowed: random, scripted/);
  });

  it('analyze --out writes the report and its pictures as PNG (tag: heatmaps, roles, approach angles)', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'analyze-')), 'pictures');
    const r = arena('analyze', '--scenario', 'tag', '--controller', 'scripted', '--episodes', '3', '--seed', '2', '--out', dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/wrote .*occupancy\.png/);
    const report = JSON.parse(readFileSync(join(dir, 'analysis.json'), 'utf8'));
    expect(report.occupancy.agents.map((a: { agent: string }) => a.agent)).toEqual(['adversary_0', 'adversary_1', 'adversary_2', 'agent_0']);
    expect(report.tag.predators).toHaveLength(3);
    for (const name of ['occupancy.png', 'roles.png', 'approach-angles.png']) {
      const png = readFileSync(join(dir, name));
      expect(png.subarray(1, 4).toString(), name).toBe('PNG');
      expect(png.readUInt32BE(16), name).toBeGreaterThan(300);
    }
    writeFileSync(join(dir, 'file'), 'x');
    const bad = arena('analyze', '--scenario', 'tag', '--controller', 'scripted', '--episodes', '1', '--out', join(dir, 'file'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/analyze --out.*it is a file; allowed: a folder/);
    // no checkpoint and no controller named: it asks whom to analyse instead of analysing the scripted teams
    const unnamed = arena('analyze', '--scenario', 'tag', '--episodes', '1');
    expect(unnamed.status).toBe(2);
    expect(unnamed.stderr).toMatch(/analyze <checkpoint>: got nothing.*allowed: a checkpoint file.*or the controllers to analyse/);
  });

  it('hostile invocations get a named error (exit 2), never a stack trace, and change nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-cli-bad-'));
    const policy = resolve(__dirname, '../../assets/policies/tag-prey.json');
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const metricsOnly = join(dir, 'metrics-only');
    mkdirSync(metricsOnly);
    writeFileSync(join(metricsOnly, 'metrics.jsonl'), '{"step": 1600}\n');
    const cases: [string[], RegExp][] = [
      [['train', '-n', '5', '--out', join(dir, 'r1')], /train: got "-n"; single-dash flag; allowed: --n \(flags take two dashes\)/],
      [['train', '--steps', '5', '--steps', '6', '--out', join(dir, 'r2')], /train --steps: .*given twice/],
      [['train', 'quickly', '--out', join(dir, 'r3')], /train: got "quickly"; unexpected word; allowed: flags only/],
      [['eval', policy, 'extra.json'], /eval: got "extra.json"; unexpected word/],
      [['eval', dir], /checkpoint: got ".*"; it is a folder/],
      [['ship', dir, '--out', join(dir, 'x.json')], /ship <checkpoint>: got ".*"; it is a folder/],
      [['ship', policy, '--out', join(dir, 'missing', 'x.json')], /ship --out: got ".*missing\/x.json"; its folder does not exist/],
      [['train', '--out', join(file, 'run')], /train --out: got ".*a-file\/run"/],
      [
        ['train', '--out', metricsOnly],
        /train --out: got ".*metrics-only"; it already holds the metrics of a run that stopped before its first checkpoint; allowed: a new folder; or --restart/,
      ],
      [
        ['train', '--envs', '4096', '--rollout', '100000', '--out', join(dir, 'r4')],
        /train --envs x --rollout: got "4096 x 100000 = 409600000"; allowed: at most 1000000/,
      ],
      [
        ['train', '--scenario', 'spread', '--zero-messages', '--out', join(dir, 'r5')],
        /train --zero-messages: got "simple_spread"; allowed: simple_speaker_listener or simple_reference/,
      ],
      [['train', '--scenario', 'tag', '--opponents', 'human:prey', '--out', join(dir, 'r6')], /train --opponents: got "human"; nobody plays during training/],
      [
        ['train', '--scenario', 'tag', '--algo', 'competitive', '--opponents', 'scripted:prey', '--out', join(dir, 'r7')],
        /train --opponents: got "scripted:prey"; allowed: nothing with --algo competitive/,
      ],
      [
        ['train', '--scenario', 'tag', '--opponents', 'scripted:prey,predators', '--out', join(dir, 'r8')],
        /train --opponents: got "scripted:prey,predators"; allowed: at most 1 of the teams predators, prey/,
      ],
      [['eval', policy, '--n', '5'], /eval --n: got 5; allowed: --max-cycles or --walls only, with a checkpoint/],
      [['eval', policy, '--scenario', 'spread'], /eval --scenario: got "spread"/],
      [['eval', '--scenario', 'tag', '--predators', 'foo'], /eval --predators: got "foo"; allowed: random, scripted, human/],
      [['eval', '--scenario', 'tag', '--prey', 'human'], /eval --prey: got "human"; nobody plays in headless evaluation/],
    ];
    for (const [args, message] of cases) {
      const r = arena(...args);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.length, r.stderr).toBeLessThan(600);
    }
    // nothing was created or overwritten by a refused command
    expect(readFileSync(join(metricsOnly, 'metrics.jsonl'), 'utf8')).toBe('{"step": 1600}\n');
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'metrics-only']);
    // --help on a command prints its flags
    const help = arena('train', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--warm-start <value>/);
  });

  it('train with a warm start (scripted teachers for every learning team) runs from the command line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-ws-'));
    const r = arena('train', '--scenario', 'spread', '--n', '2', '--warm-start', '3200', '--steps', '6400', '--out', join(dir, 'run'), '--quiet');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!).finished).toBe(true);
    // the imitation's result is kept apart, taken where PPO took over
    const warm = JSON.parse(readFileSync(join(dir, 'run', 'warm-start.json'), 'utf8'));
    expect(warm.step).toBe(3200);
    expect(JSON.parse(readFileSync(join(dir, 'run', 'final.json'), 'utf8')).step).toBe(6400);
  });

  it('eval --seed also seeds the random controller: different seeds, different results; the same seed, the same', () => {
    const run = (seed: string) =>
      JSON.parse(arena('eval', '--scenario', 'spread', '--controller', 'random', '--episodes', '3', '--seed', seed, '--json').stdout).teams[0].meanReturn;
    expect(run('5')).toBe(run('5'));
    expect(run('5')).not.toBe(run('6'));
  });

  it('plot and resume survive a metrics file whose last line was cut by a kill', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-cut-'));
    const rows = [1, 2, 3].map((k) => JSON.stringify({ iteration: k, step: 1600 * k, meanReturn: -30 + k }));
    writeFileSync(join(dir, 'metrics.jsonl'), `${rows.join('\n')}\n{"iteration": 4, "st`);
    const r = arena('plot', dir, '--out', join(dir, 'curve.svg'));
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'curve.svg'), 'utf8')).toMatch(/<svg/);
    writeFileSync(join(dir, 'metrics.jsonl'), `${rows[0]}\nnot json\n${rows[1]}\n`);
    const bad = arena('plot', dir, '--out', join(dir, 'curve2.svg'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/metrics.jsonl line 2: got "not json"; it is truncated or not JSON/);
  });

  it('record writes an episode that the parity check replays exactly; analyze prints role metrics', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-record-'));
    const file = join(dir, 'episode.json');
    const r = arena(
      'record',
      resolve(__dirname, '../../assets/policies/tag-predators-hard.json'),
      '--prey',
      'scripted',
      '--max-cycles',
      '40',
      '--seed',
      '3',
      '--out',
      file,
    );
    expect(r.status, r.stderr).toBe(0);
    const rec = JSON.parse(readFileSync(file, 'utf8'));
    expect(rec.num_steps).toBe(40);
    expect(rec.controllers).toMatchObject({ adversary_0: 'checkpoint', agent_0: 'scripted' });
    const check = checkTrajectory('cli recording', rec);
    expect(check.ok, check.problems.join('; ')).toBe(true);
    const a = arena(
      'analyze',
      resolve(__dirname, '../../assets/policies/tag-predators-hard.json'),
      '--prey',
      'scripted',
      '--episodes',
      '5',
      '--deterministic',
      '--json',
    );
    expect(a.status, a.stderr).toBe(0);
    const report = JSON.parse(a.stdout);
    expect(report.tag.predators).toHaveLength(3);
    expect(report.tag.captureRate).toBeGreaterThan(0);
  });

  it('help lists the commands', () => {
    const r = arena('help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/arena parity <dir>/);
    expect(r.stdout).toMatch(/arena bench env/);
  });
});

describe('the intervention test from the command line', () => {
  it('eval --zero-messages plays the same episodes with a talking team hearing zeros; a silent checkpoint is refused by name', () => {
    const file = resolve(__dirname, '../../assets/policies/spread-n5-comm.json');
    const run = (...extra: string[]) => arena('eval', file, '--episodes', '20', '--seed', '7', '--deterministic', '--json', ...extra);
    const talking = run();
    const silenced = run('--zero-messages');
    expect(talking.status, talking.stderr).toBe(0);
    expect(silenced.status, silenced.stderr).toBe(0);
    const ret = (r: ReturnType<typeof run>) => JSON.parse(r.stdout).teams[0].meanReturn as number;
    expect(ret(silenced)).not.toBe(ret(talking));
    expect(run().stdout).toBe(talking.stdout); // the same episodes each time
    const silent = arena('eval', resolve(__dirname, '../../assets/policies/spread-n5-shared.json'), '--episodes', '1', '--zero-messages');
    expect(silent.status).toBe(2);
    expect(silent.stderr).toMatch(/eval --zero-messages.*a checkpoint with a talking team \(trained with --comm\)/);
  });
});
