import { ArenaInputError } from '../sim/errors';
import { scenarioEntry } from '../sim/scenarios';
import { HelpRequested, parseArgs, usageOf, type FlagSpec } from './args';
import { benchEnv } from './benchEnv';
import { scenarioOptionsFromFlags, SCENARIO_SIZE_FLAGS } from './scenarioFlags';
import { formatParity, runParity } from './parity';
import { evalCommand, EVAL_FLAGS } from './evalCommand';
import { trainCommand, TRAIN_FLAGS } from './train';
import { benchTrain, BENCH_TRAIN_FLAGS } from './benchTrain';
import { plotCommand, PLOT_FLAGS } from './plot';
import { shipCommand } from './ship';
import { benchLearn } from './benchLearn';
import { analyzeCommand } from './analyzeCommand';
import { recordCommand } from './recordCommand';

const HELP = `arena — Particle Arena command line

  arena parity <dir> [--json]
      Replay every recorded PettingZoo episode in <dir> (manifest.json, spec/, traj/) and compare
      observations, rewards, flags and world state after every step. Exits 1 on any error above tolerance.
  arena bench env --scenario spread [--n 3] [--envs 1] [--seconds 3] [--api vector|parallel] [--json]
      Random-action throughput of the world (env steps/s and agent steps/s).
  arena eval --scenario tag [--controller scripted] [--predators random] [--episodes 100] [--seed 0] [--json]
      Play whole episodes headless with built-in controllers (one per team, or --controller for all) and
      report per-team mean return with a 95% CI, plus coverage/collisions (spread) or touches (tag).
  arena train --scenario spread --n 3 --algo shared --steps 2e6 --seed 1 --out runs/spread-shared [--resume]
      PPO in TensorFlow.js (wasm): progress line, metrics.jsonl/.csv, atomic checkpoints, Ctrl-C saves.
  arena eval <checkpoint> [--episodes 100] [--deterministic] [--json]
      Evaluate a trained checkpoint (its teams; others scripted unless --<team> says otherwise).
  arena analyze <checkpoint> [--episodes 100] [--prey scripted] [--deterministic] [--json]
      Behaviour of trained teams: tag predators' roles (chaser, flanker, cutter), encirclement and
      specialisation; spread's landmark assignments and switches; what speaker-listener's symbols mean
      and whether the listener follows a misleading one.
  arena record [<checkpoint>] --out episode.json [--seed 0] [--prey scripted] [--max-cycles 100]
      Record one episode to a trajectory file that replays exactly (in the page, or with the parity check).
  arena plot runs/a runs/b [--metric meanReturn] [--out compare.png]
      Learning curves of runs side by side (PNG and SVG).
  arena ship <checkpoint> --out assets/policies/NAME.json
      Copy a checkpoint without its resume-only state, for the game to load.
  arena bench train --scenario spread --n 3 --algo shared [--seconds 20] [--json]
      Training throughput (rollout + update) of a fixed-length run.
  arena bench learn --task tag-predators|tag-prey|spread3|spread5|spread10|speaker-listener|reference [--seeds 3] [--steps N] [--json]
      Train each seed with the task's default settings and budget, evaluate on held-out episodes
      (deterministic), print per-seed results with mean and spread, plot the curves.
  arena help
`;

const PARITY_FLAGS: Record<string, FlagSpec> = {
  json: { type: 'bool', doc: 'print a machine-readable summary' },
};

const BENCH_ENV_FLAGS: Record<string, FlagSpec> = {
  scenario: { type: 'string', default: 'spread', doc: 'spread, tag, speaker_listener, reference, simple, adversary, crypto, push or world_comm' },
  ...SCENARIO_SIZE_FLAGS,
  envs: { type: 'int', default: 1, min: 1, max: 4096, doc: 'copies stepped together (vector env)' },
  seconds: { type: 'number', default: 3, min: 0.1, max: 600, doc: 'measuring time' },
  api: { type: 'string', default: 'vector', choices: ['vector', 'parallel'], doc: 'flat vector env, or the PettingZoo-style dict API' },
  json: { type: 'bool', doc: 'print JSON only' },
};

function out(text: string): void {
  process.stdout.write(`${text}\n`);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'parity': {
      const { positional, flags } = parseArgs('parity', rest, PARITY_FLAGS, 1);
      if (positional.length !== 1) throw new ArenaInputError('parity <dir>', positional, 'exactly one folder, e.g. ../shared/mpe-reference');
      const report = runParity(positional[0]);
      out(flags.json ? JSON.stringify(report, null, 1) : formatParity(report));
      return report.ok ? 0 : 1;
    }
    case 'train':
      return trainCommand(rest);
    case 'ship':
      out(shipCommand(rest));
      return 0;
    case 'plot':
      out(plotCommand(rest));
      return 0;
    case 'bench': {
      const [what, ...benchArgs] = rest;
      if (what === 'train') {
        out(await benchTrain(benchArgs));
        return 0;
      }
      if (what === 'learn') {
        out(await benchLearn(benchArgs));
        return 0;
      }
      if (what !== 'env') throw new ArenaInputError('bench <what>', what, 'env, train or learn');
      const { flags } = parseArgs('bench env', benchArgs, BENCH_ENV_FLAGS);
      const scenario = scenarioEntry(flags.scenario as string).id;
      const result = benchEnv(
        scenario,
        scenarioOptionsFromFlags(scenario, flags),
        flags.envs as number,
        flags.seconds as number,
        flags.api as 'vector' | 'parallel',
      );
      out(flags.json ? JSON.stringify(result) : `${JSON.stringify(result, null, 1)}`);
      return 0;
    }
    case 'eval':
      out(await evalCommand(rest));
      return 0;
    case 'analyze':
      out(await analyzeCommand(rest));
      return 0;
    case 'record':
      out(await recordCommand(rest));
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      out(HELP);
      out(
        `parity flags:\n${usageOf(PARITY_FLAGS)}\n\nbench env flags:\n${usageOf(BENCH_ENV_FLAGS)}\n\neval flags:\n${usageOf(EVAL_FLAGS)}\n\ntrain flags:\n${usageOf(TRAIN_FLAGS)}\n\nplot flags:\n${usageOf(PLOT_FLAGS)}\n\nbench train flags:\n${usageOf(BENCH_TRAIN_FLAGS)}`,
      );
      return 0;
    default:
      throw new ArenaInputError('command', command, 'parity, bench, eval, analyze, record, train, plot, ship, help');
  }
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
    // never rethrown: once tfjs has started, its uncaught-error handler would print pages of its own source
    const e = err as Error;
    process.stderr.write(`arena: internal error: ${e?.message ?? String(err)}\n${(e?.stack ?? '').split('\n').slice(1, 6).join('\n')}\n`);
    process.exitCode = 1;
  }
}
