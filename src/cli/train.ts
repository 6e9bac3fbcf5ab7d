import { appendFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { readMetricsRows } from './metricsFile';
import { join } from 'node:path';
import { WorkerGradients } from '../agents/workerGradients';
import { checkpointOf, initTrainerFrom } from '../agents/checkpoint';
import { restoreTrainer } from '../agents/resume';
import { loadCheckpointFile } from './checkpointFile';
import { checkOutputFolder, inputFiles, makeOutputFolder, readJsonFile, readTextFile, refuseOverwritingInputs, writeFileAtomic } from './files';
import { DEFAULT_PPO, PPO_SETTINGS, type PPOConfig, type SettingSpec } from '../agents/config';
import { initTfNode } from '../agents/tfNode';
import { ALGOS, Trainer, type Algo, type IterationMetrics } from '../agents/trainer';
import { ArenaInputError } from '../sim/errors';
import { SCENARIOS, scenarioEntry, type ScenarioDefinition } from '../sim/scenarios';
import { parseArgs, withSavedFlags, type FlagSpec } from './args';
import { builtinControllers } from '../plugins/registry';
import { registerCheckpointFiles } from './checkpointControllers';
import { trainingOpponents, warmStartTeachers } from '../plugins/trainingOpponents';
import { teamsOf } from '../plugins/teams';
import { scenarioFlag, scenarioOptionsFromFlags, SCENARIO_SIZE_FLAGS } from './scenarioFlags';
import { Validation } from './validation';
import { VALIDATION_SEED } from '../plugins/validate';

/** `arena train`'s flags for the PPO settings, derived from the one settings table (`PPO_SETTINGS`). */
function settingFlags(): Record<string, FlagSpec> {
  const out: Record<string, FlagSpec> = {};
  for (const spec of Object.values(PPO_SETTINGS) as SettingSpec[]) {
    // a switch left out stays undefined, so the settings table's default applies
    if (spec.type === 'bool') out[spec.flag] = { type: 'bool', doc: `${spec.doc}${spec.default ? ` (on by default; --no-${spec.flag} turns it off)` : ''}` };
    else out[spec.flag] = spec;
  }
  return out;
}

/** Env steps between validations unless `--validate-every` says otherwise. */
const DEFAULT_VALIDATE_EVERY = 100_000;

export const TRAIN_FLAGS: Record<string, FlagSpec> = {
  scenario: scenarioFlag(),
  ...SCENARIO_SIZE_FLAGS,
  algo: { type: 'string', default: 'shared', choices: ALGOS, doc: 'independent, shared, mappo, comm or competitive (tag)' },
  out: { type: 'string', doc: 'run folder (metrics, checkpoints)' },
  ...settingFlags(),
  'zero-messages': { type: 'bool', doc: 'comm ablation: agents receive all-zero messages' },
  opponents: {
    type: 'string',
    doc: 'teams played by fixed controllers instead of learning: scripted:prey, or a per-episode mix such as scripted+random:prey; a checkpoint file in the mix plays by its policy (most likely action), e.g. scripted+assets/policies/tag-prey.json:prey',
  },
  'checkpoint-every': { type: 'number', default: 250_000, min: 1, max: 1e12, doc: 'env steps between checkpoints' },
  'checkpoint-minutes': {
    type: 'number',
    default: 1,
    min: 0,
    max: 1e6,
    doc: 'also save a checkpoint when this many minutes passed since the last one, so a run killed early can resume (0: by steps only)',
  },
  'validate-every': {
    type: 'number',
    min: 0,
    max: 1e12,
    doc: `env steps between validations: the policy plays held-apart episodes (most likely actions, PettingZoo's reward) and the best snapshot is kept as best.json (default ${DEFAULT_VALIDATE_EVERY}; 0: off; off with --algo competitive)`,
  },
  'validate-episodes': { type: 'int', default: 100, min: 1, max: 100_000, doc: 'episodes per validation' },
  'validate-seed': { type: 'int', default: VALIDATION_SEED, min: 0, max: 2 ** 31, doc: 'seed of the first validation episode' },
  'validate-runoff': {
    type: 'int',
    default: 400,
    min: 0,
    max: 100_000,
    doc: 'at the end, when an earlier snapshot validated best, it and the last play this many fresh validation episodes and best.json keeps the winner (0: keep the best validation score)',
  },
  'validate-against': {
    type: 'string',
    doc: 'controllers that play the fixed teams in validation, each for --validate-episodes episodes, the score being their mean: e.g. scripted+random+assets/policies/tag-predators-hard.json (default: the first of the --opponents mix)',
  },
  resume: { type: 'bool', doc: 'continue from <out>/checkpoint.json' },
  restart: {
    type: 'bool',
    doc: 'start over in a run folder that holds metrics but no checkpoint (a run stopped before its first one), replacing its metrics',
  },
  init: {
    type: 'string',
    doc: 'start from the policies of a checkpoint or shipped policy file (weights and normalisers; settings, optimizer and counters start fresh), e.g. to fine-tune a policy trained elsewhere; same scenario sizes, algorithm, network and input layout',
  },
  workers: {
    type: 'int',
    min: 0,
    max: 64,
    doc: 'gradient worker threads besides the main one (default 0, so that a command gives one curve on any machine; with the default single minibatch one worker adds about 15% on spread N=3, see docs/benchmarks.md); the same seed and worker count give the same run',
  },
  quiet: { type: 'bool', doc: 'no progress line' },
};

const CSV_FIELDS = [
  'iteration',
  'step',
  'seconds',
  'envStepsPerSec',
  'agentSamplesPerSec',
  'updateShare',
  'learningRate',
  'entCoef',
  'difficulty',
  'meanReturn',
  'episodes',
  'coverage',
  'diversity',
  'pgLoss',
  'vLoss',
  'entropy',
  'approxKl',
  'clipFrac',
  'gradNorm',
  'valueMean',
  'valueStd',
] as const;

/** The PPO settings `arena train`'s flags (parsed with TRAIN_FLAGS) ask for. */
export function trainConfigFromFlags(flags: Record<string, unknown>): Partial<PPOConfig> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(PPO_SETTINGS)) if (flags[spec.flag] !== undefined) out[key] = flags[spec.flag];
  return out as Partial<PPOConfig>;
}

