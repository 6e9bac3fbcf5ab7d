import { ArenaInputError } from '../sim/errors';
import { findNonFinite, NonFiniteError } from '../sim/json';
import { scenarioEntry } from '../sim/scenarios';
import { base64ToF32, f32ToBase64 } from './base64';
import { resolvePPOConfig, type PPOConfig } from './config';
import { CommActor } from './commActor';
import { DiverseActor } from './diverseActor';
import type { DenseWeights } from './mlp';
import type { TrainingPolicy } from './trainingPolicy';
import type { NormJson } from './runningStats';
import { ALGOS, type Algo } from './algorithms';
import type { Trainer } from './trainer';
import { ValueNorm } from './valueNorm';
import type { VectorEnvState } from '../sim/vectorEnv';
import type { EntityGroup } from '../sim/scenario';

/** The checkpoint format: see docs/checkpoint-format.md. */
export const CHECKPOINT_FORMAT = 'particle-arena/checkpoint';
export const CHECKPOINT_VERSION = 1;

export interface LayerJson {
  inputs: number;
  outputs: number;
  /** [inputs, outputs] row-major float32, base64 of little-endian bytes. */
  w: string;
  b: string;
}

export type { NormJson } from './runningStats';

export interface NetworkJson {
  /** Hidden-layer activation; the last layer is linear. */
  activation: 'tanh' | 'relu';
  layers: LayerJson[];
}

/**
 * A diverse team's per-agent parts (`arena train --diversity`): logits = shared(observation) + scale *
 * agents[j](observation), j being the agent's place in `agents` (its one-hot id, which the shared layers
 * do not read).
 */
export interface DiversityJson {
  /** The set-point the scale was chosen for. */
  target: number;
  scale: number;
  /** One network per agent of the policy, each shaped like the shared one. */
  agents: LayerJson[][];
}

/**
 * A talking team's channel (`arena train --comm M`): each agent's message is tanh(encoder(observation)),
 * M numbers; `layers` reads the agent's input row followed by the mean of its teammates' messages.
 */
export interface CommJson {
  messageDim: number;
  /** false: the encoder kept its initial weights (`--comm-encoder fixed`). */
  learned: boolean;
  /** [observation dim, hidden, messageDim]; the hidden layer uses the actor's activation. */
  encoder: LayerJson[];
}

export interface PolicyJson {
  id: string;
  role: string;
  /** Agents this policy drives; an agent's one-hot id (if any) is its position here. */
  agents: string[];
  /** `sortGroups`: absent in checkpoints written before entities could be sorted (none sorted). */
  /**
   * `viewRadius` and `viewGroups` (the view limit, not PettingZoo): absent in checkpoints without one
   * (full view).
   */
  observation: {
    dim: number;
    agentIdDim: number;
    zeroRanges: [number, number][];
    sortGroups?: EntityGroup[];
    viewRadius?: number;
    viewGroups?: EntityGroup[];
    norm: NormJson | null;
  };
  actionSpace: { type: 'Discrete'; n: number };
  /** With `diversity`, `layers` is the shared part and reads the observation alone. */
  actor: NetworkJson & { diversity?: DiversityJson; comm?: CommJson };
  critic: NetworkJson & { input: 'local' | 'global'; inputDim: number; norm: NormJson | null; valueNorm?: ReturnType<ValueNorm['toJson']> | null };
}

export interface CheckpointJson {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  created: string;
  scenario: { id: string; env: string; options: Record<string, number | boolean> };
  algo: Algo;
  zeroMessages: boolean;
  step: number;
  iteration: number;
  config: PPOConfig;
  policies: PolicyJson[];
  /**
   * Only what `--resume` needs to continue exactly: optimizer moments, generator states, the envs
   * (worlds, generators, running returns) and, for competitive runs, the snapshot pool.
   */
  training?: {
    optimizers: Record<string, { t: number; m: string[]; v: string[] }>;
    rng: Record<string, number>;
    envs?: VectorEnvState;
    snapshots?: Record<string, LayerJson[][]>;
    /** Fixed-role opponents' picks and generators. */
    opponents?: Record<string, unknown>;
    /** The warm start's teachers' generators (a teacher that samples its labels). */
    teachers?: Record<string, unknown>;
  };
}

