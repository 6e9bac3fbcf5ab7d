import { ArenaInputError } from '../sim/errors';
import { NonFiniteError } from '../sim/json';
import { scenarioEntry } from '../sim/scenarios';
import { HelpRequested, parseArgs, usageOf, type FlagSpec } from './args';
import { benchEnv } from './benchEnv';
import { scenarioFlag, scenarioOptionsFromFlags, SCENARIO_SIZE_FLAGS } from './scenarioFlags';
import { formatParity, runParity } from './parity';
import { evalCommand, EVAL_FLAGS } from './evalCommand';
import { trainCommand, TRAIN_FLAGS } from './train';
import { benchTrain, BENCH_TRAIN_FLAGS } from './benchTrain';
import { plotCommand, PLOT_FLAGS } from './plot';
import { shipCommand, SHIP_FLAGS } from './ship';
import { benchLearn, BENCH_LEARN_FLAGS, LEARN_TASKS } from './benchLearn';
import { analyzeCommand, ANALYZE_FLAGS } from './analyzeCommand';
import { serveEnvCommand, SERVE_ENV_FLAGS } from './serveEnv';
import { clipCommand, CLIP_FLAGS, recordCommand, RECORD_FLAGS } from './recordCommand';

const PARITY_FLAGS: Record<string, FlagSpec> = {
  json: { type: 'bool', doc: 'print a machine-readable summary' },
};

const BENCH_ENV_FLAGS: Record<string, FlagSpec> = {
  scenario: scenarioFlag(),
  ...SCENARIO_SIZE_FLAGS,
  envs: { type: 'int', default: 1, min: 1, max: 4096, doc: 'copies stepped together (vector env)' },
  seconds: { type: 'number', default: 3, min: 0.1, max: 600, doc: 'measuring time' },
  api: { type: 'string', default: 'vector', choices: ['vector', 'parallel'], doc: 'flat vector env, or the PettingZoo-style dict API' },
  json: { type: 'bool', doc: 'print JSON only' },
};