/** What a run writes in its folder. */
const RUN_FILES = ['run.json', 'metrics.jsonl', 'metrics.csv', 'checkpoint.json', 'final.json'];
/** A stopped run's results, which `--restart` removes with its metrics (a new run writes its own). */
const RESTART_REMOVES = ['best.json', 'warm-start.json', 'validation.jsonl'];

/** Env steps one rollout may hold: 64 x 25 is the default; a million is already a few GB for tag. */
const MAX_ROLLOUT_STEPS = 1_000_000;

function fmtTime(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}

/**
 * `--resume` continues a run with the flags it was started with (its run.json), so `arena train --out
 * runs/x --resume` is enough; flags given again win (a larger `--steps`), and other scenario flags than
 * the checkpoint's are still refused below. A folder without run.json (a branch from warm-start.json)
 * takes the flags as given.
 */
function resumedArgv(given: string[]): string[] {
  const { flags } = parseArgs('train', given, TRAIN_FLAGS);
  const runFile = typeof flags.out === 'string' ? join(flags.out, 'run.json') : '';
  if (!flags.resume || !runFile || !existsSync(runFile)) return given;
  const run = readJsonFile('train --resume', runFile, "the run's run.json as arena train wrote it", 1e6) as { argv?: unknown; command?: unknown } | null;
  // runs written before run.json kept the list have the command line only
  const saved = run?.argv ?? (typeof run?.command === 'string' ? run.command.split(' ').slice(2) : undefined);
  if (!Array.isArray(saved) || !saved.every((w) => typeof w === 'string'))
    throw new ArenaInputError('train --resume', runFile, "a run.json with the run's flags (argv: a list of words)");
  const argv = withSavedFlags(saved, given, TRAIN_FLAGS, ['out', 'resume', 'init', 'restart']);
  if (!flags.quiet) process.stderr.write(`resuming with the run's flags: arena train ${argv.join(' ')}\n`);
  return argv;
}