/** Float32 values as base64, refusing (NonFiniteError naming `field`) any that is not finite: a checkpoint never holds one. */
function finiteBase64(values: Float32Array, field: string): string {
  const bad = findNonFinite(values, field);
  if (bad) throw new NonFiniteError('the checkpoint', bad);
  return f32ToBase64(values);
}

const layersJson = (layers: DenseWeights[], field: string): LayerJson[] =>
  layers.map((l, i) => ({
    inputs: l.inputs,
    outputs: l.outputs,
    w: finiteBase64(l.w, `${field}.layers[${i}].w`),
    b: finiteBase64(l.b, `${field}.layers[${i}].b`),
  }));

function actorJson(actor: TrainingPolicy['actor'], field: string): PolicyJson['actor'] {
  const out: PolicyJson['actor'] = { activation: actor.activation, layers: layersJson(actor.getWeights(), field) };
  if (actor instanceof DiverseActor)
    out.diversity = { target: actor.target, scale: actor.scale, agents: actor.agentWeights().map((a, j) => layersJson(a, `${field}.diversity.agents[${j}]`)) };
  if (actor instanceof CommActor)
    out.comm = { messageDim: actor.messageDim, learned: actor.learned, encoder: layersJson(actor.encoderWeights(), `${field}.comm.encoder`) };
  return out;
}

const copyGroup = (s: EntityGroup): EntityGroup => ({ ...s, companions: s.companions.map((c) => ({ ...c })) });

export function policyJson(g: TrainingPolicy): PolicyJson {
  return {
    id: g.id,
    role: g.role.name,
    agents: g.members.map((k) => g.role.agentNames[k]),
    observation: {
      dim: g.input.obsDim,
      agentIdDim: g.input.idDim,
      zeroRanges: [...g.input.zeroRanges],
      sortGroups: g.input.sortGroups.map(copyGroup),
      ...(g.input.viewRadius > 0 ? { viewRadius: g.input.viewRadius, viewGroups: g.input.viewGroups.map(copyGroup) } : {}),
      norm: g.input.normJson(),
    },
    actionSpace: { type: 'Discrete', n: g.nActions },
    actor: actorJson(g.actor, `policies.${g.id}.actor`),
    critic: {
      activation: g.critic.activation,
      input: g.criticInput,
      inputDim: g.criticDim,
      layers: layersJson(g.critic.getWeights(), `policies.${g.id}.critic`),
      norm: g.criticNormaliser?.toJson() ?? null,
      valueNorm: g.valueNorm?.toJson() ?? null,
    },
  };
}

/**
 * A fixed role's saved controller states, one per env. Checkpoints written before controllers kept their own
 * state held one object per role (`{ pick, chosen: [per env], rngs: [per env][per mix member] }`); it is
 * read as the same states.
 */
export function perEnvOpponentStates(saved: unknown): unknown {
  const old = saved as { pick?: unknown; chosen?: unknown; rngs?: unknown } | null;
  if (!old || Array.isArray(old) || typeof old.pick !== 'number' || !Array.isArray(old.chosen) || !Array.isArray(old.rngs)) return saved;
  const rngs = old.rngs as unknown[];
  return (old.chosen as unknown[]).map((chosen, e) => ({ pick: old.pick, chosen, members: rngs[e] }));
}

/** Everything needed to run the policies, and (with `withTraining`) to resume training. */
export function checkpointOf(trainer: Trainer, withTraining = true): CheckpointJson {
  const ckpt: CheckpointJson = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    created: new Date().toISOString(),
    scenario: { id: trainer.scenarioId, env: scenarioEntry(trainer.scenarioId).envName, options: { ...trainer.options, continuous_actions: false } },
    algo: trainer.algo,
    zeroMessages: trainer.zeroMessages,
    step: trainer.step,
    iteration: trainer.iteration,
    config: trainer.cfg,
    policies: trainer.policies.map(policyJson),
  };
  if (withTraining) {
    const optimizers: NonNullable<CheckpointJson['training']>['optimizers'] = {};
    for (const g of trainer.policies) {
      const st = g.optimizer.getState();
      const at = `training.optimizers.${g.id}`;
      optimizers[g.id] = { t: st.t, m: st.m.map((a, k) => finiteBase64(a, `${at}.m[${k}]`)), v: st.v.map((a, k) => finiteBase64(a, `${at}.v[${k}]`)) };
    }
    const snapshots: Record<string, LayerJson[][]> = {};
    for (const [id, pool] of trainer.pool.snapshots) snapshots[id] = pool.map((layers, k) => layersJson(layers, `training.snapshots.${id}[${k}]`));
    const states = (roles: Trainer['fixedRoles']) =>
      Object.fromEntries(Object.entries(roles).map(([role, controllers]) => [role, controllers.map((c) => c.getState?.() ?? null)]));
    ckpt.training = {
      optimizers,
      rng: trainer.rngState(),
      envs: trainer.venv.getState(),
      snapshots,
      opponents: states(trainer.fixedRoles),
      teachers: states(trainer.teachers),
    };
  }
  // the numbers not in base64 (counters, statistics, scales): JSON would write a NaN as null
  const bad = findNonFinite(ckpt);
  if (bad) throw new NonFiniteError('the checkpoint', bad);
  return ckpt;
}

