import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkpointOf, readCheckpoint } from '../../src/agents/checkpoint';
import { restoreTrainer } from '../../src/agents/resume';
import { initTfNode } from '../../src/agents/tfNode';
import { Trainer } from '../../src/agents/trainer';
import { runParity } from '../../src/cli/parity';
import { plotCommand } from '../../src/cli/plot';
import { trainingOpponents } from '../../src/plugins/trainingOpponents';
import { resolvePPOConfig } from '../../src/agents/config';
import { HelpRequested, parseArgs } from '../../src/cli/args';
import { EVAL_FLAGS } from '../../src/cli/evalCommand';
import { TRAIN_FLAGS, trainConfigFromFlags } from '../../src/cli/train';
import { parseDeepLink } from '../../src/game/config/deepLink';
import { registerShippedPolicies } from '../../src/game/policies';
import { builtinControllers } from '../../src/plugins/registry';
import { ParallelEnv } from '../../src/sim/env';
import { ArenaInputError } from '../../src/sim/errors';

/**
 * Property-based fuzzing of every surface where input enters: whatever comes in, the answer is success or
 * a named ArenaInputError (never a TypeError, RangeError or hang), and a rejected call changes nothing.
 */
const RUNS = 1000;
// a fixed seed keeps CI deterministic; FUZZ_SEED=<n> explores other inputs (cases found so are added to
// the named tests, as in tests/agents/checkpointChecks.test.ts)
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261201) });
const SCENARIOS = ['simple_spread', 'simple_tag', 'simple_speaker_listener', 'simple_reference'];

/** Run `fn`; a thrown error must be an ArenaInputError; a call must finish within `ms`. */
function namedOrOk(fn: () => unknown, ms = 1000): 'ok' | 'refused' {
  const started = performance.now();
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (!(err instanceof ArenaInputError))
      throw new Error(`not a named error: ${(err as Error)?.constructor?.name}: ${(err as Error)?.message}`, { cause: err });
    expect(err.message).toMatch(/: got .*allowed: /s);
    return 'refused';
  } finally {
    expect(performance.now() - started).toBeLessThan(ms);
  }
}

/** Anything JSON or JavaScript can hand over, weighted towards the near-misses that matter. */
const hostile = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.integer({ min: -10, max: 10 }),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, 1e300, -0, 0.5, 4.999, '1', '', null, undefined, [], {}, [0, 1, 0, 0, 0], [NaN]),
  fc.constantFrom('toString', 'constructor', '__proto__', 'hasOwnProperty'),
);