export async function trainCommand(given: string[]): Promise<number> {
  const argv = resumedArgv(given);
  const { flags } = parseArgs('train', argv, TRAIN_FLAGS);
  const out = flags.out as string | undefined;
  if (!out) throw new ArenaInputError('train --out', out, 'a run folder, e.g. runs/spread-shared');
  // every check before anything is written or started
  checkOutputFolder('train --out', out);
  if (flags.restart && flags.resume) throw new ArenaInputError('train --restart', true, 'nothing with --resume (it starts the run over)');
  const scenario = scenarioEntry(flags.scenario as string).id;
  const options = scenarioOptionsFromFlags(scenario, flags);
  const config = trainConfigFromFlags(flags);
  const ckptPath = join(out, 'checkpoint.json');
  const resumeData = flags.resume ? loadCheckpointFile(ckptPath, 'train --resume checkpoint') : null;
  if (!flags.resume && existsSync(ckptPath)) {
    throw new ArenaInputError('train --out', out, 'a new folder, or --resume to continue the run in it', 'it already holds a checkpoint');
  }
  const metricsPath = join(out, 'metrics.jsonl');
  const hasMetrics = existsSync(metricsPath) && readTextFile('train --out', metricsPath, 'a metrics.jsonl file', 1024 ** 3).trim() !== '';
  const results = RESTART_REMOVES.filter((f) => existsSync(join(out, f)));
  if (!flags.resume && !flags.restart && (hasMetrics || results.length)) {
    throw new ArenaInputError(
      'train --out',
      out,
      'a new folder; or --restart to start over in this one, replacing its metrics (it has no checkpoint, so nothing can be resumed)',
      `it already holds ${hasMetrics ? 'the metrics' : results.join(', ')} of a run that stopped before its first checkpoint`,
    );
  }
  // a file the run reads (--init, an opponent's policy) is never one it writes or a restart removes
  const written = [...RUN_FILES, ...RESTART_REMOVES].filter((f) => !(flags.resume && f === 'checkpoint.json')).map((f) => join(out, f));
  refuseOverwritingInputs('train --out', written, inputFiles([], { init: flags.init, opponents: flags.opponents, against: flags['validate-against'] }));
  const workerLimit = 4 * availableParallelism();
  if (((flags.workers as number | undefined) ?? 0) > workerLimit) {
    throw new ArenaInputError(
      'train --workers',
      flags.workers,
      `at most ${workerLimit} on this machine (${availableParallelism()} cores; each worker takes about a second to start)`,
    );
  }
  if (flags['validate-every'] !== undefined && flags['validate-every'] !== 0 && flags.algo === 'competitive') {
    throw new ArenaInputError(
      'train --validate-every',
      flags['validate-every'],
      '0 with --algo competitive (both sides learn: no fixed opponent to score against)',
    );
  }
  const hearsMessages = (s: ScenarioDefinition) => Object.keys(s.heard(s.create())).length > 0;
  if (flags['zero-messages'] && !hearsMessages(scenarioEntry(scenario))) {
    const speaking = Object.values(SCENARIOS).filter(hearsMessages);
    throw new ArenaInputError('train --zero-messages', scenario, `${speaking.map((s) => s.id).join(' or ')} (scenarios whose agents hear messages)`);
  }
  const perRollout = (config.numEnvs ?? DEFAULT_PPO.numEnvs) * (config.numSteps ?? DEFAULT_PPO.numSteps);
  if (perRollout > MAX_ROLLOUT_STEPS) {
    throw new ArenaInputError(
      'train --envs x --rollout',
      `${config.numEnvs} x ${config.numSteps} = ${perRollout}`,
      `at most ${MAX_ROLLOUT_STEPS} env steps per rollout (it is held in memory)`,
    );
  }

  const tfInfo = await initTfNode();
  // a resumed run keeps its own settings (and activation); only the step budget comes from the flags
  const resumeConfig = resumeData
    ? { ...resumeData.ckpt.config, activation: resumeData.policies[0].json.actor.activation, totalSteps: config.totalSteps }
    : null;
  const runConfig = resumeConfig ?? { ...DEFAULT_PPO, ...config };
  if (flags.opponents && flags.algo === 'competitive') {
    throw new ArenaInputError(
      'train --opponents',
      flags.opponents,
      'nothing with --algo competitive (both sides learn, each against past versions of the other)',
    );
  }
  if (flags.opponents) {
    const teams = teamsOf(scenario);
    const named = new Set((flags.opponents as string).split(/[,:]/).slice(1));
    if (teams.every((t) => named.has(t.name))) {
      throw new ArenaInputError(
        'train --opponents',
        flags.opponents,
        `at most ${teams.length - 1} of the teams ${teams.map((t) => t.name).join(', ')} (one team must learn)`,
      );
    }
  }
  // an --opponents mix may name checkpoint files: each plays by its policy's most likely action
  const registry = builtinControllers();
  if (flags.opponents) await registerCheckpointFiles(registry, (flags.opponents as string).split(/[,:]/)[0].split('+'), true);
  const fixedRoles = flags.opponents ? trainingOpponents(scenario, options, flags.opponents as string, runConfig.numEnvs, runConfig.seed, registry) : undefined;
  const against = flags['validate-against'] !== undefined ? (flags['validate-against'] as string).split('+') : undefined;
  if (against) {
    if (!fixedRoles)
      throw new ArenaInputError('train --validate-against', flags['validate-against'], 'nothing without --opponents (no team is played by a fixed controller)');
    await registerCheckpointFiles(registry, against, true);
    for (const id of against)
      for (const role of Object.keys(fixedRoles)) registry.check(id, scenario, role, 'train --validate-against', options as Record<string, number | boolean>);
  }
  if (runConfig.warmStartSteps > 0 && flags.algo === 'competitive') {
    throw new ArenaInputError('train --warm-start', runConfig.warmStartSteps, '0 with --algo competitive (self-play starts from scratch)');
  }
  if (flags.init !== undefined && flags.resume)
    throw new ArenaInputError('train --init', flags.init, 'nothing with --resume (a resumed run has its own weights)');
  if (flags.init !== undefined && runConfig.warmStartSteps > 0) {
    throw new ArenaInputError('train --init', flags.init, 'nothing with --warm-start (both choose where the policy starts)');
  }
  const initData = flags.init !== undefined ? loadCheckpointFile(flags.init as string) : null;
  const teachers = warmStartTeachers(scenario, options, runConfig, fixedRoles);
  const trainer = new Trainer({
    scenario,
    options,
    algo: flags.algo as Algo,
    config: resumeConfig ?? config,
    zeroMessages: Boolean(flags['zero-messages']),
    fixedRoles,
    teachers,
  });
  if (initData) initTrainerFrom(trainer, initData.ckpt, initData.policies);
  const workers = (flags.workers as number | undefined) ?? 0;
  if (workers > 0) trainer.useGradients(await WorkerGradients.start(trainer, workers));
  makeOutputFolder('train --out', out);
  // --restart: the stopped run's snapshots go with its metrics (its best.json scored a run that is gone)
  if (flags.restart) for (const name of RESTART_REMOVES) rmSync(join(out, name), { force: true });
  // temp files of writes cut short by a kill (their pid is gone): the real files are whole
  for (const f of readdirSync(out)) if (/\.tmp-\d+$/.test(f) && !f.endsWith(`.tmp-${process.pid}`)) rmSync(join(out, f), { force: true });
  const jsonl = join(out, 'metrics.jsonl');
  const csv = join(out, 'metrics.csv');
  if (resumeData) {
    for (const w of restoreTrainer(trainer, resumeData.ckpt, resumeData.policies)) process.stderr.write(`warning: ${w}\n`);
    // drop metrics written after the checkpoint, so the curve has no duplicate steps
    if (existsSync(jsonl)) {
      const kept = readMetricsRows(jsonl).filter((r) => r.step <= trainer.step);
      writeFileAtomic(jsonl, kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
      writeFileAtomic(csv, [CSV_FIELDS.join(','), ...kept.map((r) => csvRow(r))].map((l) => `${l}\n`).join(''));
    } else {
      // a checkpoint copied into a new folder (a branch from warm-start.json): its metrics start here
      writeFileAtomic(jsonl, '');
      writeFileAtomic(csv, `${CSV_FIELDS.join(',')}\n`);
    }
  } else {
    writeFileAtomic(jsonl, '');
    writeFileAtomic(csv, `${CSV_FIELDS.join(',')}\n`);
    writeFileAtomic(
      join(out, 'run.json'),
      JSON.stringify(
        {
          command: ['arena', 'train', ...argv].join(' '),
          argv,
          scenario,
          options,
          algo: flags.algo,
          config: trainer.cfg,
          init: initData ? { file: flags.init, step: initData.ckpt.step } : null,
          workers,
          backend: tfInfo.backend,
        },
        null,
        1,
      ),
    );
  }

  const validation = new Validation(
    out,
    {
      every: flags.algo === 'competitive' ? 0 : ((flags['validate-every'] as number | undefined) ?? DEFAULT_VALIDATE_EVERY),
      episodes: flags['validate-episodes'] as number,
      seed: flags['validate-seed'] as number,
      opponents: flags.opponents as string | undefined,
      against,
      runoffEpisodes: flags['validate-runoff'] as number,
    },
    registry,
    trainer.step,
  );
  let savedAt = performance.now();
  const save = (name = 'checkpoint.json') => {
    writeFileAtomic(join(out, name), JSON.stringify(checkpointOf(trainer)));
    if (name === 'checkpoint.json') savedAt = performance.now();
  };
  const minutes = flags['checkpoint-minutes'] as number;
  let stop = false;
  const onSigint = () => {
    if (stop) process.exit(130);
    stop = true;
    process.stderr.write('\nstopping after this iteration and saving a checkpoint (Ctrl-C again to quit at once)\n');
  };
  // Ctrl-C, and a polite kill (SIGTERM: a scheduler, a closing terminal), both save before stopping
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  const tty = process.stderr.isTTY && !flags.quiet;
  const every = flags['checkpoint-every'] as number;
  let nextCheckpoint = Math.floor(trainer.step / every) * every + every;
  const started = performance.now();
  const startStep = trainer.step;
  let last: IterationMetrics | null = null;
  try {
    while (!trainer.done && !stop) {
      // let signal handlers run between iterations (the iteration itself is synchronous)
      await new Promise((done) => setImmediate(done));
      if (stop) break;
      const before = trainer.step;
      const m = trainer.trainIteration();
      last = m;
      // the imitation's result, kept apart: PPO starts from it, and it is a policy worth comparing
      const ws = trainer.cfg.warmStartSteps;
      if (ws > 0 && before < ws && trainer.step >= ws) save('warm-start.json');
      appendFileSync(jsonl, `${JSON.stringify(m)}\n`);
      appendFileSync(csv, `${csvRow(m)}\n`);
      validation.maybeRun(trainer);
      if (trainer.step >= nextCheckpoint) {
        save();
        nextCheckpoint += every;
      } else if (minutes > 0 && performance.now() - savedAt >= minutes * 60_000) save();
      if (!flags.quiet) {
        const total = trainer.numIterations * trainer.cfg.numEnvs * trainer.cfg.numSteps;
        const frac = Math.min(1, trainer.step / total);
        const rate = (trainer.step - startStep) / ((performance.now() - started) / 1000);
        const bar = '#'.repeat(Math.round(frac * 20)).padEnd(20, '-');
        const cov =
          (m.coverage !== undefined ? `  coverage ${(100 * m.coverage).toFixed(0)}%` : '') +
          (m.diversity !== undefined ? `  diversity ${m.diversity.toFixed(2)}` : '');
        const line = `[${bar}] ${(100 * frac).toFixed(0)}%  ${trainer.step}/${total} steps  ${Math.round(m.agentSamplesPerSec)} samples/s  return ${m.meanReturn.toFixed(2)}${cov}  ETA ${fmtTime((total - trainer.step) / rate)}`;
        if (tty) process.stderr.write(`\r${line}`);
        else if (m.iteration % 10 === 0 || trainer.done) process.stderr.write(`${line}\n`);
      }
    }
    save();
    if (trainer.done) save('final.json');
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    await trainer.disposeAsync();
  }
  if (tty) process.stderr.write('\n');
  const summary = {
    out,
    step: trainer.step,
    iterations: trainer.iteration,
    finished: trainer.done,
    lastReturn: last?.meanReturn ?? null,
    minutes: (performance.now() - started) / 60000,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  if (stop) process.stderr.write(`stopped at step ${trainer.step}; checkpoint saved in ${ckptPath} (continue with --resume)\n`);
  return 0;
}

function csvRow(m: Partial<IterationMetrics>): string {
  return CSV_FIELDS.map((f) => {
    const v = m[f];
    return v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? '' : String(v);
  }).join(',');
}