// ---------- reading ----------

/** Refuse `value` at `checkpoint.<field>` unless `cond` holds. */
export function need(cond: unknown, field: string, value: unknown, allowed: string): asserts cond {
  if (!cond) throw new ArenaInputError(`checkpoint.${field}`, value, allowed);
}

/** Layers of a known shape (a competitive snapshot) back from JSON; throws a named error. */
export function layersFromJson(field: string, layers: LayerJson[], sizes: number[]): DenseWeights[] {
  return checkLayers(field, { activation: 'relu', layers }, sizes);
}

function checkLayers(field: string, net: unknown, sizes: number[]): DenseWeights[] {
  const n = net as NetworkJson;
  need(n && Array.isArray(n.layers), `${field}.layers`, n?.layers, 'a list of layers');
  need(n.activation === 'tanh' || n.activation === 'relu', `${field}.activation`, n.activation, 'tanh or relu');
  need(n.layers.length === sizes.length - 1, `${field}.layers`, `${n.layers.length} layers`, `${sizes.length - 1} layers for sizes ${sizes.join('-')}`);
  return n.layers.map((l, i) => {
    need(l && typeof l === 'object', `${field}.layers[${i}]`, l, '{inputs, outputs, w, b}');
    need(l.inputs === sizes[i] && l.outputs === sizes[i + 1], `${field}.layers[${i}]`, { inputs: l.inputs, outputs: l.outputs }, `${sizes[i]}x${sizes[i + 1]}`);
    let layer: DenseWeights;
    try {
      layer = { inputs: l.inputs, outputs: l.outputs, w: base64ToF32(l.w, l.inputs * l.outputs), b: base64ToF32(l.b, l.outputs) };
    } catch (err) {
      throw new ArenaInputError(
        `checkpoint.${field}.layers[${i}]`,
        'weights',
        `${l.inputs * l.outputs} + ${l.outputs} float32 values in base64`,
        (err as Error).message,
      );
    }
    for (const [name, values] of [
      ['w', layer.w],
      ['b', layer.b],
    ] as const) {
      const bad = values.findIndex((v) => !(Math.abs(v) <= MAX_WEIGHT));
      need(bad < 0, `${field}.layers[${i}].${name}`, `${values[bad]} at index ${bad}`, `finite weights of magnitude up to ${MAX_WEIGHT}`);
    }
    return layer;
  });
}

/** The keys a checkpoint and each of its policies may hold (docs/checkpoint-format.md): a typo is named, not ignored. */
const ROOT_KEYS = ['format', 'version', 'created', 'scenario', 'algo', 'zeroMessages', 'step', 'iteration', 'config', 'policies', 'training'];
const POLICY_KEYS = ['id', 'role', 'agents', 'observation', 'actionSpace', 'actor', 'critic'];

function onlyKeys(at: string, o: object, allowed: readonly string[]): void {
  const extra = Object.keys(o).find((k) => !allowed.includes(k));
  need(extra === undefined, `${at}${extra}`, 'an unknown key', `only ${allowed.join(', ')}`);
}

/** Largest weight or statistic magnitude accepted: trained networks stay far below; 3e38 is a broken file. */
const MAX_WEIGHT = 1e6;

const isCount = (v: unknown, min: number): v is number => Number.isInteger(v) && (v as number) >= min;

