import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { ArenaInputError } from '../../src/sim/errors';

/**
 * The inputs a probe of the command line found breaking it (crashes, hangs, silent corruption, unreadable
 * messages), each kept as a regression case: a named error (exit 2) within seconds, no replaced or corrupt file.
 */
const ARENA = resolve(__dirname, '../../bin/arena.js');
const POLICY = resolve(__dirname, '../../assets/policies/tag-prey.json');
const SMALL = ['--scenario', 'spread', '--n', '1', '--algo', 'shared', '--envs', '4', '--rollout', '25', '--minibatches', '2', '--quiet'];
/** Runs the CLI; a hang fails the test (20 s, the probe's limit) instead of stalling the suite. */
const arena = (...args: string[]) => spawnSync('node', [ARENA, ...args], { encoding: 'utf8', timeout: 20_000 });
const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

/** Every case exits 2 with its message, never a stack trace, and within the time limit. */
function expectNamed(cases: [string[], RegExp][]): void {
  for (const [args, message] of cases) {
    const r = arena(...args);
    expect(r.signal, `${args.join(' ')} hung`).toBeNull();
    expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
    expect(r.stderr.length, 'a message one can read').toBeLessThan(1000);
  }
}

/**
 * The same, run in this process (no node start-up per case): for inputs refused before any blocking read,
 * so a regression cannot hang the suite. Pipes and /proc stay in `expectNamed`'s child processes.
 */
async function expectNamedHere(cases: [string[], RegExp][]): Promise<void> {
  for (const [args, message] of cases) {
    let err: unknown;
    try {
      await main(args);
    } catch (e) {
      err = e;
    }
    expect(err, args.join(' ')).toBeInstanceOf(ArenaInputError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message.length, 'a message one can read').toBeLessThan(1000);
  }
}

describe('arena parity on broken reference data', () => {
  it('a garbage, null or folder manifest, bad file lists and unreadable trajectories are named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-parity-'));
    mkdirSync(join(dir, 'traj'));
    const manifest = join(dir, 'manifest.json');
    const cases: [string, RegExp][] = [
      ['garbage', /parity manifest\.json: got ".*manifest\.json"; it is truncated or not JSON/],
      ['null', /parity manifest\.json: got null; allowed: \{"files"/],
      ['{"files": null}', /^parity FAILED: 0 of 0/m],
      ['{"files": "x"}', /parity manifest\.json files: got "x"; allowed: a list/],
      ['{"files": [null]}', /files\[0\]: got null/],
      [
        '{"files": [{"path": "../../etc/passwd", "kind": "trajectory"}]}',
        /files\[0\]\.path: got "\.\.\/\.\.\/etc\/passwd"; allowed: a relative path inside the folder/,
      ],
      ['{"files": [{"path": "traj/a.json", "kind": "trajectory", "sha256": 5}]}', /files\[0\]\.sha256: got 5/],
    ];
    for (const [text, message] of cases) {
      writeFileSync(manifest, text);
      const r = arena('parity', dir);
      expect(r.signal, text).toBeNull();
      expect(`${r.stderr}${r.stdout}`, text).toMatch(message);
      expect(r.stderr, text).not.toMatch(/internal error/);
    }
    // a listed trajectory that is a folder or a named pipe fails its own entry (a pipe would block the read)
    writeFileSync(manifest, '{"files": [{"path": "traj/a.json", "kind": "trajectory"}, {"path": "traj/b.json", "kind": "trajectory"}]}');
    mkdirSync(join(dir, 'traj', 'a.json'));
    mkfifo(join(dir, 'traj', 'b.json'));
    const r = arena('parity', dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL traj\/a\.json[^\n]*\n[^\n]*it is a folder/);
    expect(r.stdout).toMatch(/FAIL traj\/b\.json[^\n]*\n[^\n]*it is a named pipe/);
    // the manifest itself a pipe or a folder
    const other = mkdtempSync(join(tmpdir(), 'arena-parity-'));
    mkfifo(join(other, 'manifest.json'));
    expectNamed([[['parity', other], /parity manifest\.json: got ".*"; it is a named pipe/]]);
    const folder = mkdtempSync(join(tmpdir(), 'arena-parity-'));
    mkdirSync(join(folder, 'manifest.json'));
    expectNamed([
      [['parity', folder], /it is a folder/],
      [['parity', manifest], /parity <dir>: got ".*manifest\.json"; it is a file/],
    ]);
  });
});