describe('fuzz: env actions and options', () => {
  it('step: any action dict is applied or refused whole, leaving the world as it was', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCENARIOS),
        fc.boolean(),
        fc.dictionary(fc.oneof(fc.constantFrom('agent_0', 'agent_1', 'adversary_0', 'speaker_0', 'listener_0', 'toString', '__proto__'), fc.string()), hostile),
        (scenario, continuous, actions) => {
          const env = new ParallelEnv(scenario, { continuous_actions: continuous });
          env.reset({ seed: 1 });
          const before = JSON.stringify(env.worldState());
          const result = namedOrOk(() => env.step(actions as never));
          if (result === 'refused') expect(JSON.stringify(env.worldState())).toBe(before);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('options: any option object builds a scenario or is refused by name', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCENARIOS),
        fc.dictionary(
          fc.oneof(
            fc.constantFrom('N', 'num_good', 'num_adversaries', 'num_obstacles', 'max_cycles', 'local_ratio', 'continuous_actions', 'toString', 'constructor'),
            fc.string(),
          ),
          hostile,
        ),
        (scenario, options) => {
          namedOrOk(() => new ParallelEnv(scenario, options as never));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('reset and world states: any argument resets or is refused', () => {
    fc.assert(
      fc.property(hostile, fc.record({ p_pos: hostile, p_vel: hostile, t: hostile }, { requiredKeys: [] }), (args, state) => {
        const env = new ParallelEnv('simple_spread');
        namedOrOk(() => env.reset(args as never));
        env.reset({ seed: 2 });
        const before = JSON.stringify(env.worldState());
        if (namedOrOk(() => env.loadWorldState({ ...env.worldState(), ...(state as object) } as never)) === 'refused')
          expect(JSON.stringify(env.worldState())).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });
});

// a plain shared policy, and a talking team with a view limit (actor.comm, observation.viewRadius/viewGroups)
describe.each(['spread-n3-shared.json', 'spread-n5-comm.json'])('fuzz: checkpoint files (%s)', (file) => {
  const shipped = readFileSync(resolve(__dirname, '../../assets/policies', file), 'utf8');
  /** Every path to a value inside a JSON document. */
  const paths = (v: unknown, at: (string | number)[] = []): (string | number)[][] =>
    v && typeof v === 'object' ? [at, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, Array.isArray(v) ? Number(k) : k]))] : [at];
  const allPaths = paths(JSON.parse(shipped)).filter((p) => p.length > 0);

  it('a checkpoint with any value replaced anywhere loads or is refused by name', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allPaths), hostile, (path, value) => {
        const c = JSON.parse(shipped);
        let node = c;
        for (const k of path.slice(0, -1)) node = node[k];
        node[path[path.length - 1]] = value;
        namedOrOk(() => readCheckpoint(c));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('a checkpoint with a key added to any object (prototype names included) loads or is refused by name', () => {
    const objects = [[], ...allPaths].filter((p) => {
      let node = JSON.parse(shipped);
      for (const k of p) node = node[k];
      return node && typeof node === 'object' && !Array.isArray(node);
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...objects),
        fc.constantFrom('toString', '__proto__', 'constructor', 'valueOf', 'extra', 'training'),
        hostile,
        (path, key, value) => {
          const c = JSON.parse(shipped);
          let node = c;
          for (const k of path) node = node[k];
          Object.defineProperty(node, key, { value, enumerable: true, configurable: true, writable: true });
          namedOrOk(() => readCheckpoint(c));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a checkpoint with a key removed anywhere loads or is refused by name', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allPaths), (path) => {
        const c = JSON.parse(shipped);
        let node = c;
        for (const k of path.slice(0, -1)) node = node[k];
        if (Array.isArray(node)) node.splice(Number(path[path.length - 1]), 1);
        else delete node[path[path.length - 1]];
        namedOrOk(() => readCheckpoint(c));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('fuzz: deep links', () => {
  const registry = builtinControllers();
  registerShippedPolicies(registry);
  const keys = fc.constantFrom(
    'scenario',
    'mode',
    'difficulty',
    'seed',
    'speed',
    'predators',
    'prey',
    'agents',
    'n',
    'steps',
    'num_obstacles',
    'renderer',
    'toString',
    '__proto__',
    '',
  );
  const values = fc.oneof(
    fc.string(),
    fc.constantFrom('tag', 'spread', 'play', 'watch', 'hard', '-1', '1e9', 'NaN', '%ZZ', 'ppo-tag-predators', 'human', 'x'.repeat(5000)),
  );

  it('any query string gives a setup (or the menu) and a list of messages, never an exception', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keys, values), { maxLength: 8 }), (pairs) => {
        const search = `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
        const link = parseDeepLink(search, registry);
        expect(Array.isArray(link.errors)).toBe(true);
        if (link.setup) {
          expect(SCENARIOS).toContain(link.setup.scenario);
          for (const id of Object.values(link.setup.controllers)) expect(registry.has(id)).toBe(true);
          expect(Number.isSafeInteger(link.setup.seed)).toBe(true);
        }
        // every message stays short enough for a banner, whatever the link held
        for (const e of link.errors) expect(e.length).toBeLessThan(700);
      }),
      { numRuns: RUNS },
    );
  });

  it('a key given twice is never used silently: its values are named in a message', () => {
    fc.assert(
      fc.property(keys, values, values, fc.array(fc.tuple(keys, values), { maxLength: 4 }), (key, a, b, rest) => {
        fc.pre(key !== '');
        const pairs = [[key, a], ...rest, [key, b]];
        const link = parseDeepLink(`?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`, registry);
        expect(link.errors.join('\n')).toContain(key);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('fuzz: resume state', () => {
  // tag predators against a scripted+random prey mix: optimizer, generators, opponents and envs all saved
  const config = { numEnvs: 2, numSteps: 25, numMinibatches: 1, updateEpochs: 1, totalSteps: 4000, seed: 3, valueNorm: true };
  const make = () => new Trainer({ scenario: 'tag', algo: 'shared', config, fixedRoles: trainingOpponents('simple_tag', {}, 'scripted+random:prey', 2, 3) });
  let saved = '';
  let paths: (string | number)[][] = [];
  beforeAll(async () => {
    await initTfNode();
    const t = make();
    t.trainIteration();
    saved = JSON.stringify(checkpointOf(t, true));
    t.dispose();
    const all = (v: unknown, at: (string | number)[]): (string | number)[][] =>
      v && typeof v === 'object' ? [at, ...Object.entries(v).flatMap(([k, x]) => all(x, [...at, Array.isArray(v) ? Number(k) : k]))] : [at];
    paths = [['step'], ['iteration'], ...all(JSON.parse(saved).training, ['training'])];
  }, 60_000);

  it('a resume state with any value replaced is refused by name leaving the trainer as it was, or trains on finite', () => {
    fc.assert(
      fc.property(fc.nat(), hostile, (pick, value) => {
        const path = paths[pick % paths.length];
        const c = JSON.parse(saved);
        let node = c;
        for (const k of path.slice(0, -1)) node = node[k];
        node[path[path.length - 1]] = value;
        const t = make();
        const before = JSON.stringify({ ...checkpointOf(t, true), created: '' });
        try {
          const outcome = namedOrOk(() => {
            const { ckpt, policies } = readCheckpoint(c);
            restoreTrainer(t, ckpt, policies);
          });
          if (outcome === 'refused') expect(JSON.stringify({ ...checkpointOf(t, true), created: '' })).toBe(before);
          else expect(() => t.trainIteration()).not.toThrow(); // no NaN reaches the weights
        } finally {
          t.dispose();
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});

describe('fuzz: files the command line reads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'arena-fuzz-files-'));
  const line = fc.oneof(
    hostile.map((v) => JSON.stringify(v) ?? 'undefined'),
    fc.record({ step: hostile, meanReturn: hostile }).map((r) => JSON.stringify(r)),
    fc.string(),
    fc.constantFrom('{"step":1600,"meanReturn":-3}', '{"step":3200}', 'null', '[]', '{', '{"step":1e400}'),
  );

  it('any metrics.jsonl plots or is refused by name (a row, its line and its field)', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), fc.boolean(), (lines, endNewline) => {
        const run = mkdtempSync(join(dir, 'run-'));
        writeFileSync(join(run, 'metrics.jsonl'), lines.join('\n') + (endNewline ? '\n' : ''));
        namedOrOk(() => plotCommand([run, '--out', join(run, 'curve.svg')]), 2000);
      }),
      { numRuns: 300 },
    );
  });

  it('any manifest.json and trajectory give a parity report or a named error', () => {
    const entry = fc.oneof(
      hostile,
      fc.record({
        path: fc.oneof(fc.constantFrom('traj/a.json', 'spec/s.json', '../a.json', '/etc/passwd', 'traj', ''), fc.string(), hostile),
        kind: fc.oneof(fc.constantFrom('trajectory', 'spec'), hostile),
        sha256: fc.oneof(fc.constant(undefined), fc.constant('0'.repeat(64)), hostile),
      }),
    );
    const manifest = fc.oneof(
      hostile.map((v) => JSON.stringify(v) ?? ''),
      fc.record({ files: fc.oneof(fc.array(entry, { maxLength: 3 }), hostile) }).map((m) => JSON.stringify(m)),
    );
    fc.assert(
      fc.property(manifest, fc.oneof(hostile, fc.record({ env: hostile, steps: hostile })), (text, trajectory) => {
        const ref = mkdtempSync(join(dir, 'ref-'));
        mkdirSync(join(ref, 'traj'));
        mkdirSync(join(ref, 'spec'));
        writeFileSync(join(ref, 'manifest.json'), text);
        writeFileSync(join(ref, 'traj', 'a.json'), JSON.stringify(trajectory) ?? '');
        writeFileSync(join(ref, 'spec', 's.json'), JSON.stringify(trajectory) ?? '');
        namedOrOk(() => runParity(ref), 2000);
      }),
      { numRuns: 300 },
    );
  });
});

describe('fuzz: command-line flags', () => {
  const names = fc.constantFrom(...Object.keys(TRAIN_FLAGS), ...Object.keys(EVAL_FLAGS), 'help', 'no-value-norm', 'bogus');
  const token = fc.oneof(
    names.map((n) => `--${n}`),
    names.map((n) => `-${n}`),
    fc.tuple(names, fc.string()).map(([n, v]) => `--${n}=${v}`),
    fc.constantFrom('3', '-1', '1e9', '2_000_000', 'NaN', 'Infinity', '0x10', '', 'spread', 'tag', 'shared', 'scripted:prey', 'human:prey', '--'),
    fc.string(),
  );

  it('any argument list parses into settings the trainer accepts, or is refused by name', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 10 }), (argv) => {
        try {
          const { flags } = parseArgs('train', argv, TRAIN_FLAGS);
          namedOrOk(() => resolvePPOConfig(trainConfigFromFlags(flags) as never));
        } catch (err) {
          if (err instanceof HelpRequested) return;
          if (!(err instanceof ArenaInputError)) throw err;
        }
      }),
      { numRuns: RUNS },
    );
  });
});