/** Sort groups lie inside the observation: blocks of at least a position, starts and counts integers. */
function checkSortGroups(field: string, groups: unknown, dim: number): void {
  if (groups === undefined) return;
  need(Array.isArray(groups), field, groups, 'a list of {start, count, width, companions}');
  groups.forEach((g: EntityGroup, k) => {
    const at = `${field}[${k}]`;
    need(g && typeof g === 'object', at, g, '{start, count, width, companions}');
    need(isCount(g.count, 1), `${at}.count`, g.count, 'an integer >= 1');
    const inside = (start: unknown, width: unknown) => isCount(start, 0) && isCount(width, 2) && start + g.count * width <= dim;
    need(inside(g.start, g.width), `${at}`, { start: g.start, width: g.width }, `integers with width >= 2 and start + count * width <= ${dim}`);
    need(Array.isArray(g.companions), `${at}.companions`, g.companions, 'a list of {start, width}');
    g.companions.forEach((c, i) => {
      need(
        c && typeof c === 'object' && isCount(c.start, 0) && isCount(c.width, 1) && c.start + g.count * c.width <= dim,
        `${at}.companions[${i}]`,
        c,
        `{start, width} with start + count * width <= ${dim}`,
      );
    });
  });
}

/** Normalisation statistics of `dim` inputs: finite means, non-negative finite variances. */
function checkNorm(field: string, norm: unknown, dim: number): void {
  if (norm === null || norm === undefined) return;
  const n = norm as NormJson;
  need(typeof n === 'object' && Array.isArray(n.mean) && Array.isArray(n.var), field, norm, `null or {mean, var, count} with ${dim} values each`);
  need(n.mean.length === dim && n.var.length === dim, `${field}.mean`, `${n.mean.length} and ${n.var.length} values`, `${dim} values each (the input size)`);
  need(
    n.mean.every((v) => typeof v === 'number' && Math.abs(v) <= MAX_WEIGHT),
    `${field}.mean`,
    n.mean.find((v) => !(typeof v === 'number' && Math.abs(v) <= MAX_WEIGHT)),
    `finite numbers up to ${MAX_WEIGHT}`,
  );
  need(
    n.var.every((v) => typeof v === 'number' && v >= 0 && v <= MAX_WEIGHT * MAX_WEIGHT),
    `${field}.var`,
    n.var.find((v) => !(typeof v === 'number' && v >= 0 && v <= 1e12)),
    'finite numbers >= 0',
  );
  need(typeof n.count === 'number' && Number.isFinite(n.count) && n.count >= 0, `${field}.count`, n.count, 'a finite number >= 0');
}

/** A loaded, fully checked policy: sizes, weights and how to build its input. */
export interface LoadedPolicyData {
  json: PolicyJson;
  actor: DenseWeights[];
  /** A diverse team's per-agent parts and their scale (see `DiversityJson`). */
  diversity: { target: number; scale: number; agents: DenseWeights[][] } | null;
  /** A talking team's channel (see `CommJson`). */
  comm: { messageDim: number; learned: boolean; encoder: DenseWeights[] } | null;
  critic: DenseWeights[];
}

/**
 * Check a parsed checkpoint completely (format, version, scenario, every policy's agents, shapes and
 * weights) before anything uses it. Every problem is an ArenaInputError naming the field.
 */