describe('arena plot on long and broken runs', () => {
  it('draws a 300,000-iteration run (no argument spreading) and names bad rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-plot-'));
    mkdirSync(join(dir, 'long'));
    const rows = Array.from({ length: 300_000 }, (_, i) => `{"step":${i * 1600},"meanReturn":${-30 + i * 1e-4}}`);
    writeFileSync(join(dir, 'long', 'metrics.jsonl'), `${rows.join('\n')}\n`);
    const ok = arena('plot', join(dir, 'long'), '--out', join(dir, 'long.svg'));
    expect(ok.status, ok.stderr).toBe(0);
    const svg = readFileSync(join(dir, 'long.svg'), 'utf8');
    expect(svg).toMatch(/>400M</); // the x axis reaches the last steps
    expect(svg.length).toBeLessThan(200_000); // thinned to what a picture shows
    const bad: [string, RegExp][] = [
      ['{"step":"5","meanReturn":1}', /metrics\.jsonl line 1: step: got "5"; allowed: an integer from 0/],
      ['{"step":null,"meanReturn":1}', /line 1: step: got null/],
      ['{"step":-5e300,"meanReturn":1}', /line 1: step: got -5e\+300/],
      ['null', /line 1: got null; allowed: a JSON object/],
      ['{"step":3,"meanReturn":"high"}', /line 1: meanReturn: got "high"; allowed: a number up to 1000000000000000 in magnitude, or null/],
      // a value too large to draw (a constant 1e16 once looped forever in the axis ticks)
      ['{"step":3,"meanReturn":1e16}', /line 1: meanReturn: got 10000000000000000/],
      ['{"step":3000,"meanReturn":1}', /line 2: step: got 1600; allowed: more than 3000, the step of the row before/],
      // a bad line in the middle is named; only a last line without its newline is a row cut short by a kill
      [`[${'['.repeat(100)}${']'.repeat(100)}]`, /line 1: got .*it nests deeper than 64 levels/],
    ];
    mkdirSync(join(dir, 'flat'));
    writeFileSync(join(dir, 'flat', 'metrics.jsonl'), '{"step":1600,"meanReturn":1e15}\n{"step":3200,"meanReturn":1e15}\n{"step":4800,"meanRet');
    const flat = arena('plot', join(dir, 'flat'), '--out', join(dir, 'flat.svg'));
    expect(flat.status, flat.stderr).toBe(0);
    expect(readFileSync(join(dir, 'flat.svg'), 'utf8')).not.toMatch(/NaN/);
    for (const [line, message] of bad) {
      mkdirSync(join(dir, 'bad'), { recursive: true });
      writeFileSync(join(dir, 'bad', 'metrics.jsonl'), `${line}\n{"step":1600,"meanReturn":2}\n`);
      await expectNamedHere([[['plot', join(dir, 'bad'), '--out', join(dir, 'bad.png')], message]]);
    }
  });
});

