import { ArenaInputError } from '../sim/errors';

/**
 * Every PPO hyperparameter in one place, with the defaults the trainers use. Names follow CleanRL's
 * `ppo.py` where one exists.
 */
export interface PPOConfig {
  /** Vector env copies stepped together. */
  numEnvs: number;
  /** Steps per env per rollout; a rollout holds numEnvs * numSteps env steps. */
  numSteps: number;
  /** Total env steps (over all copies) to train for. */
  totalSteps: number;
  learningRate: number;
  /** Linearly anneal the learning rate to 0 over the run. */
  annealLr: boolean;
  gamma: number;
  gaeLambda: number;
  /** Minibatches per epoch, over all of a policy's samples of the rollout. */
  numMinibatches: number;
  updateEpochs: number;
  normAdv: boolean;
  clipCoef: number;
  /** Clip the value update around the old values, as PPO2 does. */
  clipVloss: boolean;
  entCoef: number;
  vfCoef: number;
  maxGradNorm: number;
  /** Width of both hidden layers of the actor and the critic. */
  hidden: number;
  /** Hidden-layer activation. ReLU (MAPPO's default) runs several times faster on wasm than tanh. */
  activation: 'relu' | 'tanh';
  /** Append a one-hot of the agent's index within its policy to the actor (and critic) input. */
  agentId: boolean;
  /** MAPPO: the critic's global state starts with the agent's own observation (then the others', cyclic). */
  agentSpecificState: boolean;
  /** Huber value loss with this delta (MAPPO uses 10); 0: squared error. */
  huberDelta: number;
  /** The critic learns returns normalised by running statistics (MAPPO's ValueNorm). */
  valueNorm: boolean;
  /** Normalise inputs with running mean and variance (kept in the checkpoint). */
  normObs: boolean;
  /**
   * Training aid: weight of the scenario's potential-based shaping `gamma * phi(s') - phi(s)` added to the
   * training reward (tag predators: phi = minus the distance to the nearest prey). Logged returns and
   * every evaluation stay on PettingZoo's reward. 0 turns it off; scenarios without a potential ignore it.
   * On by default: without it 3 tag predators sharing one team reward collapse (docs/training.md).
   */
  shaping: number;
  /** Fade the shaping weight linearly towards 0 over the run (as the learning rate), so the last updates see almost only PettingZoo's reward. */
  shapingAnneal: boolean;
  /**
   * Training aid: for the first this many env steps the actor learns to imitate the scripted controller
   * (cross-entropy to its action) instead of the PPO objective, DAgger-style: the policy acts, the scripted
   * controller only labels the states it reaches. The critic learns the policy's returns meanwhile, so
   * PPO takes over with a critic that knows the policy. 0: off.
   */
  warmStartSteps: number;
  /**
   * Training aid, a curriculum: the scenario's hard part starts at this fraction of its strength and grows
   * linearly to PettingZoo's rules (1) by `curriculumSteps` (tag: the prey's acceleration and top speed).
   * 1: off. Evaluation always uses PettingZoo's rules.
   */
  curriculumStart: number;
  /** Env steps over which the curriculum reaches PettingZoo's rules; 0: over the whole run. */
  curriculumSteps: number;
  /** Entropy coefficient at the end of the run; the bonus moves linearly from `entCoef` to it. Negative: constant `entCoef`. */
  entCoefEnd: number;
  seed: number;
}

/**
 * MAPPO's batch shape (many envs, short rollouts, few large minibatches) with value normalisation: the
 * settings every learning task (`arena bench learn`) trains with, and about 30% faster than CleanRL's
 * 16 x 50 with 4 x 4 minibatches on this backend (docs/benchmarks.md).
 */
export const DEFAULT_PPO: PPOConfig = {
  numEnvs: 64,
  numSteps: 25,
  totalSteps: 2_000_000,
  learningRate: 7e-4,
  annealLr: true,
  gamma: 0.99,
  gaeLambda: 0.95,
  numMinibatches: 2,
  updateEpochs: 5,
  normAdv: true,
  clipCoef: 0.2,
  clipVloss: true,
  entCoef: 0.01,
  vfCoef: 0.5,
  maxGradNorm: 0.5,
  hidden: 64,
  activation: 'relu',
  agentId: false,
  huberDelta: 0,
  agentSpecificState: false,
  valueNorm: true,
  normObs: false,
  shaping: 3,
  shapingAnneal: false,
  warmStartSteps: 0,
  curriculumStart: 1,
  curriculumSteps: 0,
  entCoefEnd: -1,
  seed: 1,
};

type Range = [number, number, 'int' | 'number'];
const RANGES: Partial<Record<keyof PPOConfig, Range>> = {
  numEnvs: [1, 4096, 'int'],
  numSteps: [1, 100_000, 'int'],
  totalSteps: [1, 1e12, 'int'],
  learningRate: [0, 1, 'number'],
  gamma: [0, 1, 'number'],
  gaeLambda: [0, 1, 'number'],
  numMinibatches: [1, 4096, 'int'],
  updateEpochs: [1, 1000, 'int'],
  clipCoef: [0, 10, 'number'],
  entCoef: [0, 10, 'number'],
  vfCoef: [0, 100, 'number'],
  maxGradNorm: [0, 1e6, 'number'],
  hidden: [1, 4096, 'int'],
  shaping: [0, 1000, 'number'],
  huberDelta: [0, 1e6, 'number'],
  warmStartSteps: [0, 1e12, 'int'],
  curriculumStart: [0.05, 1, 'number'],
  curriculumSteps: [0, 1e12, 'int'],
  entCoefEnd: [-1, 10, 'number'],
  seed: [0, 2 ** 31, 'int'],
};

/** Defaults overlaid with `given`; unknown keys and out-of-range values throw a named error. */
export function resolvePPOConfig(given: Partial<Record<string, unknown>> = {}): PPOConfig {
  const out = { ...DEFAULT_PPO } as Record<string, unknown>;
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(DEFAULT_PPO, key)) throw new ArenaInputError(`config.${key}`, value, `one of ${Object.keys(DEFAULT_PPO).join(', ')}`, 'unknown setting');
    const def = DEFAULT_PPO[key as keyof PPOConfig];
    if (key === 'activation') {
      if (value !== 'relu' && value !== 'tanh') throw new ArenaInputError('config.activation', value, 'relu or tanh');
    } else if (typeof def === 'boolean') {
      if (typeof value !== 'boolean') throw new ArenaInputError(`config.${key}`, value, 'true or false');
    } else {
      const [min, max, kind] = RANGES[key as keyof PPOConfig]!;
      const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (kind === 'number' || Number.isInteger(value));
      if (!ok) throw new ArenaInputError(`config.${key}`, value, `${kind === 'int' ? 'an integer' : 'a number'} from ${min} to ${max}`);
    }
    out[key] = value;
  }
  return out as unknown as PPOConfig;
}