export function readCheckpoint(data: unknown): { ckpt: CheckpointJson; policies: LoadedPolicyData[] } {
  const c = data as CheckpointJson;
  need(c && typeof c === 'object', 'root', typeof data, 'a JSON object');
  need(c.format === CHECKPOINT_FORMAT, 'format', c.format, CHECKPOINT_FORMAT);
  onlyKeys('', c, ROOT_KEYS);
  need(c.version === CHECKPOINT_VERSION, 'version', c.version, `${CHECKPOINT_VERSION} (this build reads version ${CHECKPOINT_VERSION})`);
  need(c.scenario && typeof c.scenario.id === 'string', 'scenario', c.scenario, '{id, env, options}');
  const opts = c.scenario.options as unknown;
  need(
    opts === undefined || (typeof opts === 'object' && opts !== null && !Array.isArray(opts)),
    'scenario.options',
    opts,
    'an object of scenario options, e.g. {"N": 3, "max_cycles": 25}',
  );
  let sc;
  try {
    sc = scenarioEntry(c.scenario.id).create({ ...c.scenario.options });
  } catch (err) {
    throw new ArenaInputError('checkpoint.scenario', c.scenario, 'a known scenario with valid options', (err as Error).message);
  }
  need(
    sc.actionSpaces.every((space) => space.type === 'Discrete'),
    'scenario.options.continuous_actions',
    c.scenario.options?.continuous_actions,
    'false (policies choose discrete actions)',
  );
  need((ALGOS as readonly string[]).includes(c.algo), 'algo', c.algo, ALGOS.join(', '));
  need(Number.isSafeInteger(c.step) && c.step >= 0, 'step', c.step, 'a non-negative integer (env steps trained)');
  need(Number.isSafeInteger(c.iteration) && c.iteration >= 0, 'iteration', c.iteration, 'a non-negative integer');
  need(c.zeroMessages === undefined || typeof c.zeroMessages === 'boolean', 'zeroMessages', c.zeroMessages, 'true or false');
  // a resumable checkpoint carries its run's settings: defaults in their place would change the run
  need(c.training === undefined || c.config !== undefined, 'config', c.config, "the run's PPO settings (a checkpoint with resume state always has them)");
  need(
    c.config === undefined || (c.config !== null && typeof c.config === 'object' && !Array.isArray(c.config)),
    'config',
    c.config,
    'an object of PPO settings',
  );
  // checkpoints from before reward shaping trained without it: resuming one keeps it that way
  const config = resolvePPOConfig({ shaping: 0, ...((c.config ?? {}) as unknown as Record<string, unknown>) });
  need(Array.isArray(c.policies) && c.policies.length > 0, 'policies', c.policies, 'a non-empty list');
  const covered = new Set<string>();
  const globalDim = sc.obsDims.reduce((a, b) => a + b, 0) + sc.agentNames.length;
  const policies = c.policies.map((p, pi) => {
    const f = `policies[${pi}]`;
    need(p && typeof p === 'object' && !Array.isArray(p), f, p, 'a policy object');
    onlyKeys(`${f}.`, p, POLICY_KEYS);
    need(p.observation && typeof p.observation === 'object', `${f}.observation`, p.observation, '{dim, agentIdDim, zeroRanges, norm}');
    need(p.critic && typeof p.critic === 'object', `${f}.critic`, p.critic, 'a network object');
    const role = sc.roles.find((r) => r.name === p.role);
    need(role, `${f}.role`, p.role, sc.roles.map((r) => r.name).join(', '));
    need(Array.isArray(p.agents) && p.agents.length > 0, `${f}.agents`, p.agents, `names from ${sc.agentNames.join(', ')}`);
    for (const a of p.agents) {
      const i = sc.agentNames.indexOf(a);
      need(i >= 0, `${f}.agents`, a, sc.agentNames.join(', '));
      need(role.agents.includes(i), `${f}.agents`, a, `agents of role ${p.role}: ${role.agents.map((k) => sc.agentNames[k]).join(', ')}`);
      need(!covered.has(a), `${f}.agents`, a, 'each agent in one policy only');
      covered.add(a);
      need(sc.obsDims[i] === p.observation.dim, `${f}.observation.dim`, p.observation.dim, `${sc.obsDims[i]} (the observation size of ${a})`);
      const space = sc.actionSpaces[i];
      need(
        space.type === 'Discrete' && p.actionSpace?.type === 'Discrete' && space.n === p.actionSpace?.n,
        `${f}.actionSpace`,
        p.actionSpace,
        `Discrete(${space.type === 'Discrete' ? space.n : '?'}) for ${a}`,
      );
    }
    const idDim = p.observation.agentIdDim;
    need(idDim === 0 || idDim === p.agents.length, `${f}.observation.agentIdDim`, idDim, `0 or ${p.agents.length}`);
    const zr = p.observation.zeroRanges;
    need(Array.isArray(zr) && zr.length <= p.observation.dim, `${f}.observation.zeroRanges`, zr, `a list of [from, to) ranges within 0..${p.observation.dim}`);
    for (const r of zr) {
      const ok =
        Array.isArray(r) && r.length === 2 && Number.isInteger(r[0]) && Number.isInteger(r[1]) && r[0] >= 0 && r[0] < r[1] && r[1] <= p.observation.dim;
      need(ok, `${f}.observation.zeroRanges`, r, `[from, to) with 0 <= from < to <= ${p.observation.dim}`);
    }
    checkSortGroups(`${f}.observation.sortGroups`, p.observation.sortGroups, p.observation.dim);
    const vr = p.observation.viewRadius;
    need(vr === undefined || (typeof vr === 'number' && vr > 0 && vr <= 100), `${f}.observation.viewRadius`, vr, 'absent (full view) or a number in (0, 100]');
    need(
      (vr === undefined) === (p.observation.viewGroups === undefined),
      `${f}.observation.viewGroups`,
      p.observation.viewGroups === undefined ? 'absent' : 'a list',
      vr === undefined ? 'absent without a viewRadius' : 'the entities the view limit hides, with the viewRadius',
    );
    checkSortGroups(`${f}.observation.viewGroups`, p.observation.viewGroups, p.observation.dim);
    const inDim = p.observation.dim + idDim;
    checkNorm(`${f}.observation.norm`, p.observation.norm, inDim);
    need(p.critic.input === 'local' || p.critic.input === 'global', `${f}.critic.input`, p.critic.input, 'local or global');
    const criticDim = p.critic.input === 'local' ? inDim : globalDim;
    need(p.critic.inputDim === criticDim, `${f}.critic.inputDim`, p.critic.inputDim, `${criticDim} (a ${p.critic.input} critic's input here)`);
    checkNorm(`${f}.critic.norm`, p.critic.norm, criticDim);
    if (p.critic.valueNorm !== undefined && p.critic.valueNorm !== null) {
      try {
        ValueNorm.fromJson(p.critic.valueNorm, 'valueNorm');
      } catch (err) {
        throw new ArenaInputError(`checkpoint.${f}.critic.valueNorm`, p.critic.valueNorm, '{mean, meanSq, debias, beta}', (err as Error).message);
      }
    }
    const hidden = p.actor?.layers?.[0]?.outputs;
    need(Number.isInteger(hidden) && hidden > 0 && hidden <= 4096, `${f}.actor.layers[0].outputs`, hidden, 'a positive integer up to 4096');
    const dv = p.actor?.diversity;
    let diversity: LoadedPolicyData['diversity'] = null;
    const cm = p.actor?.comm;
    let comm: LoadedPolicyData['comm'] = null;
    if (cm !== undefined) {
      const at = `${f}.actor.comm`;
      need(cm && typeof cm === 'object', at, cm, '{messageDim, learned, encoder}');
      need(dv === undefined, `${f}.actor.diversity`, 'present', 'absent in a talking team');
      need(isCount(cm.messageDim, 1) && cm.messageDim <= 64, `${at}.messageDim`, cm.messageDim, 'an integer from 1 to 64');
      need(typeof cm.learned === 'boolean', `${at}.learned`, cm.learned, 'true or false');
      need(p.agents.length >= 2, `${f}.agents`, `${p.agents.length} agent`, 'a team of 2 or more (a channel needs someone to hear it)');
      const encoder = checkLayers(`${at}.encoder`, { activation: p.actor.activation, layers: cm.encoder }, [p.observation.dim, hidden, cm.messageDim]);
      comm = { messageDim: cm.messageDim, learned: cm.learned, encoder };
    }
    const sharedIn = dv === undefined ? inDim + (comm?.messageDim ?? 0) : p.observation.dim;
    const actor = checkLayers(`${f}.actor`, p.actor, [sharedIn, hidden, hidden, p.actionSpace.n]);
    if (dv !== undefined) {
      const at = `${f}.actor.diversity`;
      need(dv && typeof dv === 'object', at, dv, '{target, scale, agents}');
      need(
        idDim === p.agents.length && idDim > 1,
        `${f}.observation.agentIdDim`,
        idDim,
        `${p.agents.length} (a diverse team picks each agent's part by its id)`,
      );
      need(
        p.observation.norm === null || p.observation.norm === undefined,
        `${f}.observation.norm`,
        'statistics',
        "null for a diverse team (each agent's part is picked by its raw one-hot id)",
      );
      need(typeof dv.target === 'number' && dv.target > 0 && dv.target < 1, `${at}.target`, dv.target, 'a number in (0, 1): the total variation set-point');
      need(
        typeof dv.scale === 'number' && Number.isFinite(dv.scale) && Math.abs(dv.scale) <= MAX_WEIGHT,
        `${at}.scale`,
        dv.scale,
        `a finite number up to ${MAX_WEIGHT}`,
      );
      need(
        Array.isArray(dv.agents) && dv.agents.length === p.agents.length,
        `${at}.agents`,
        Array.isArray(dv.agents) ? `${dv.agents.length} networks` : dv.agents,
        `${p.agents.length} networks, one per agent`,
      );
      const agents = dv.agents.map((layers, j) =>
        checkLayers(`${at}.agents[${j}]`, { activation: p.actor.activation, layers }, [p.observation.dim, hidden, hidden, p.actionSpace.n]),
      );
      diversity = { target: dv.target, scale: dv.scale, agents };
    }
    const critic = checkLayers(`${f}.critic`, p.critic, [criticDim, hidden, hidden, 1]);
    return { json: p, actor, diversity, comm, critic };
  });
  // a role is driven whole: a policy that leaves out one of its agents would leave that agent idle
  for (const r of sc.roles) {
    const names = r.agents.map((k) => sc.agentNames[k]);
    const missing = names.filter((a) => !covered.has(a));
    need(
      missing.length === 0 || missing.length === names.length,
      'policies',
      `${r.name} without ${missing.join(', ')}`,
      `every agent of a role it drives (${names.join(', ')})`,
    );
  }
  return { ckpt: { ...c, config }, policies };
}

