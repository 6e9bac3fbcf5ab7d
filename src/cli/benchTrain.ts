import { DEFAULT_PPO } from '../agents/config';
import { initTfNode } from '../agents/tfNode';
import { WorkerGradients } from '../agents/workerGradients';
import { ALGOS, Trainer, type Algo } from '../agents/trainer';
import { scenarioEntry } from '../sim/scenarios';
import { trainingOpponents } from '../plugins/trainingOpponents';
import { LEARN_TASKS } from './benchLearn';
import { TRAIN_FLAGS, trainConfigFromFlags } from './train';
import { parseArgs, type FlagSpec } from './args';
import { scenarioFlag, scenarioOptionsFromFlags, SCENARIO_SIZE_FLAGS } from './scenarioFlags';

export const BENCH_TRAIN_FLAGS: Record<string, FlagSpec> = {
  scenario: scenarioFlag(),
  ...SCENARIO_SIZE_FLAGS,
  algo: { type: 'string', default: 'shared', choices: ALGOS, doc: 'independent, shared, mappo, comm or competitive (tag)' },
  seconds: { type: 'number', default: 20, min: 1, max: 3600, doc: 'measure for about this long (whole iterations)' },
  envs: { type: 'int', default: DEFAULT_PPO.numEnvs, min: 1, max: 4096, doc: 'parallel envs' },
  rollout: { type: 'int', default: DEFAULT_PPO.numSteps, min: 1, max: 100_000, doc: 'steps per env per rollout' },
  minibatches: { type: 'int', default: DEFAULT_PPO.numMinibatches, min: 1, max: 4096, doc: 'minibatches per epoch' },
  epochs: { type: 'int', default: DEFAULT_PPO.updateEpochs, min: 1, max: 1000, doc: 'PPO epochs per rollout' },
  workers: { type: 'int', min: 0, max: 64, doc: 'gradient worker threads besides the main one (default 0, as arena train)' },
  diversity: {
    type: 'number',
    default: 0,
    min: 0,
    max: 100,
    doc: "a team's diversity set-point (as arena train --diversity): the cost of the per-agent parts",
  },
  comm: { type: 'int', default: 0, min: 0, max: 64, doc: "numbers per message of a team channel (as arena train --comm): the channel's cost" },
  'view-radius': { type: 'number', default: 0, min: 0, max: 100, doc: 'the learning team sees this far (as arena train --view-radius; spread, tag)' },
  task: {
    type: 'string',
    choices: Object.keys(LEARN_TASKS),
    doc: 'measure the settings a learning task (arena bench learn) trains with, opponents included; the other flags are then ignored',
  },
  json: { type: 'bool', doc: 'print JSON only' },
};

/** Rollout + update throughput of the default training configuration (or the given one), after one warm-up iteration. */
export async function benchTrain(argv: string[]): Promise<string> {
  const { flags } = parseArgs('bench train', argv, BENCH_TRAIN_FLAGS);
  const scenario = scenarioEntry(flags.scenario as string).id;
  const init = await initTfNode();
  let trainer: Trainer;
  const task = flags.task as string | undefined;
  if (task) {
    // exactly what the task's training runs use, through arena train's own flag table
    const { flags: t } = parseArgs(`bench train --task ${task}`, LEARN_TASKS[task].train, TRAIN_FLAGS);
    const taskScenario = scenarioEntry(t.scenario as string).id;
    const options = scenarioOptionsFromFlags(taskScenario, t);
    const config = { ...trainConfigFromFlags(t), totalSteps: 1e12, seed: 1 };
    const fixedRoles = t.opponents ? trainingOpponents(taskScenario, options, t.opponents as string, config.numEnvs!, 1) : undefined;
    trainer = new Trainer({ scenario: taskScenario, options, algo: t.algo as Algo, config, fixedRoles });
  } else {
    trainer = new Trainer({
      scenario,
      options: scenarioOptionsFromFlags(scenario, flags),
      algo: flags.algo as Algo,
      config: {
        numEnvs: flags.envs as number,
        numSteps: flags.rollout as number,
        numMinibatches: flags.minibatches as number,
        updateEpochs: flags.epochs as number,
        diversity: flags.diversity as number,
        comm: flags.comm as number,
        viewRadius: flags['view-radius'] as number,
        totalSteps: 1e12,
        seed: 1,
      },
    });
  }
  const workers = (flags.workers as number | undefined) ?? 0;
  if (workers > 0) trainer.useGradients(await WorkerGradients.start(trainer, workers));
  trainer.trainIteration();
  let seconds = 0;
  let updateSeconds = 0;
  let envSteps = 0;
  let agentSamples = 0;
  while (seconds < (flags.seconds as number)) {
    const m = trainer.trainIteration();
    seconds += m.seconds;
    updateSeconds += m.seconds * m.updateShare;
    envSteps += trainer.cfg.numEnvs * trainer.cfg.numSteps;
    agentSamples += m.agentSamplesPerSec * m.seconds;
  }
  await trainer.disposeAsync();
  const result = {
    task: task ?? null,
    algo: trainer.algo,
    scenario: trainer.scenarioId,
    options: trainer.options,
    backend: init.backend,
    envs: trainer.cfg.numEnvs,
    rollout: trainer.cfg.numSteps,
    epochs: trainer.cfg.updateEpochs,
    minibatches: trainer.cfg.numMinibatches,
    workers,
    seconds: Number(seconds.toFixed(2)),
    agentSamplesPerSec: Math.round(agentSamples / seconds),
    envStepsPerSec: Math.round(envSteps / seconds),
    updateShare: Number((updateSeconds / seconds).toFixed(3)),
  };
  return flags.json ? JSON.stringify(result) : JSON.stringify(result, null, 1);
}
