import { ArenaInputError } from '../sim/errors';
import { allowedValues, isAllowed, type ValueSpec } from '../sim/valueSpec';

/**
 * Every PPO setting in one place: its CLI flag, type, range, default and help. The config type, the
 * defaults, `arena train`'s flags and help, and the validation of configs from anywhere (CLI, the page's
 * train panel, a checkpoint being resumed) all derive from this table. Names follow CleanRL's `ppo.py`
 * where one exists.
 */
export type SettingSpec = ValueSpec & { flag: string; default: number | boolean | string };

export const PPO_SETTINGS = {
  numEnvs: { flag: 'envs', type: 'int', default: 64, min: 1, max: 4096, doc: 'parallel envs (vector env copies stepped together)' },
  numSteps: { flag: 'rollout', type: 'int', default: 25, min: 1, max: 100_000, doc: 'steps per env per rollout (a rollout holds envs x rollout env steps)' },
  totalSteps: { flag: 'steps', type: 'int', default: 2_000_000, min: 1, max: 1e12, doc: 'total env steps over all envs (2e6 works)' },
  learningRate: { flag: 'lr', type: 'number', default: 7e-4, min: 0, max: 1, doc: 'Adam learning rate' },
  annealLr: { flag: 'anneal-lr', type: 'bool', default: true, doc: 'anneal the learning rate linearly to 0 over the run' },
  gamma: { flag: 'gamma', type: 'number', default: 0.99, min: 0, max: 1, doc: 'discount factor' },
  gaeLambda: { flag: 'gae-lambda', type: 'number', default: 0.95, min: 0, max: 1, doc: 'GAE lambda' },
  numMinibatches: {
    flag: 'minibatches',
    type: 'int',
    // one minibatch and two epochs: a gradient costs about 3.5 ms of engine overhead plus 5.5 us per row,
    // so few large ones give 2.6x the samples per second of 2 x 5, and spread N=3 learns as well per
    // minute (docs/benchmarks.md, "Training throughput")
    default: 1,
    min: 1,
    max: 4096,
    doc: "minibatches per epoch, over all of a policy's samples of the rollout",
  },
  updateEpochs: { flag: 'epochs', type: 'int', default: 2, min: 1, max: 1000, doc: 'PPO epochs per rollout' },
  normAdv: { flag: 'norm-adv', type: 'bool', default: true, doc: 'normalise advantages per minibatch' },
  clipCoef: { flag: 'clip-coef', type: 'number', default: 0.2, min: 0, max: 10, doc: 'PPO ratio clipping' },
  clipVloss: { flag: 'clip-vloss', type: 'bool', default: true, doc: 'clip the value update around the old values, as PPO2 does' },
  entCoef: { flag: 'ent-coef', type: 'number', default: 0.01, min: 0, max: 10, doc: 'entropy bonus' },
  vfCoef: { flag: 'vf-coef', type: 'number', default: 0.5, min: 0, max: 100, doc: 'value loss weight' },
  maxGradNorm: { flag: 'max-grad-norm', type: 'number', default: 0.5, min: 0, max: 1e6, doc: 'gradient clipping (actor and critic separately)' },
  hidden: { flag: 'hidden', type: 'int', default: 64, min: 1, max: 4096, doc: 'width of both hidden layers of the actor and the critic' },
  activation: {
    flag: 'activation',
    type: 'string',
    default: 'relu',
    choices: ['relu', 'tanh'],
    doc: "hidden-layer activation (ReLU, MAPPO's default, runs several times faster on wasm than tanh)",
  },
  agentId: { flag: 'agent-id', type: 'bool', default: false, doc: "append a one-hot agent id to shared policies' inputs (actor and critic)" },
  agentSpecificState: { flag: 'agent-state', type: 'bool', default: false, doc: "mappo: the critic's global state starts with the agent's own observation" },
  huberDelta: { flag: 'huber', type: 'number', default: 0, min: 0, max: 1e6, doc: 'Huber value loss with this delta (MAPPO: 10); 0 for squared error' },
  valueNorm: { flag: 'value-norm', type: 'bool', default: true, doc: "the critic learns returns normalised by running statistics (MAPPO's ValueNorm)" },
  valueNormBeta: {
    flag: 'value-norm-beta',
    type: 'number',
    default: 0.995,
    min: 0.9,
    max: 0.999999,
    doc: "with --value-norm: decay of the normaliser's running statistics per update (MAPPO: 0.99999; closer to 1 moves slower)",
  },
  sortEntities: {
    flag: 'sort-entities',
    type: 'bool',
    default: false,
    doc: "list each agent's interchangeable entities (spread's landmarks and other agents) nearest first in the policy input (kept in the checkpoint)",
  },
  diversity: {
    flag: 'diversity',
    type: 'number',
    default: 0,
    min: 0,
    max: 0.95,
    doc: "a team's shared actor gets a per-agent part scaled so that the agents' action distributions differ by this much on the same observations (mean total variation, 0 to 1: DiCo's set-point; 0.1: some, 0.3: much); 0: one shared actor",
  },
  comm: {
    flag: 'comm',
    type: 'int',
    default: 0,
    min: 0,
    max: 64,
    doc: "a learned team channel of this many numbers per agent per step: each agent encodes its observation into a message and reads the mean of its teammates' messages beside its own observation, the encoder learning through the team's joint forward pass (CommNet/DIAL style); teams of 2 or more sharing an actor (shared, mappo, comm); 0: silent",
  },
  commEncoder: {
    flag: 'comm-encoder',
    type: 'string',
    default: 'learned',
    choices: ['learned', 'fixed'],
    doc: 'with --comm: learned (gradients reach the encoder through the teammates that read it) or fixed (the encoder keeps its random initial weights, messages carry no gradient: the comparison)',
  },
  viewRadius: {
    flag: 'view-radius',
    type: 'number',
    default: 0,
    min: 0,
    max: 100,
    doc: "not PettingZoo: the learning team's agents see only entities within this distance (farther landmarks and agents are zeroed in their policy input; spread and tag), so messages can carry what others cannot see; kept in the checkpoint; 0: full view",
  },
  normObs: { flag: 'norm-obs', type: 'bool', default: false, doc: 'normalise inputs with running mean and variance (kept in the checkpoint)' },
  // On by default: without it 3 tag predators sharing one team reward collapse (docs/training.md).
  shaping: {
    flag: 'shaping',
    type: 'number',
    default: 3,
    min: 0,
    max: 1000,
    doc: "training aid: weight of potential-based reward shaping gamma*phi(s') - phi(s) (tag predators: phi = minus the distance to the nearest prey); logged returns and evaluation stay on PettingZoo's reward; 0: off",
  },
  surround: {
    flag: 'surround',
    type: 'number',
    default: 0,
    min: 0,
    max: 100,
    doc: "training aid (tag predators, with --shaping): each predator's shaping potential gains this times how well the team surrounds the prey (1 - largest angular gap / 360 deg), a team term that pays for closing the open side; potential-based, so the best policies are unchanged; 0: off",
  },
  boundaryWeight: {
    flag: 'boundary-weight',
    type: 'number',
    default: 1,
    min: 0,
    max: 100,
    doc: "training aid (tag and world_comm prey): the boundary penalty counts this many times in the training reward; logged returns and evaluation stay on PettingZoo's reward; 1: off",
  },
  shareReward: {
    flag: 'share-reward',
    type: 'bool',
    default: false,
    doc: "training aid: every agent learns from its team's mean reward in each step (MAPPO's share_reward); logged returns and evaluation stay on PettingZoo's reward",
  },
  shapingAnneal: { flag: 'shaping-anneal', type: 'bool', default: false, doc: 'fade the shaping weight linearly to 0 over the run' },
  warmStartSteps: {
    flag: 'warm-start',
    type: 'int',
    default: 0,
    min: 0,
    max: 1e12,
    doc: 'training aid: for the first N env steps the actor imitates the scripted controller (DAgger-style: the policy acts, the scripted controller labels its states; the critic learns meanwhile), then PPO takes over',
  },
  teacher: {
    flag: 'teacher',
    type: 'string',
    default: 'scripted',
    choices: ['scripted', 'lookahead'],
    doc: 'with --warm-start: the built-in controller the actors imitate (lookahead: tag prey that plan ahead; tag prey only)',
  },
  teacherTemperature: {
    flag: 'teacher-temperature',
    type: 'number',
    default: 0,
    min: 0,
    max: 100,
    doc: "with --teacher lookahead: label each state with a move drawn from a softmax of the planner's move values over this temperature (reward units) instead of its best move; 0: the best move",
  },
  curriculumStart: {
    flag: 'curriculum',
    type: 'number',
    default: 1,
    min: 0.05,
    max: 1,
    doc: "training aid (tag): the scenario's hard part (the prey's acceleration and top speed) starts at this fraction, growing linearly to the full rules; 1: off",
  },
  curriculumSteps: {
    flag: 'curriculum-steps',
    type: 'int',
    default: 0,
    min: 0,
    max: 1e12,
    doc: 'env steps until the curriculum reaches the full rules (0: the whole run)',
  },
  entCoefEnd: {
    flag: 'ent-coef-end',
    type: 'number',
    default: -1,
    min: -1,
    max: 10,
    doc: 'entropy schedule: the bonus moves linearly from --ent-coef to this over the run (negative: constant --ent-coef)',
  },
  seed: { flag: 'seed', type: 'int', default: 1, min: 0, max: 2 ** 31, doc: 'seed of envs, initial weights and sampling' },
} as const satisfies Record<string, SettingSpec>;