/**
 * The checkpoint's policy for training policy `g`, checked to have its network sizes and activation. With
 * `sharedStart` (a warm start) a diverse team may start from one shared actor: its per-agent parts then
 * start fresh.
 */
export function policyFor(trainer: Trainer, g: TrainingPolicy, policies: LoadedPolicyData[], field = 'checkpoint', sharedStart = false): LoadedPolicyData {
  const p = policies.find((x) => x.json.id === g.id);
  if (!p)
    throw new ArenaInputError(
      `${field}.policies`,
      policies.map((x) => x.json.id),
      `a policy with id ${g.id}`,
    );
  const diverse = g.actor instanceof DiverseActor;
  const fromShared = diverse && sharedStart && !p.diversity && p.json.observation.agentIdDim === 0;
  if (diverse !== Boolean(p.diversity) && !fromShared) {
    throw new ArenaInputError(
      `${field}.policies.${g.id}.actor.diversity`,
      p.diversity ? `set-point ${p.diversity.target}` : 'none (one shared actor)',
      diverse ? `per-agent parts for --diversity ${(g.actor as DiverseActor).target}` : 'none (the run has --diversity 0)',
    );
  }
  const talking = g.actor instanceof CommActor;
  // a warm start may teach a silent team to talk: it starts deaf to the channel (see setPolicyWeights)
  const fromSilent = talking && sharedStart && !p.comm;
  if ((talking !== Boolean(p.comm) && !fromSilent) || (talking && p.comm && p.comm.messageDim !== (g.actor as CommActor).messageDim)) {
    throw new ArenaInputError(
      `${field}.policies.${g.id}.actor.comm`,
      p.comm ? `a channel of ${p.comm.messageDim}` : 'none (a silent team)',
      talking ? `a channel of ${(g.actor as CommActor).messageDim} (the run's --comm)` : 'none (the run has --comm 0)',
    );
  }
  if (
    p.json.observation.dim + (fromShared ? g.input.idDim : p.json.observation.agentIdDim) !== g.inDim ||
    p.json.critic.inputDim !== g.criticDim + (fromShared && g.criticInput === 'local' ? -g.input.idDim : 0) ||
    p.actor[0].outputs !== trainer.cfg.hidden
  ) {
    throw new ArenaInputError(
      `${field}.policies.${g.id}`,
      'its network sizes',
      `inputs ${g.inDim}, critic inputs ${g.criticDim}, hidden ${trainer.cfg.hidden}`,
    );
  }
  if (p.json.actor.activation !== g.actor.activation) {
    throw new ArenaInputError(
      `${field}.policies.${g.id}.actor.activation`,
      p.json.actor.activation,
      `${g.actor.activation} (the training config's activation)`,
    );
  }
  return p;
}

