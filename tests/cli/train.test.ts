import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ARENA = resolve(__dirname, '../../bin/arena.js');
const SMALL = ['--scenario', 'spread', '--n', '1', '--algo', 'shared', '--envs', '4', '--rollout', '25', '--minibatches', '2', '--quiet'];
/** Seeds whose small spread runs validate an earlier snapshot at least as well as the last (so the runoff happens). */
const RUNOFF_SEEDS = ['1', '2'];
const SMALL_TAG = ['--scenario', 'tag', '--envs', '4', '--rollout', '25', '--minibatches', '2', '--quiet'];
/** The rows of a JSON-lines file. */
const jsonl = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
/** Steps of the complete lines of metrics.jsonl (a line being appended right now is left out). */
const steps = (dir: string) => {
  const text = readFileSync(join(dir, 'metrics.jsonl'), 'utf8');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l).step as number);
};

describe('arena train', () => {
  it('Ctrl-C saves a checkpoint and exits cleanly; --resume continues without repeating steps', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'train-')), 'run');
    const child = spawn('node', [ARENA, 'train', ...SMALL, '--steps', '1e6', '--out', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // interrupt once a few iterations are on disk
    await new Promise<void>((done) => {
      const poll = setInterval(() => {
        if (existsSync(join(dir, 'metrics.jsonl')) && steps(dir).length >= 3) {
          clearInterval(poll);
          child.kill('SIGINT');
          done();
        }
      }, 100);
    });
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/checkpoint saved .*--resume/);
    const ckpt = JSON.parse(readFileSync(join(dir, 'checkpoint.json'), 'utf8'));
    const stoppedAt = ckpt.step as number;
    expect(stoppedAt).toBeGreaterThan(0);
    expect(steps(dir).at(-1)).toBe(stoppedAt);

    // the run's own flags come from its run.json (spread with one agent here, not the default three); --steps wins
    expect(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')).argv).toEqual([...SMALL, '--steps', '1e6', '--out', dir]);
    const resumed = spawnSync('node', [ARENA, 'train', '--out', dir, '--resume', '--steps', String(stoppedAt + 300)], { encoding: 'utf8' });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`resuming with the run's flags: arena train ${SMALL.join(' ')} --out ${dir} --resume --steps ${stoppedAt + 300}`);
    const all = steps(dir);
    expect(all.at(-1)).toBeGreaterThanOrEqual(stoppedAt + 300);
    expect(all.every((s, i) => i === 0 || s > all[i - 1])).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'final.json'), 'utf8')).step).toBe(all.at(-1));
    const csv = readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^iteration,step,/);
    expect(csv).toHaveLength(all.length + 1);
    // the checkpoint drives `arena eval`
    const ev = spawnSync('node', [ARENA, 'eval', join(dir, 'final.json'), '--episodes', '5', '--deterministic', '--json'], { encoding: 'utf8' });
    expect(ev.status, ev.stderr).toBe(0);
    expect(JSON.parse(ev.stdout).teams[0].controller).toBe('checkpoint');
  }, 120_000);

  it('refuses bad settings with the flag and what is allowed, and never overwrites a run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'train-bad-'));
    const cases: [string[], RegExp][] = [
      [['train', ...SMALL], /train --out: got nothing.*allowed: a run folder/],
      [
        ['train', ...SMALL.filter((a, i) => a !== '--algo' && SMALL[i - 1] !== '--algo'), '--algo', 'dqn', '--out', dir],
        /--algo: got "dqn"; allowed: one of independent, shared, mappo, comm/,
      ],
      [['train', ...SMALL, '--lr', '-1', '--out', dir], /--lr: got "-1"; allowed: a number from 0 to 1/],
      [['train', ...SMALL, '--resume', '--out', join(dir, 'none')], /checkpoint: got .*no such file/],
      [['train', ...SMALL, '--curriculum', '0.5', '--out', join(dir, 'c')], /trainingDifficulty: got 0.5; allowed: 1 \(simple_spread has no curriculum\)/],
      [['train', ...SMALL, '--curriculum', '0', '--out', join(dir, 'c')], /--curriculum: got "0"; allowed: a number from 0.05 to 1/],
      [['train', ...SMALL, '--no-quiet-please', '--out', join(dir, 'c')], /--no-quiet-please.*unknown flag/],
    ];
    for (const [args, message] of cases) {
      const r = spawnSync('node', [ARENA, ...args], { encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const first = spawnSync('node', [ARENA, 'train', ...SMALL, '--steps', '100', '--out', dir], { encoding: 'utf8' });
    expect(first.status, first.stderr).toBe(0);
    const again = spawnSync('node', [ARENA, 'train', ...SMALL, '--steps', '100', '--out', dir], { encoding: 'utf8' });
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already holds a checkpoint.*--resume/);
    // resuming with another episode length would change the run mid-episode without a word
    const longer = spawnSync('node', [ARENA, 'train', ...SMALL, '--max-cycles', '50', '--steps', '200', '--resume', '--out', dir], { encoding: 'utf8' });
    expect(longer.status).toBe(2);
    expect(longer.stderr).toMatch(
      /checkpoint\.scenario\.options: got .*"max_cycles":25.*allowed: what the given flags ask for: .*"max_cycles",50.*scenario flags the checkpoint was trained with/,
    );
    const same = spawnSync('node', [ARENA, 'train', ...SMALL, '--steps', '200', '--resume', '--out', dir], { encoding: 'utf8' });
    expect(same.status, same.stderr).toBe(0);
    // a run.json that lost its flags is named, and the run is left as it was
    const before = readFileSync(join(dir, 'checkpoint.json'), 'utf8');
    writeFileSync(join(dir, 'run.json'), '{"argv": "--n 1"');
    const broken = spawnSync('node', [ARENA, 'train', '--steps', '300', '--resume', '--out', dir], { encoding: 'utf8' });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/train --resume: got ".*run\.json"; .*; allowed: the run's run\.json as arena train wrote it/);
    writeFileSync(join(dir, 'run.json'), '{"argv": "--n 1"}');
    const notList = spawnSync('node', [ARENA, 'train', '--steps', '300', '--resume', '--out', dir], { encoding: 'utf8' });
    expect(notList.stderr).toMatch(/allowed: a run\.json with the run's flags/);
    expect(readFileSync(join(dir, 'checkpoint.json'), 'utf8')).toBe(before);
  }, 120_000);

  it('training aids and switches land in run.json and in the metrics: warm start, curriculum, --no-value-norm', () => {
    const root = mkdtempSync(join(tmpdir(), 'train-aids-'));
    const warm = spawnSync('node', [ARENA, 'train', ...SMALL, '--warm-start', '200', '--steps', '300', '--out', join(root, 'warm')], { encoding: 'utf8' });
    expect(warm.status, warm.stderr).toBe(0);
    const warmRun = JSON.parse(readFileSync(join(root, 'warm', 'run.json'), 'utf8'));
    expect(warmRun.config.warmStartSteps).toBe(200);
    expect(warmRun.config.valueNorm).toBe(true); // the default
    const rows = readFileSync(join(root, 'warm', 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((m) => m.imitation ?? false)).toEqual([true, true, false]);
    // a run branched from where the imitation ended: its own metrics, with their header
    mkdirSync(join(root, 'branch'));
    copyFileSync(join(root, 'warm', 'warm-start.json'), join(root, 'branch', 'checkpoint.json'));
    const branch = spawnSync('node', [ARENA, 'train', ...SMALL, '--steps', '400', '--resume', '--out', join(root, 'branch')], { encoding: 'utf8' });
    expect(branch.status, branch.stderr).toBe(0);
    const branchCsv = readFileSync(join(root, 'branch', 'metrics.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(branchCsv[0]).toMatch(/^iteration,step,/);
    expect(branchCsv.slice(1).map((l) => Number(l.split(',')[1]))).toEqual([300, 400]);
    const tagArgs = ['train', '--scenario', 'tag', '--envs', '4', '--rollout', '25', '--minibatches', '2', '--quiet', '--opponents', 'scripted:prey'];
    const cur = spawnSync('node', [ARENA, ...tagArgs, '--curriculum', '0.5', '--no-value-norm', '--steps', '200', '--out', join(root, 'cur')], {
      encoding: 'utf8',
    });
    expect(cur.status, cur.stderr).toBe(0);
    const curRun = JSON.parse(readFileSync(join(root, 'cur', 'run.json'), 'utf8'));
    expect([curRun.config.curriculumStart, curRun.config.valueNorm]).toEqual([0.5, false]);
    const levels = readFileSync(join(root, 'cur', 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).difficulty);
    expect(levels).toEqual([0.5, 0.75]);
  }, 120_000);
});

describe('validation during training', () => {
  it('scores the policy on held-apart episodes, keeps the best snapshot as best.json, and leaves the training itself unchanged', async () => {
    const root = mkdtempSync(join(tmpdir(), 'train-val-'));
    // tag predators against the scripted prey, validated every 300 steps on 5 episodes
    const args = ['train', ...SMALL_TAG, '--opponents', 'scripted+random:prey', '--steps', '1000'];
    // (no end-of-run runoff here: best.json is the best validation; the runoff has its own test)
    const on = spawnSync('node', [ARENA, ...args, '--validate-every', '300', '--validate-episodes', '5', '--validate-runoff', '0', '--out', join(root, 'on')], {
      encoding: 'utf8',
    });
    expect(on.status, on.stderr).toBe(0);
    const off = spawnSync('node', [ARENA, ...args, '--validate-every', '0', '--out', join(root, 'off')], { encoding: 'utf8' });
    expect(off.status, off.stderr).toBe(0);
    // validating touches no generator of the run: the same curve either way
    const curve = (d: string) => jsonl(join(root, d, 'metrics.jsonl')).map((m) => [m.step, m.meanReturn, m.pgLoss, m.vLoss]);
    expect(curve('on')).toEqual(curve('off'));
    expect(existsSync(join(root, 'off', 'validation.jsonl')) && readFileSync(join(root, 'off', 'validation.jsonl'), 'utf8')).toBe('');
    expect(existsSync(join(root, 'off', 'best.json'))).toBe(false);
    // first iteration at or past 300, 600, 900, and the run's end
    const rows = jsonl(join(root, 'on', 'validation.jsonl'));
    expect(rows.map((r) => r.step)).toEqual([300, 600, 900, 1000]);
    for (const r of rows) expect(r).toHaveProperty('captureRate');
    const top = Math.max(...rows.map((r) => r.score));
    const winner = rows.find((r) => r.score === top);
    expect(rows.filter((r) => r.best).map((r) => r.step)).toContain(winner.step);
    const best = JSON.parse(readFileSync(join(root, 'on', 'best.json'), 'utf8'));
    expect(best.step).toBe(winner.step);
    expect(best.training).toBeUndefined();
    // best.json scored what the row says: the same episodes played by `arena eval` give the same return
    const ev = spawnSync(
      'node',
      [ARENA, 'eval', join(root, 'on', 'best.json'), '--prey', 'scripted', '--episodes', '5', '--seed', '900000', '--deterministic', '--json'],
      {
        encoding: 'utf8',
      },
    );
    expect(ev.status, ev.stderr).toBe(0);
    const report = JSON.parse(ev.stdout);
    expect(report.teams.find((t: { team: string }) => t.team === 'predators').meanReturn).toBeCloseTo(top, 10);
    // stopped (Ctrl-C) after its first validation and resumed: the same validations as the straight run
    const resumed = join(root, 'resumed');
    const valArgs = [...args, '--validate-every', '300', '--validate-episodes', '5', '--validate-runoff', '0', '--out', resumed];
    const child = spawn('node', [ARENA, ...valArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
    let childErr = '';
    child.stderr.on('data', (d) => (childErr += d));
    await new Promise<void>((done) => {
      const poll = setInterval(() => {
        const f = join(resumed, 'validation.jsonl');
        if (existsSync(f) && readFileSync(f, 'utf8').includes('\n')) {
          clearInterval(poll);
          child.kill('SIGINT');
          done();
        }
      }, 50);
    });
    expect(await new Promise<number | null>((done) => child.on('exit', done))).toBe(0);
    expect(childErr).toMatch(/stopped at step [3-9]00\b/); // stopped before the end: the resume below is exercised
    const rest = spawnSync('node', [ARENA, ...valArgs, '--resume'], { encoding: 'utf8' });
    expect(rest.status, rest.stderr).toBe(0);
    const again = jsonl(join(resumed, 'validation.jsonl'));
    expect(again).toEqual(rows);
    expect(JSON.parse(readFileSync(join(resumed, 'best.json'), 'utf8')).policies).toEqual(best.policies);
  }, 180_000);
  it('at the end, the best validated snapshot meets the last on fresh episodes and best.json keeps the winner', () => {
    const root = mkdtempSync(join(tmpdir(), 'train-runoff-'));
    // validated on 2 episodes an earlier snapshot scores at least as well as the last; the runoff plays 30
    // fresh ones. On these seeds it keeps the last snapshot once and the earlier one once.
    const kept = RUNOFF_SEEDS.map((seed) => {
      const out = join(root, seed);
      const args = ['train', ...SMALL, '--steps', '1000', '--seed', seed, '--validate-every', '200', '--validate-episodes', '2', '--validate-runoff', '30'];
      const r = spawnSync('node', [ARENA, ...args, '--out', out], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const rows = jsonl(join(out, 'validation.jsonl'));
      expect(rows.map((x) => x.step)).toEqual([200, 400, 600, 800, 1000]);
      const earlier = rows.slice(0, -1);
      const top = Math.max(...earlier.map((x) => x.score));
      const end = rows[rows.length - 1];
      expect(end.score).toBeLessThanOrEqual(top);
      const { episodes, bestStep, best, last, kept } = end.runoff;
      expect(episodes).toBe(30);
      expect(bestStep).toBe(earlier.find((x) => x.score === top).step);
      expect(kept).toBe(last >= best ? 'last' : 'best');
      expect(end.best).toBe(kept === 'last');
      expect(JSON.parse(readFileSync(join(out, 'best.json'), 'utf8')).step).toBe(kept === 'last' ? 1000 : bestStep);
      // the scores are what `arena eval` gives on the runoff's episodes (the validation seed plus 50,000)
      const evalScore = (file: string) => {
        const ev = spawnSync('node', [ARENA, 'eval', file, '--episodes', '30', '--seed', '950000', '--deterministic', '--json'], { encoding: 'utf8' });
        expect(ev.status, ev.stderr).toBe(0);
        return JSON.parse(ev.stdout).teams[0].meanReturn as number;
      };
      expect(evalScore(join(out, 'final.json'))).toBeCloseTo(last, 10);
      expect(evalScore(join(out, 'best.json'))).toBeCloseTo(kept === 'last' ? last : best, 10);
      return kept;
    });
    expect(kept.sort()).toEqual(['best', 'last']);
    // --validate-runoff 0: best.json stays the best validation
    const off = join(root, 'off');
    const r = spawnSync(
      'node',
      [
        ARENA,
        'train',
        ...SMALL,
        '--steps',
        '1000',
        '--seed',
        RUNOFF_SEEDS[0],
        '--validate-every',
        '200',
        '--validate-episodes',
        '2',
        '--validate-runoff',
        '0',
        '--out',
        off,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const rows = jsonl(join(off, 'validation.jsonl'));
    expect(rows[rows.length - 1].runoff).toBeUndefined();
    expect(JSON.parse(readFileSync(join(off, 'best.json'), 'utf8')).step).toBe(rows.filter((x) => x.best).pop().step);
  }, 180_000);
  it('--validate-against plays the fixed teams with each listed controller and scores their mean', () => {
    const root = mkdtempSync(join(tmpdir(), 'train-val-against-'));
    const trainedPrey = resolve(__dirname, '../../assets/policies/tag-prey.json');
    const args = ['train', ...SMALL_TAG, '--opponents', 'scripted:prey', '--steps', '400', '--validate-every', '200', '--validate-episodes', '4'];
    const r = spawnSync('node', [ARENA, ...args, '--validate-against', `random+${trainedPrey}`, '--out', join(root, 'two')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const rows = jsonl(join(root, 'two', 'validation.jsonl'));
    expect(rows.map((x) => x.step)).toEqual([200, 400]);
    for (const row of rows) {
      expect(Object.keys(row.byOpponent)).toEqual(['random', trainedPrey]);
      expect(row.score).toBeCloseTo((row.byOpponent.random + row.byOpponent[trainedPrey]) / 2, 10);
    }
    // each opponent's score is what `arena eval` gives for the same snapshot and episodes
    const last = rows[rows.length - 1];
    const final = join(root, 'two', 'final.json');
    for (const prey of ['random', trainedPrey]) {
      const ev = spawnSync('node', [ARENA, 'eval', final, '--prey', prey, '--episodes', '4', '--seed', '900000', '--deterministic', '--json'], {
        encoding: 'utf8',
      });
      expect(ev.status, ev.stderr).toBe(0);
      expect(JSON.parse(ev.stdout).teams.find((t: { team: string }) => t.team === 'predators').meanReturn).toBeCloseTo(last.byOpponent[prey], 10);
    }
    // refused before anything is written: no fixed team, or a controller that cannot play it
    const alone = spawnSync('node', [ARENA, 'train', ...SMALL_TAG, '--steps', '200', '--validate-against', 'random', '--out', join(root, 'alone')], {
      encoding: 'utf8',
    });
    expect(alone.status).toBe(2);
    expect(alone.stderr).toMatch(/train --validate-against: got "random"; allowed: nothing without --opponents/);
    const predators = resolve(__dirname, '../../assets/policies/tag-predators-hard.json');
    const wrong = spawnSync('node', [ARENA, ...args, '--validate-against', predators, '--out', join(root, 'wrong')], { encoding: 'utf8' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/train --validate-against: got ".*tag-predators-hard.json"/);
    expect(existsSync(join(root, 'alone')) || existsSync(join(root, 'wrong'))).toBe(false);
  }, 120_000);
});

describe('checkpoint opponents', () => {
  it('a checkpoint file plays a team in the --opponents mix (its most likely action, so the same seed gives the same run); a file for another role is refused', () => {
    const root = mkdtempSync(join(tmpdir(), 'train-ckpt-opp-'));
    const prey = resolve(__dirname, '../../assets/policies/tag-prey.json');
    const run = (mix: string, out: string) =>
      spawnSync('node', [ARENA, 'train', ...SMALL_TAG, '--steps', '400', '--opponents', `${mix}:prey`, '--out', join(root, out)], { encoding: 'utf8' });
    for (const [mix, out] of [
      [`random+${prey}`, 'a'],
      [`random+${prey}`, 'b'],
      ['random', 'random'],
    ]) {
      const r = run(mix, out);
      expect(r.status, r.stderr).toBe(0);
    }
    const rows = (dir: string) =>
      readFileSync(join(root, dir, 'metrics.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => {
          const { seconds, envStepsPerSec, agentSamplesPerSec, updateShare, ...rest } = JSON.parse(l);
          return rest;
        });
    expect(rows('a')).toHaveLength(4);
    expect(rows('b')).toEqual(rows('a'));
    // the trained prey plays half the episodes: the predators' returns are not those against random prey alone
    expect(rows('a').map((r) => r.returns)).not.toEqual(rows('random').map((r) => r.returns));
    expect(JSON.parse(readFileSync(join(root, 'a', 'run.json'), 'utf8')).command).toContain('tag-prey.json:prey');
    const predators = resolve(__dirname, '../../assets/policies/tag-predators-hard.json');
    const wrong = spawnSync(
      'node',
      [ARENA, 'train', '--scenario', 'tag', '--steps', '200', '--quiet', '--opponents', `${predators}:prey`, '--out', join(root, 'wrong')],
      { encoding: 'utf8' },
    );
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/train --opponents: got ".*tag-predators-hard.json"; allowed: random, scripted/);
  }, 120_000);
});

describe('train --init', () => {
  it('starts a new run from a shipped policy (weights kept with --lr 0, far ahead of a fresh start) and refuses one that does not fit', () => {
    const root = mkdtempSync(join(tmpdir(), 'train-init-'));
    const hard = resolve(__dirname, '../../assets/policies/tag-predators-hard.json');
    const train = (out: string, more: string[]) =>
      spawnSync('node', [ARENA, 'train', ...SMALL_TAG, '--steps', '800', '--opponents', 'scripted:prey', '--out', join(root, out), ...more], {
        encoding: 'utf8',
      });
    for (const [out, more] of [
      ['init', ['--init', hard, '--lr', '0']],
      ['fresh', ['--lr', '0']],
    ] as const) {
      const r = train(out, [...more]);
      expect(r.status, r.stderr).toBe(0);
    }
    const actor = (path: string) => JSON.parse(readFileSync(path, 'utf8')).policies[0].actor.layers;
    expect(actor(join(root, 'init', 'final.json'))).toEqual(actor(hard));
    expect(actor(join(root, 'fresh', 'final.json'))).not.toEqual(actor(hard));
    // the hard predators catch the scripted prey in most episodes; untrained ones hardly ever
    const meanReturn = (out: string) => {
      const rows = jsonl(join(root, out, 'metrics.jsonl')).filter((r) => r.episodes > 0);
      return rows.reduce((a, r) => a + r.meanReturn, 0) / rows.length;
    };
    expect(meanReturn('init')).toBeGreaterThan(meanReturn('fresh') + 10);
    expect(JSON.parse(readFileSync(join(root, 'init', 'run.json'), 'utf8')).init).toEqual({ file: hard, step: expect.any(Number) });

    const refused = (more: string[], scenario = SMALL_TAG) =>
      spawnSync('node', [ARENA, 'train', ...scenario, '--steps', '200', '--out', join(root, `bad-${scenario.join('')}`), ...more], {
        encoding: 'utf8',
      });
    const prey = resolve(__dirname, '../../assets/policies/tag-prey.json');
    const wrongRole = refused(['--opponents', 'scripted:prey', '--init', prey]);
    expect(wrongRole.status).toBe(2);
    expect(wrongRole.stderr).toMatch(/train --init\.policies: got .*good.*; allowed: a policy with id adversary/);
    const n5 = resolve(__dirname, '../../assets/policies/spread-n5-shared.json');
    const unsorted = refused(['--init', n5], ['--scenario', 'spread', '--n', '5', '--envs', '4', '--quiet']);
    expect(unsorted.status).toBe(2);
    expect(unsorted.stderr).toMatch(/train --init policies\.agent\.observation: .*match --sort-entities/);
    const otherSize = refused(['--init', n5], ['--scenario', 'spread', '--n', '3', '--envs', '4', '--quiet']);
    expect(otherSize.status).toBe(2);
    expect(otherSize.stderr).toMatch(/train --init scenario options: .*N.*5/);
    // refused before anything is written
    expect(existsSync(join(root, `bad-${SMALL_TAG.join('')}`))).toBe(false);
    expect(existsSync(join(root, 'bad---scenariospread--n5--envs4--quiet'))).toBe(false);
  }, 120_000);
});

describe('arena bench learn', () => {
  it('trains the seeds, evaluates them on held-out episodes, and reuses finished seeds when run again', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'bench-learn-')), 'tag');
    const args = [ARENA, 'bench', 'learn', '--task', 'tag-predators', '--seeds', '2', '--steps', '3200', '--out', dir, '--json'];
    const first = spawnSync('node', args, { encoding: 'utf8' });
    expect(first.status, first.stderr).toBe(0);
    const r = JSON.parse(first.stdout);
    expect(r.seeds.map((s: { seed: number }) => s.seed)).toEqual([1, 2]);
    for (const s of r.seeds) {
      expect(s.steps).toBe(3200);
      const e = s.evals['vs-scripted-25'];
      expect(e.captureRate).toBeGreaterThanOrEqual(0);
      expect(e.captureRate).toBeLessThanOrEqual(1);
      expect(s.evals['vs-scripted-300'].predatorsOutShare).toBeGreaterThanOrEqual(0);
      // evaluated: the best validated snapshot, here the only one (the run's end), so the last one's numbers match
      expect([s.policy, s.policyStep]).toEqual(['best.json', 3200]);
      expect(s.finalEvals).toEqual(s.evals);
    }
    const rates = r.seeds.map((s: { evals: Record<string, { captureRate: number }> }) => s.evals['vs-scripted-25'].captureRate);
    expect(r.summary['vs-scripted-25'].captureRate.mean).toBeCloseTo((rates[0] + rates[1]) / 2, 3);
    // the runs carry the task's settings
    const run = JSON.parse(readFileSync(join(dir, 'seed-2', 'run.json'), 'utf8'));
    expect(run.command).toMatch(/--opponents scripted\+scripted\+scripted\+random:prey --value-norm/);
    // a second call trains nothing and reports the same numbers
    const again = spawnSync('node', args, { encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).seeds).toEqual(r.seeds);
    // another budget never reuses (and never mixes in) these runs
    const other = spawnSync('node', [ARENA, 'bench', 'learn', '--task', 'tag-predators', '--seeds', '2', '--steps', '6400', '--out', dir, '--json'], {
      encoding: 'utf8',
    });
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/bench learn --out.*--steps 3200 --seed 1.*choose another --out/);
  }, 240_000);
});