function out(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** One `arena` command: how it is called, what it does, its flags (for `arena help`) and how it runs. */
interface Command {
  usage: string;
  summary: string;
  flags?: Record<string, FlagSpec>;
  /** The exit code. */
  run(args: string[]): number | Promise<number>;
}

const printing =
  (f: (args: string[]) => string | Promise<string>) =>
  async (args: string[]): Promise<number> => {
    out(await f(args));
    return 0;
  };

/** Every command, in the order `arena help` lists them; the help is made from this table. */
const COMMANDS: Record<string, Command> = {
  parity: {
    usage: 'arena parity <dir> [--json]',
    summary:
      'Replay every recorded PettingZoo episode in <dir> (manifest.json, spec/, traj/) and compare observations, rewards, flags and world state after every step. Exits 1 on any error above tolerance.',
    flags: PARITY_FLAGS,
    run: (args) => {
      const { positional, flags } = parseArgs('parity', args, PARITY_FLAGS, 1);
      if (positional.length !== 1) throw new ArenaInputError('parity <dir>', positional, 'exactly one folder, e.g. ../shared/mpe-reference');
      const report = runParity(positional[0]);
      out(flags.json ? JSON.stringify(report, null, 1) : formatParity(report));
      return report.ok ? 0 : 1;
    },
  },
  'bench env': {
    usage: 'arena bench env --scenario spread [--n 3] [--envs 1] [--seconds 3] [--api vector|parallel] [--json]',
    summary: 'Random-action throughput of the world (env steps/s and agent steps/s).',
    flags: BENCH_ENV_FLAGS,
    run: printing((args) => {
      const { flags } = parseArgs('bench env', args, BENCH_ENV_FLAGS);
      const scenario = scenarioEntry(flags.scenario as string).id;
      const options = scenarioOptionsFromFlags(scenario, flags);
      const result = benchEnv(scenario, options, flags.envs as number, flags.seconds as number, flags.api as 'vector' | 'parallel');
      return flags.json ? JSON.stringify(result) : JSON.stringify(result, null, 1);
    }),
  },
  eval: {
    usage: 'arena eval [<checkpoint>] [--scenario tag] [--controller scripted] [--predators random] [--episodes 100] [--seed 0] [--deterministic] [--json]',
    summary:
      "Play whole episodes headless (a checkpoint's teams, built-in controllers or checkpoint files per team) and report per-team mean return with a 95% CI and the scenario's own measures.",
    flags: EVAL_FLAGS,
    run: printing(evalCommand),
  },
  analyze: {
    usage: 'arena analyze <checkpoint> [--episodes 100] [--prey scripted] [--deterministic] [--out <folder>] [--json]',
    summary:
      "Behaviour of trained teams: tag predators' roles, encirclement and specialisation; spread's landmark assignments; what speaker-listener's symbols mean and whether the listener follows a misleading one.",
    flags: ANALYZE_FLAGS,
    run: printing(analyzeCommand),
  },
  record: {
    usage: 'arena record [<checkpoint>] --out episode.json [--gif clip.gif] [--seed 0] [--prey scripted] [--max-cycles 100]',
    summary: 'Record one episode to a trajectory file that replays exactly (in the page, or with the parity check).',
    flags: RECORD_FLAGS,
    run: printing(recordCommand),
  },
  'serve-env': {
    usage: 'arena serve-env',
    summary:
      'The env over stdin/stdout, one JSON object per line (make, reset, step, close), for other languages: scripts/arena_env.py is a PettingZoo-shaped ParallelEnv on it.',
    flags: SERVE_ENV_FLAGS,
    run: serveEnvCommand,
  },
  clip: {
    usage: 'arena clip <recording.json> --out clip.gif',
    summary: "A recorded episode (the page's Record button or arena record) as an animated GIF, drawn as the game draws it.",
    flags: CLIP_FLAGS,
    run: printing(clipCommand),
  },
  train: {
    usage: 'arena train --scenario spread --n 3 --algo shared --steps 2e6 --seed 1 --out runs/spread-shared [--resume]',
    summary: 'PPO in TensorFlow.js (wasm): progress line, metrics.jsonl/.csv, atomic checkpoints, Ctrl-C saves.',
    flags: TRAIN_FLAGS,
    run: trainCommand,
  },
  plot: {
    usage: 'arena plot runs/a runs/b [--metric meanReturn] [--band] [--out compare.png]',
    summary: 'Learning curves of runs side by side (PNG and SVG).',
    flags: PLOT_FLAGS,
    run: printing(plotCommand),
  },
  ship: {
    usage: 'arena ship <checkpoint> --out assets/policies/NAME.json',
    summary: 'Copy a checkpoint without its resume-only state, for the game to load.',
    flags: SHIP_FLAGS,
    run: printing(shipCommand),
  },
  'bench train': {
    usage: 'arena bench train --scenario spread --n 3 --algo shared [--seconds 20] [--json]',
    summary: 'Training throughput (rollout + update) of a fixed-length run.',
    flags: BENCH_TRAIN_FLAGS,
    run: printing(benchTrain),
  },
  'bench learn': {
    usage: `arena bench learn --task ${Object.keys(LEARN_TASKS).join('|')} [--seeds 3] [--steps N] [--json]`,
    summary:
      "Train each seed with the task's default settings and budget, evaluate on held-out episodes (deterministic), print per-seed results with mean and spread, plot the curves.",
    flags: BENCH_LEARN_FLAGS,
    run: printing(benchLearn),
  },
};

/** `arena help`: every command's usage and summary, then its flags; made from `COMMANDS`. */
function help(): string {
  const wrap = (text: string) => text.replace(/(.{1,100})(\s+|$)/g, '      $1\n').trimEnd();
  const list = Object.values(COMMANDS).map((c) => `  ${c.usage}\n${wrap(c.summary)}`);
  const flags = Object.entries(COMMANDS).flatMap(([name, c]) => (c.flags ? [`${name} flags:\n${usageOf(c.flags)}`] : []));
  return ['arena — Particle Arena command line', '', ...list, '  arena help', '', ...flags].join('\n');
}

export function main(argv: string[]): number | Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    out(help());
    return 0;
  }
  if (first === 'bench') {
    const [what, ...args] = rest;
    const command = Object.hasOwn(COMMANDS, `bench ${what}`) ? COMMANDS[`bench ${what}`] : undefined;
    if (!command) throw new ArenaInputError('bench <what>', what, 'env, train or learn');
    return command.run(args);
  }
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!command) throw new ArenaInputError('command', first, `${[...new Set(Object.keys(COMMANDS).map((k) => k.split(' ')[0]))].join(', ')}, help`);
  return command.run(rest);
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (err) {
    if (err instanceof HelpRequested) {
      out(`arena ${err.command} flags:\n${err.usage}`);
      process.exitCode = 0;
      return;
    }
    if (err instanceof ArenaInputError) {
      process.stderr.write(`arena: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (err instanceof NonFiniteError) {
      process.stderr.write(`arena: stopped: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    // never rethrown: once tfjs has started, its uncaught-error handler would print pages of its own source
    const e = err as Error;
    process.stderr.write(`arena: internal error: ${e?.message ?? String(err)}\n${(e?.stack ?? '').split('\n').slice(1, 6).join('\n')}\n`);
    process.exitCode = 1;
  }
}