/** Weights, input and critic normalisers and the value normaliser of `p` into training policy `g`. */
export function setPolicyWeights(g: TrainingPolicy, p: LoadedPolicyData, field = 'checkpoint'): void {
  if (g.actor instanceof DiverseActor) {
    g.actor.setWeights(p.actor, p.diversity?.agents);
    // the saved scale, moved to this run's set-point (a warm start may choose another one)
    if (p.diversity) g.actor.scale = (p.diversity.scale * g.actor.target) / p.diversity.target;
  } else if (g.actor instanceof CommActor) {
    // from a silent policy: zero weights on the heard messages (the same behaviour), a fresh encoder
    const policy = p.comm ? p.actor : [padInputs(p.actor[0], g.actor.inDim + g.actor.messageDim), ...p.actor.slice(1)];
    g.actor.setWeights(policy, p.comm?.encoder ?? g.actor.encoderWeights());
  } else g.actor.setWeights(p.actor);
  // a diverse team started from a shared policy: its local critic also reads the id, which starts unread
  g.critic.setWeights(p.critic[0].inputs === g.criticDim ? p.critic : [padInputs(p.critic[0], g.criticDim), ...p.critic.slice(1)]);
  if (g.input.normaliser && p.json.observation.norm) g.input.normaliser.setFromJson(p.json.observation.norm);
  if (g.criticNormaliser && p.json.critic.norm) g.criticNormaliser.setFromJson(p.json.critic.norm);
  if (g.valueNorm && p.json.critic.valueNorm) {
    try {
      g.valueNorm = ValueNorm.fromJson(p.json.critic.valueNorm, 'valueNorm');
    } catch (err) {
      throw new ArenaInputError(`${field}.policies.${g.id}.critic.valueNorm`, p.json.critic.valueNorm, '{mean, meanSq, debias, beta}', (err as Error).message);
    }
  }
  g.syncParams();
}

