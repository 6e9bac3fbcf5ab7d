import { Worker } from 'node:worker_threads';
import { CommActor } from './commActor';
import { DiverseActor } from './diverseActor';
import { Mlp } from './mlp';
import type { GradientSplitter } from './gradientSplitter';
import { minibatchGradients, type LossSettings, type Minibatch } from './minibatchGradients';
import type { TrainingPolicy } from './trainingPolicy';
import type { Trainer } from './trainer';

/** How long the main thread waits for a worker's share before giving up (a minibatch takes milliseconds). */
const WORKER_TIMEOUT_MS = 120_000;

/** Slots of a worker's control array (Int32 in shared memory). */
export const CTRL = { request: 0, policy: 1, rows: 2, done: 3 } as const;

export interface WorkerPolicySpec {
  actorSizes: number[];
  /** A diverse team's actor (`DiverseActor`): its observation size, team size and set-point; null: a plain MLP. */
  diverse: { obsDim: number; count: number; target: number } | null;
  /** A talking team's actor (`CommActor`); null: none. */
  comm: { obsDim: number; count: number; messageDim: number; learned: boolean } | null;
  criticSizes: number[];
  activation: 'relu' | 'tanh';
  inDim: number;
  criticDim: number;
  criticGlobal: boolean;
  paramCount: number;
  maxRows: number;
  /** params, then rows of [actor input, critic input?, action, logp, value, advantage, return], then gradients and 5 stats. */
  buffer: SharedArrayBuffer;
}

/** Floats of a share of `rows` rows: a header (entropy coefficient, imitation flag, per-agent scale), then the columns. */
export function dataFloats(rows: number, inDim: number, criticDim: number): number {
  return HEADER_FLOATS + rows * (inDim + criticDim + 6);
}
export const HEADER_FLOATS = 3;

interface Helper {
  worker: Worker;
  ctrl: Int32Array;
  policies: WorkerPolicySpec[];
}

/**
 * Data-parallel minibatch gradients on worker threads (Node): the rows of every minibatch are cut into
 * `1 + workers` contiguous shares; the calling thread computes the first while each worker computes one
 * of the others, and the gradients are combined as the row-weighted mean, in a fixed order. The trainer
 * stays synchronous: shares are handed over in shared memory and the main thread waits with Atomics.
 */
export class WorkerGradients implements GradientSplitter {
  private constructor(private readonly helpers: Helper[]) {}

  static async start(trainer: Trainer, workers: number): Promise<WorkerGradients> {
    const cfg = trainer.cfg;
    const loss = { clipCoef: cfg.clipCoef, clipVloss: cfg.clipVloss, entCoef: cfg.entCoef, vfCoef: cfg.vfCoef, huberDelta: cfg.huberDelta };
    const helpers: Helper[] = [];
    for (let w = 0; w < workers; w++) {
      const policies = trainer.policies.map((g) => {
        const paramCount = g.params.reduce((a, p) => a + p.length, 0);
        const maxRows = cfg.numSteps * g.rows; // a share is never more than a whole rollout
        const floats = paramCount + dataFloats(maxRows, g.inDim, g.criticDim) + paramCount + 5;
        const a = g.actor;
        return {
          actorSizes: a instanceof Mlp ? a.sizes : [a.inDim, a.hidden, a.hidden, a.nActions],
          diverse: a instanceof DiverseActor ? { obsDim: a.obsDim, count: a.count, target: a.target } : null,
          comm: a instanceof CommActor ? { obsDim: a.obsDim, count: a.count, messageDim: a.messageDim, learned: a.learned } : null,
          criticSizes: g.critic.sizes,
          activation: g.actor.activation,
          inDim: g.inDim,
          criticDim: g.criticDim,
          criticGlobal: g.criticInput === 'global',
          paramCount,
          maxRows,
          buffer: new SharedArrayBuffer(floats * 4),
        };
      });
      const ctrlBuffer = new SharedArrayBuffer(4 * 4);
      const worker = new Worker(new URL('./gradientWorkerBoot.mjs', import.meta.url), { workerData: { policies, loss, ctrlBuffer } });
      await new Promise<void>((ready, fail) => {
        worker.once('message', () => ready());
        worker.once('error', fail);
      });
      helpers.push({ worker, ctrl: new Int32Array(ctrlBuffer), policies });
    }
    return new WorkerGradients(helpers);
  }