type SettingValue<S> = S extends { type: 'bool' } ? boolean : S extends { type: 'string'; choices: readonly (infer C)[] } ? C : number;

/** Every PPO setting's value (see `PPO_SETTINGS` for what each means). */
export type PPOConfig = { -readonly [K in keyof typeof PPO_SETTINGS]: SettingValue<(typeof PPO_SETTINGS)[K]> };

/**
 * The defaults: MAPPO's batch shape (many envs, short rollouts, few large minibatches) with value
 * normalisation, the settings every learning task (`arena bench learn`) trains with, and about 30% faster
 * than CleanRL's 16 x 50 with 4 x 4 minibatches on this backend (docs/benchmarks.md).
 */
export const DEFAULT_PPO: PPOConfig = Object.fromEntries(Object.entries(PPO_SETTINGS).map(([k, spec]) => [k, spec.default])) as PPOConfig;

/** Defaults overlaid with `given`; unknown keys and out-of-range values throw a named error. */
export function resolvePPOConfig(given: Partial<Record<string, unknown>> = {}): PPOConfig {
  const out = { ...DEFAULT_PPO } as Record<string, unknown>;
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(PPO_SETTINGS, key))
      throw new ArenaInputError(`config.${key}`, value, `one of ${Object.keys(PPO_SETTINGS).join(', ')}`, 'unknown setting');
    const spec: SettingSpec = PPO_SETTINGS[key as keyof PPOConfig];
    if (!isAllowed(spec, value)) throw new ArenaInputError(`config.${key}`, value, allowedValues(spec));
    out[key] = value;
  }
  return out as unknown as PPOConfig;
}