/** A first layer given zero weights for extra inputs at its end: the same function of the inputs it had. */
function padInputs(layer: DenseWeights, inputs: number): DenseWeights {
  const w = new Float32Array(inputs * layer.outputs);
  w.set(layer.w);
  return { ...layer, inputs, w };
}

/**
 * Scenario options as one comparable string: discrete actions always; with `all`, also the episode length
 * and tag's walls, which a warm start may change (they are not sizes) and a resume may not.
 */
export const optionsKey = (o: Record<string, unknown>, all: boolean) =>
  JSON.stringify(
    Object.entries(o)
      .filter(([k, v]) => k !== 'continuous_actions' && (all || (k !== 'max_cycles' && k !== 'walls')) && !(k === 'walls' && v === false))
      .sort(),
  );

/** How a policy builds its input, without the normaliser's statistics: what a starting point must share. */
const inputLayout = (o: PolicyJson['observation']) =>
  JSON.stringify({
    dim: o.dim,
    agentIdDim: o.agentIdDim,
    zeroRanges: o.zeroRanges,
    sortGroups: o.sortGroups ?? [],
    norm: Boolean(o.norm),
  });

/**
 * Start a new run from another run's (or a shipped) policies: weights and normalisers only. The new run's
 * settings, counters, optimizer and envs start fresh, so this is a warm start, not a resume. The starting
 * policies must be of the same scenario, sizes and algorithm and build their input the same way.
 */
export function initTrainerFrom(trainer: Trainer, ckpt: CheckpointJson, policies: LoadedPolicyData[], field = 'train --init'): void {
  if (ckpt.scenario.id !== trainer.scenarioId || ckpt.algo !== trainer.algo) {
    throw new ArenaInputError(field, `${ckpt.scenario.id}/${ckpt.algo}`, `policies of ${trainer.scenarioId}/${trainer.algo}`);
  }
  // the sizes must match; the episode length and walls may differ (training on them is a training aid)
  const sizes = optionsKey(trainer.options, false);
  if (optionsKey(ckpt.scenario.options ?? {}, false) !== sizes) {
    throw new ArenaInputError(`${field} scenario options`, ckpt.scenario.options, `the run's sizes: ${sizes}`);
  }
  for (const g of trainer.policies) {
    const p = policyFor(trainer, g, policies, field, true);
    // the run's own layout, read from its input builder (no need to serialise the weights for it)
    const want = inputLayout({
      dim: g.input.obsDim,
      agentIdDim: g.input.idDim,
      zeroRanges: [...g.input.zeroRanges],
      sortGroups: [...g.input.sortGroups],
      norm: g.input.normJson(),
    });
    const startIds = g.actor instanceof DiverseActor && !p.diversity ? g.input.idDim : p.json.observation.agentIdDim;
    if (inputLayout({ ...p.json.observation, agentIdDim: startIds }) !== want) {
      throw new ArenaInputError(
        `${field} policies.${g.id}.observation`,
        inputLayout(p.json.observation),
        `${want} (the run's input: match --sort-entities, --agent-id and --norm-obs to the starting policy's)`,
      );
    }
    setPolicyWeights(g, p, field);
  }
}
