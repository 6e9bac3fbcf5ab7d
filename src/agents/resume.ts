import { ArenaInputError } from '../sim/errors';
import { isRecord } from '../sim/readInput';
import { base64ToF32 } from './base64';
import { layersFromJson, need, optionsKey, perEnvOpponentStates, policyFor, setPolicyWeights, type CheckpointJson, type LoadedPolicyData } from './checkpoint';
import type { AdamState } from './adam';
import type { DenseWeights } from './mlp';
import type { Trainer } from './trainer';

/** Largest counter a resume accepts: a trillion env steps is centuries of training here; 1e15 is a broken file. */
const MAX_STEPS = 1e12;
/** Largest Adam moment magnitude accepted (gradients are clipped; moments of trained runs stay far below). */
const MAX_MOMENT = 1e6;

/** FastRandom's whole state: an unsigned 32-bit integer. */
const isGeneratorState = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 2 ** 32;

/** One policy's Adam state, decoded and checked: a step count, finite first moments, finite non-negative second moments. */
function optimizerState(field: string, saved: unknown, sizes: number[]): AdamState {
  need(isRecord(saved), field, saved, '{t, m, v}: the optimizer state arena train writes');
  const { t, m, v } = saved as { t: unknown; m: unknown; v: unknown };
  need(Number.isSafeInteger(t) && (t as number) >= 0 && (t as number) <= MAX_STEPS, `${field}.t`, t, `an integer from 0 to ${MAX_STEPS} (Adam steps taken)`);
  const decode = (name: 'm' | 'v', list: unknown): Float32Array[] => {
    need(
      Array.isArray(list) && list.length === sizes.length,
      `${field}.${name}`,
      Array.isArray(list) ? `${list.length} arrays` : list,
      `${sizes.length} base64 arrays`,
    );
    return list.map((b, k) => {
      let a: Float32Array;
      try {
        a = base64ToF32(b as string, sizes[k]);
      } catch (err) {
        throw new ArenaInputError(
          `checkpoint.${field}.${name}[${k}]`,
          typeof b === 'string' ? `${b.length} base64 characters` : b,
          `${sizes[k]} float32 values in base64`,
          (err as Error).message,
        );
      }
      const bad = a.findIndex((x) => !(Math.abs(x) <= MAX_MOMENT) || (name === 'v' && x < 0));
      need(
        bad < 0,
        `${field}.${name}[${k}]`,
        `${a[bad]} at index ${bad}`,
        name === 'v' ? `finite numbers from 0 to ${MAX_MOMENT} (squared gradients)` : `finite numbers up to ${MAX_MOMENT} in magnitude`,
      );
      return a;
    });
  };
  return { t: t as number, m: decode('m', m), v: decode('v', v) };
}

/**
 * Continue `trainer` from a checkpoint of the same scenario, algorithm and policies: weights,
 * normalisers, optimizer moments, generator states, counters, the envs mid-episode, the opponents' state
 * and the snapshot pool, so the run goes on exactly as if it had never stopped. Returns warnings.
 *
 * Everything the checkpoint says is checked (types, shapes, ranges, finiteness) before any of it is
 * applied: a bad resume state is refused by name and never trains into NaN weights.
 */