  compute(groupIndex: number, g: TrainingPolicy, mb: Minibatch, loss: LossSettings): { grads: Float32Array[]; stats: Float32Array } {
    // never an empty share: a tiny minibatch uses fewer workers
    // shares are cut between whole teams where the team's rows go through the actor together
    const unit = g.teamRows;
    const units = mb.rows / unit;
    const helpers = this.helpers.slice(0, Math.max(0, Math.min(this.helpers.length, units - 1)));
    const parts = helpers.length + 1;
    const bounds = Array.from({ length: parts + 1 }, (_, k) => Math.round((k * units) / parts) * unit);
    // hand every worker its share (weights of this step, then its rows) and wake it
    helpers.forEach((h, w) => {
      const spec = h.policies[groupIndex];
      const [from, to] = [bounds[w + 1], bounds[w + 2]];
      const rows = to - from;
      const params = new Float32Array(spec.buffer, 0, spec.paramCount);
      let off = 0;
      for (const p of g.params) {
        params.set(p, off);
        off += p.length;
      }
      const data = new Float32Array(spec.buffer, spec.paramCount * 4, dataFloats(rows, spec.inDim, spec.criticDim));
      // what changes between iterations (the entropy schedule, imitation) travels with the rows
      data[0] = loss.entCoef;
      data[1] = mb.teacher ? 1 : 0;
      data[2] = g.actor instanceof DiverseActor ? g.actor.scale : 1;
      let o = HEADER_FLOATS;
      const put = (src: ArrayLike<number>, width: number) => {
        data.set((src as Float32Array).subarray(from * width, to * width), o);
        o += rows * width;
      };
      put(mb.actorInputs, mb.inDim);
      if (mb.criticInputs) put(mb.criticInputs, mb.criticDim);
      for (let k = from; k < to; k++) data[o++] = mb.actions[k];
      put(mb.logp, 1);
      put(mb.values, 1);
      put(mb.advantages, 1);
      put(mb.returns, 1);
      if (mb.teacher) for (let k = from; k < to; k++) data[o++] = mb.teacher[k];
      Atomics.store(h.ctrl, CTRL.policy, groupIndex);
      Atomics.store(h.ctrl, CTRL.rows, rows);
      Atomics.store(h.ctrl, CTRL.done, 0);
      Atomics.store(h.ctrl, CTRL.request, 1);
      Atomics.notify(h.ctrl, CTRL.request);
    });
    const slice = (a: Float32Array, w: number) => a.subarray(0, bounds[1] * w);
    const own = minibatchGradients(
      g.actor,
      g.critic,
      {
        ...mb,
        rows: bounds[1],
        actorInputs: slice(mb.actorInputs, mb.inDim),
        criticInputs: mb.criticInputs ? slice(mb.criticInputs, mb.criticDim) : null,
        actions: mb.actions.subarray(0, bounds[1]),
        logp: slice(mb.logp, 1),
        values: slice(mb.values, 1),
        advantages: slice(mb.advantages, 1),
        returns: slice(mb.returns, 1),
        teacher: mb.teacher ? mb.teacher.subarray(0, bounds[1]) : null,
      },
      loss,
    );
    // row-weighted mean of the shares' gradients and stats, always in share order
    const grads = own.grads.map((gr) => gr.map((v) => v * bounds[1]));
    const stats = own.stats.map((v) => v * bounds[1]);
    helpers.forEach((h, w) => {
      const started = Date.now();
      while (Atomics.load(h.ctrl, CTRL.done) === 0) {
        Atomics.wait(h.ctrl, CTRL.done, 0, 1000);
        if (Date.now() - started > WORKER_TIMEOUT_MS)
          throw new Error(`gradient worker ${w + 1} gave no answer for ${WORKER_TIMEOUT_MS / 1000} s (it may have crashed); run with --workers 0`);
      }
      if (Atomics.load(h.ctrl, CTRL.done) === -1) throw new Error(`gradient worker ${w + 1} failed on a minibatch; run with --workers 0`);
      const spec = h.policies[groupIndex];
      const rows = bounds[w + 2] - bounds[w + 1];
      const out = new Float32Array(spec.buffer, (spec.paramCount + dataFloats(spec.maxRows, spec.inDim, spec.criticDim)) * 4, spec.paramCount + 5);
      let q = 0;
      for (const gr of grads) for (let i = 0; i < gr.length; i++) gr[i] += out[q++] * rows;
      for (let i = 0; i < 5; i++) stats[i] += out[q++] * rows;
    });
    for (const gr of grads) for (let i = 0; i < gr.length; i++) gr[i] /= mb.rows;
    for (let i = 0; i < 5; i++) stats[i] /= mb.rows;
    return { grads, stats };
  }

  async dispose(): Promise<void> {
    for (const h of this.helpers) {
      Atomics.store(h.ctrl, CTRL.request, 2);
      Atomics.notify(h.ctrl, CTRL.request);
      await h.worker.terminate();
    }
  }
}
