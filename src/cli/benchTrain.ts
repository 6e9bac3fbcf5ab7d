import { initTfNode } from '../agents/tfNode';
import { ALGOS, Trainer, type Algo } from '../agents/trainer';
import { scenarioEntry } from '../sim/scenarios';
import { parseArgs, type FlagSpec } from './args';
import { scenarioOptionsFromFlags, SCENARIO_SIZE_FLAGS } from './scenarioFlags';

export const BENCH_TRAIN_FLAGS: Record<string, FlagSpec> = {
  scenario: { type: 'string', default: 'spread', doc: 'spread, tag, speaker_listener or reference' },
  ...SCENARIO_SIZE_FLAGS,
  algo: { type: 'string', default: 'shared', choices: ALGOS, doc: 'independent, shared, mappo, comm or competitive (tag)' },
  seconds: { type: 'number', default: 20, min: 1, max: 3600, doc: 'measure for about this long (whole iterations)' },
  envs: { type: 'int', default: 16, min: 1, max: 4096, doc: 'parallel envs' },
  rollout: { type: 'int', default: 50, min: 1, max: 100_000, doc: 'steps per env per rollout' },
  json: { type: 'bool', doc: 'print JSON only' },
};

/** Rollout + update (4 epochs) throughput, after one warm-up iteration. */
export async function benchTrain(argv: string[]): Promise<string> {
  const { flags } = parseArgs('bench train', argv, BENCH_TRAIN_FLAGS);
  const scenario = scenarioEntry(flags.scenario as string).id;
  const init = await initTfNode();
  const trainer = new Trainer({
    scenario,
    options: scenarioOptionsFromFlags(flags),
    algo: flags.algo as Algo,
    config: { numEnvs: flags.envs as number, numSteps: flags.rollout as number, numMinibatches: 4, updateEpochs: 4, totalSteps: 1e12, seed: 1 },
  });
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
  trainer.dispose();
  const result = {
    algo: flags.algo,
    scenario,
    options: trainer.options,
    backend: init.backend,
    envs: trainer.cfg.numEnvs,
    rollout: trainer.cfg.numSteps,
    epochs: trainer.cfg.updateEpochs,
    seconds: Number(seconds.toFixed(2)),
    agentSamplesPerSec: Math.round(agentSamples / seconds),
    envStepsPerSec: Math.round(envSteps / seconds),
    updateShare: Number((updateSeconds / seconds).toFixed(3)),
  };
  return flags.json ? JSON.stringify(result) : JSON.stringify(result, null, 1);
}