describe('outputs that must not be replaced', () => {
  it('ship never overwrites the checkpoint it copies (by path, link or hard link)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-ship-'));
    const ckpt = join(dir, 'checkpoint.json');
    copyFileSync(POLICY, ckpt);
    execFileSync('ln', [ckpt, join(dir, 'hard.json')]);
    const before = readFileSync(ckpt, 'utf8');
    await expectNamedHere([
      [['ship', ckpt, '--out', ckpt], /ship --out: got ".*checkpoint\.json"; it is the input checkpoint itself/],
      [['ship', ckpt, '--out', join(dir, '.', 'checkpoint.json')], /it is the input checkpoint itself/],
      [['ship', ckpt, '--out', join(dir, 'hard.json')], /it is the input checkpoint itself/],
    ]);
    expect(readFileSync(ckpt, 'utf8')).toBe(before);
  });

  it('record and analyze never write over a file they read; bench learn never removes files that are not its runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-inputs-'));
    const ckpt = join(dir, 'checkpoint.json');
    copyFileSync(POLICY, ckpt);
    const asReport = join(dir, 'analysis.json');
    copyFileSync(resolve(__dirname, '../../assets/policies/tag-predators-hard.json'), asReport);
    const before = [readFileSync(ckpt, 'utf8'), readFileSync(asReport, 'utf8')];
    mkdirSync(join(dir, 'bench', 'seed-1'), { recursive: true });
    writeFileSync(join(dir, 'bench', 'seed-1', 'notes.txt'), 'important notes');
    mkdirSync(join(dir, 'bench2'));
    writeFileSync(join(dir, 'bench2', 'seed-1'), 'a file');
    mkdirSync(join(dir, 'report', 'occupancy.png'), { recursive: true });
    await expectNamedHere([
      [['record', ckpt, '--out', ckpt, '--max-cycles', '5'], /record --out: got ".*checkpoint\.json"; it is .*checkpoint\.json, an input of this command/],
      [['record', '--scenario', 'tag', '--prey', ckpt, '--out', ckpt], /record --out: got .*an input of this command/],
      [['analyze', asReport, '--episodes', '1', '--out', dir], /analyze --out: got ".*analysis\.json"; it is .*an input of this command/],
      [
        ['bench', 'learn', '--task', 'spread3', '--seeds', '1', '--steps', '100', '--out', join(dir, 'bench')],
        /bench learn --out: got ".*seed-1"; it holds notes\.txt but no run\.json/,
      ],
      [
        ['bench', 'learn', '--task', 'spread3', '--seeds', '1', '--steps', '100', '--out', join(dir, 'bench2')],
        /bench learn --out: got ".*seed-1"; it is a file/,
      ],
      // a picture's place taken by a folder is found before anything is written
      [['analyze', POLICY, '--episodes', '1', '--out', join(dir, 'report')], /analyze --out: got ".*occupancy\.png"; it is a folder/],
    ]);
    expect([readFileSync(ckpt, 'utf8'), readFileSync(asReport, 'utf8')]).toEqual(before);
    expect(readFileSync(join(dir, 'bench', 'seed-1', 'notes.txt'), 'utf8')).toBe('important notes');
    expect(existsSync(join(dir, 'report', 'analysis.json'))).toBe(false);
  });

  it('record, plot and ship leave a named pipe a pipe; --out under /proc is refused at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-pipe-'));
    const pipe = join(dir, 'out.json');
    mkfifo(pipe);
    mkdirSync(join(dir, 'run'));
    writeFileSync(join(dir, 'run', 'metrics.jsonl'), '{"step":1600,"meanReturn":2}\n');
    const svgPipe = join(dir, 'curve.svg');
    mkfifo(svgPipe);
    expectNamed([
      [['record', '--scenario', 'tag', '--out', pipe], /record --out: got ".*out\.json"; it is a named pipe/],
      [['ship', POLICY, '--out', pipe], /ship --out: got .*it is a named pipe/],
      [['plot', join(dir, 'run'), '--out', svgPipe], /plot --out: got .*it is a named pipe/],
      [['analyze', POLICY, '--episodes', '1', '--out', '/proc/x'], /analyze --out: got "\/proc\/x"; it is in a kernel file system/],
      [['train', ...SMALL, '--steps', '100', '--out', '/proc/x'], /train --out: got "\/proc\/x"; it is in a kernel file system/],
      [['bench', 'learn', '--task', 'spread3', '--out', '/proc/x'], /bench learn --out: got "\/proc\/x"; it is in a kernel file system/],
      [['bench', 'learn', '--task', 'spread3', '--out', join(dir, 'run', 'metrics.jsonl')], /bench learn --out: got .*it is a file/],
      [['record', '--scenario', 'tag', '--max-cycles', '1000000', '--out', join(dir, 'r.json')], /record --max-cycles: got 1000000; allowed: at most 10000/],
      [['analyze', '--scenario', 'tag', '--episodes', '1'], /analyze <checkpoint>: got nothing.*allowed: a checkpoint file/],
    ]);
    expect(statSync(pipe).isFIFO()).toBe(true);
    expect(statSync(svgPipe).isFIFO()).toBe(true);
    expect(existsSync('/proc/x')).toBe(false);
  });
});