export function restoreTrainer(trainer: Trainer, ckpt: CheckpointJson, policies: LoadedPolicyData[]): string[] {
  const warnings: string[] = [];
  if (ckpt.scenario.id !== trainer.scenarioId || ckpt.algo !== trainer.algo) {
    throw new ArenaInputError('checkpoint', `${ckpt.scenario.id}/${ckpt.algo}`, `a checkpoint of ${trainer.scenarioId}/${trainer.algo}`);
  }
  // the envs go on mid-episode: another episode length or size would change the run without a word
  const here = optionsKey(trainer.options, true);
  if (optionsKey(ckpt.scenario.options ?? {}, true) !== here) {
    throw new ArenaInputError(
      'checkpoint.scenario.options',
      ckpt.scenario.options,
      `what the given flags ask for: ${here} (resume with the scenario flags the checkpoint was trained with)`,
    );
  }

  // check: the resume state as a whole
  const training = ckpt.training as unknown;
  need(
    isRecord(training),
    'training',
    training,
    'the resume state arena train writes ({optimizers, rng, envs, ...}); a shipped checkpoint has none: start a new run from its weights with --init',
  );
  const t = training as NonNullable<CheckpointJson['training']>;
  need(Number.isSafeInteger(ckpt.step) && ckpt.step <= MAX_STEPS, 'step', ckpt.step, `an integer from 0 to ${MAX_STEPS.toExponential()} (env steps trained)`);
  const perIteration = trainer.cfg.numEnvs * trainer.cfg.numSteps;
  need(
    Number.isSafeInteger(ckpt.iteration) && ckpt.iteration >= 0 && ckpt.iteration * perIteration === ckpt.step,
    'iteration',
    ckpt.iteration,
    `${ckpt.step / perIteration} (step ${ckpt.step} / ${perIteration} env steps per iteration)`,
  );

  // check: each policy's weights and optimizer
  need(isRecord(t.optimizers), 'training.optimizers', t.optimizers, `{${trainer.policies.map((g) => g.id).join(', ')}}: one optimizer state per policy`);
  const plans = trainer.policies.map((g) => {
    const p = policyFor(trainer, g, policies);
    // a run that normalises values goes on from its normaliser's state, never from a fresh one
    need(
      !g.valueNorm || p.json.critic.valueNorm,
      `policies.${g.id}.critic.valueNorm`,
      p.json.critic.valueNorm,
      "the value normaliser's state (this run normalises values)",
    );
    const saved = (t.optimizers as Record<string, unknown>)[g.id];
    const sizes = g.params.map((q) => q.length);
    // checkpoints written before the optimizer moved to the host keep tfjs's layout: Adam restarts
    if (Array.isArray(saved)) {
      warnings.push(`${g.id}: optimizer moments are in an older layout; Adam restarts from zero moments`);
      return { g, p, opt: null };
    }
    return { g, p, opt: optimizerState(`training.optimizers.${g.id}`, saved, sizes) };
  });

  // check: generators, snapshot pool, fixed controllers, envs
  const rng = t.rng as unknown;
  need(isRecord(rng), 'training.rng', rng, '{sample, shuffle, opponent}: generator states');
  const r = rng as Record<string, unknown>;
  for (const key of ['sample', 'shuffle', 'opponent']) {
    if (key === 'opponent' && r[key] === undefined) continue;
    need(isGeneratorState(r[key]), `training.rng.${key}`, r[key], 'an integer from 0 to 4294967295 (a generator state)');
  }
  const snapshots = t.snapshots ?? {};
  need(isRecord(snapshots), 'training.snapshots', snapshots, '{policy id: list of snapshots}');
  const pools = new Map<string, DenseWeights[][]>();
  for (const [id, pool] of Object.entries(snapshots)) {
    const g = trainer.policies.find((x) => x.id === id);
    need(
      g && Array.isArray(pool),
      `training.snapshots.${id}`,
      Array.isArray(pool) ? id : pool,
      `lists of snapshots of ${trainer.policies.map((x) => x.id).join(', ')}`,
    );
    pools.set(
      id,
      pool.map((layers, k) => layersFromJson(`training.snapshots.${id}[${k}]`, layers, g.plainActor.sizes)),
    );
  }
  const controllerStates: [NonNullable<Trainer['fixedRoles'][string]>, unknown[]][] = [];
  for (const [key, roles] of [
    ['opponents', trainer.fixedRoles],
    ['teachers', trainer.teachers],
  ] as const) {
    const saved = t[key] ?? {};
    need(isRecord(saved), `training.${key}`, saved, '{role: one state per env}');
    for (const [role, st0] of Object.entries(saved)) {
      const controllers = roles[role];
      if (!controllers) continue;
      const st = perEnvOpponentStates(st0);
      need(
        Array.isArray(st) && st.length === controllers.length,
        `training.${key}.${role}`,
        Array.isArray(st) ? `${st.length} states` : st,
        `${controllers.length} controller states, one per env`,
      );
      controllerStates.push([controllers, st]);
    }
  }
  if (t.envs !== undefined) need(isRecord(t.envs), 'training.envs', t.envs, "the envs' state arena train writes");

  // apply: the envs and controllers check their own states; one that refuses puts back what the others took
  const envsBefore = trainer.venv.getState();
  const controllersBefore = controllerStates.map(([controllers]) => controllers.map((c) => c.getState?.()));
  try {
    if (t.envs) trainer.venv.setState(t.envs, 'checkpoint.training.envs');
    else {
      warnings.push(
        'the checkpoint holds no env state (written by an older version): the envs restart with fresh episodes, so the curve will not match an uninterrupted run',
      );
      trainer.venv.reset(trainer.cfg.seed + 1000 * ckpt.iteration);
    }
    for (const [controllers, st] of controllerStates) controllers.forEach((c, e) => c.setState?.(st[e]));
  } catch (err) {
    trainer.venv.setState(envsBefore);
    controllerStates.forEach(([controllers], k) => controllers.forEach((c, e) => c.setState?.(controllersBefore[k][e])));
    throw err;
  }
  for (const { g, p, opt } of plans) {
    setPolicyWeights(g, p);
    if (opt) g.optimizer.setState(opt);
  }
  trainer.collector.sampleRng.state = r.sample as number;
  trainer.shuffleRng.state = r.shuffle as number;
  if (r.opponent !== undefined) trainer.pool.rng.state = r.opponent as number;
  for (const [id, pool] of pools) trainer.pool.snapshots.set(id, pool);
  trainer.step = ckpt.step;
  trainer.iteration = ckpt.iteration;
  trainer.shaping.reset();
  return warnings;
}