describe('checkpoints and messages', () => {
  it('a deeply nested checkpoint, null options and huge strings get short named errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-ckpt-'));
    const deep = join(dir, 'deep.json');
    writeFileSync(deep, `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    const shipped = JSON.parse(readFileSync(POLICY, 'utf8'));
    const write = (name: string, change: (c: Record<string, any>) => void) => {
      const c = structuredClone(shipped);
      change(c);
      writeFileSync(join(dir, name), JSON.stringify(c));
      return join(dir, name);
    };
    const nullOptions = write('null-options.json', (c) => (c.scenario.options = null));
    const hugeFormat = write('huge.json', (c) => (c.format = 'x'.repeat(2_000_000)));
    await expectNamedHere([
      [['eval', deep, '--episodes', '1'], /checkpoint: got ".*deep\.json"; it nests deeper than 64 levels/],
      [['ship', deep, '--out', join(dir, 's.json')], /ship <checkpoint>: got .*it nests deeper than 64 levels/],
      [['eval', nullOptions, '--episodes', '1'], /checkpoint\.scenario\.options: got null; allowed: an object of scenario options/],
      [['eval', hugeFormat, '--episodes', '1'], /checkpoint\.format: got "x{100}…" \(2,000,000 characters\)/],
      [['eval', '--seed', '9'.repeat(5000)], /eval --seed: got "9{100}…" \(5,000 characters\)/],
      [['train', ...SMALL, '--lr', '_', '--out', join(dir, 'r')], /train --lr: got "_"; allowed: a number/],
      [['eval', '--episodes', '0x10'], /eval --episodes: got "0x10"/],
      [['eval', '--scenario', 'spread', '--local-ratio', '1e-400'], /--local-ratio: got "1e-400"/],
      [
        ['eval', write('extra-key.json', (c) => (c.notes = 'mine')), '--episodes', '1'],
        /checkpoint\.notes: got "an unknown key"; allowed: only format, version/,
      ],
      [
        ['eval', write('box.json', (c) => (c.policies[0].actionSpace.type = 'Box')), '--episodes', '1'],
        /checkpoint\.policies\[0\]\.actionSpace: got \{"type":"Box"/,
      ],
      [
        ['train', '--stepz', '100'],
        /train --stepz: got "--stepz"; unknown flag; allowed: --steps \(did you mean it\?\), or the flags `arena train --help` lists/,
      ],
    ]);
  });
});

describe('a run killed early', () => {
  it('has a checkpoint within its first minute, so --resume works; a folder with metrics but no checkpoint restarts by --restart', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'arena-killed-')), 'run');
    // steps far apart as the default 250,000 are for a 200k run: only the clock saves one
    const args = ['train', ...SMALL, '--steps', '1e6', '--checkpoint-every', '1e9', '--checkpoint-minutes', '0.01', '--out', dir];
    const child = spawn('node', [ARENA, ...args], { stdio: 'ignore' });
    const ckpt = join(dir, 'checkpoint.json');
    for (let waited = 0; !existsSync(ckpt) && waited < 60_000; waited += 200) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(existsSync(ckpt)).toBe(true);
    const step = JSON.parse(readFileSync(ckpt, 'utf8')).step as number;
    const resumed = arena('train', '--out', dir, '--resume', '--steps', String(step + 200), '--quiet');
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).step).toBe(step + 200);

    // killed before any checkpoint: starting again names the way out, and --restart takes it
    const early = join(mkdtempSync(join(tmpdir(), 'arena-killed-')), 'run');
    mkdirSync(early);
    writeFileSync(join(early, 'metrics.jsonl'), '{"step":100,"meanReturn":-3}\n');
    expectNamed([
      [
        ['train', ...SMALL, '--steps', '100', '--out', early],
        /it already holds the metrics of a run that stopped before its first checkpoint; allowed: .*--restart/,
      ],
    ]);
    const restarted = arena('train', ...SMALL, '--steps', '100', '--out', early, '--restart');
    expect(restarted.status, restarted.stderr).toBe(0);
    expect(readFileSync(join(early, 'metrics.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(early, 'run.json'), 'utf8')).argv).toContain('--restart');
    // a resume of the restarted run does not carry --restart along; a temp file a kill left behind is cleared
    writeFileSync(join(early, 'checkpoint.json.tmp-999999'), '{"half":');
    const again = arena('train', '--out', early, '--resume', '--steps', '200');
    expect(again.status, again.stderr).toBe(0);
    expect(existsSync(join(early, 'checkpoint.json.tmp-999999'))).toBe(false);
    // a restart never removes the file it starts from
    const fromBest = join(mkdtempSync(join(tmpdir(), 'arena-killed-')), 'run');
    mkdirSync(fromBest);
    copyFileSync(join(early, 'final.json'), join(fromBest, 'best.json'));
    expectNamed([
      [['train', ...SMALL, '--steps', '100', '--out', fromBest], /it already holds best\.json of a run that stopped before its first checkpoint/],
      [
        ['train', ...SMALL, '--steps', '100', '--out', fromBest, '--restart', '--init', join(fromBest, 'best.json')],
        /train --out: got ".*best\.json"; it is .*best\.json, an input of this command/,
      ],
      [['train', ...SMALL, '--steps', '100', '--out', join(fromBest, 'w'), '--workers', '1000'], /train --workers: got "1000"|train --workers: got 1000/],
    ]);
    expect(existsSync(join(fromBest, 'best.json'))).toBe(true);
  }, 120_000);

  it('SIGTERM (a scheduler, a closing terminal) saves a checkpoint before stopping, as Ctrl-C does', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'arena-term-')), 'run');
    const child = spawn('node', [ARENA, 'train', ...SMALL, '--steps', '1e6', '--checkpoint-minutes', '0', '--out', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const metrics = join(dir, 'metrics.jsonl');
    for (let waited = 0; !(existsSync(metrics) && readFileSync(metrics, 'utf8').length > 0) && waited < 60_000; waited += 200)
      await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.once('exit', r));
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/stopping after this iteration and saving a checkpoint/);
    expect(JSON.parse(readFileSync(join(dir, 'checkpoint.json'), 'utf8')).step).toBeGreaterThan(0);
  }, 120_000);

  it('a resume state that would train NaN is refused, and the run folder is left as it was', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'arena-nan-')), 'run');
    expect(arena('train', ...SMALL, '--steps', '200', '--out', dir).status).toBe(0);
    const ckpt = join(dir, 'checkpoint.json');
    const c = JSON.parse(readFileSync(ckpt, 'utf8'));
    Object.values(c.training.optimizers as Record<string, { t: number }>)[0].t = -1;
    writeFileSync(ckpt, JSON.stringify(c));
    const files = ['checkpoint.json', 'final.json', 'metrics.jsonl'].map((f) => readFileSync(join(dir, f), 'utf8'));
    expectNamed([[['train', '--out', dir, '--resume', '--steps', '400'], /checkpoint\.training\.optimizers\.agent\.t: got -1/]]);
    expect(['checkpoint.json', 'final.json', 'metrics.jsonl'].map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(files);
  }, 60_000);
});
