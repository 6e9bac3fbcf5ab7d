import { parentPort, workerData } from 'node:worker_threads';
import { FastRandom } from '../sim/fastRandom';
import { CommActor } from './commActor';
import { DiverseActor } from './diverseActor';
import { minibatchGradients, type LossSettings } from './minibatchGradients';
import { Mlp } from './mlp';
import { tf } from './tf';
import { initTfNode } from './tfNode';
import { CTRL, dataFloats, HEADER_FLOATS, type WorkerPolicySpec } from './workerGradients';

/**
 * A gradient worker: holds copies of every training policy's networks and, each time the main thread asks,
 * loads the current weights and computes the gradient over its share of a minibatch's rows. The two
 * sides meet in shared memory and wait on Atomics, so the trainer's update stays synchronous.
 */
const { policies, loss, ctrlBuffer } = workerData as { policies: WorkerPolicySpec[]; loss: LossSettings; ctrlBuffer: SharedArrayBuffer };

await initTfNode();
const ctrl = new Int32Array(ctrlBuffer);
const nets = policies.map((g, k) => ({
  actor: g.comm
    ? new CommActor(
        g.inDim,
        g.comm.obsDim,
        g.comm.count,
        g.actorSizes[1],
        g.actorSizes[3],
        g.comm.messageDim,
        g.comm.learned,
        g.activation,
        new FastRandom(k),
        `worker/${k}/actor`,
      )
    : g.diverse
      ? new DiverseActor(
          g.diverse.obsDim,
          g.diverse.count,
          g.actorSizes[1],
          g.actorSizes[3],
          g.diverse.target,
          g.activation,
          new FastRandom(k),
          `worker/${k}/actor`,
        )
      : new Mlp(
          g.actorSizes,
          g.actorSizes.slice(1).map(() => 1),
          new FastRandom(k),
          `worker/${k}/actor`,
          g.activation,
        ),
  critic: new Mlp(
    g.criticSizes,
    g.criticSizes.slice(1).map(() => 1),
    new FastRandom(k),
    `worker/${k}/critic`,
    g.activation,
  ),
  params: new Float32Array(g.buffer, 0, g.paramCount),
  data: new Float32Array(g.buffer, g.paramCount * 4, dataFloats(g.maxRows, g.inDim, g.criticDim)),
  out: new Float32Array(g.buffer, (g.paramCount + dataFloats(g.maxRows, g.inDim, g.criticDim)) * 4, g.paramCount + 5),
}));
parentPort!.postMessage('ready');

for (;;) {
  Atomics.wait(ctrl, CTRL.request, 0);
  const request = Atomics.load(ctrl, CTRL.request);
  if (request === 2) break;
  const gi = Atomics.load(ctrl, CTRL.policy);
  const rows = Atomics.load(ctrl, CTRL.rows);
  let status = 1;
  try {
    const spec = policies[gi];
    const net = nets[gi];
    // weights of this minibatch step, then this worker's rows
    tf.tidy(() => {
      let off = 0;
      for (const v of [...net.actor.variables(), ...net.critic.variables()]) {
        const n = v.size;
        v.assign(tf.tensor(net.params.slice(off, off + n), v.shape));
        off += n;
      }
    });
    const d = net.data;
    const imitation = d[1] === 1;
    if (net.actor instanceof DiverseActor) net.actor.scale = d[2];
    let o = HEADER_FLOATS;
    const take = (n: number) => d.slice(o, (o += n));
    const actorInputs = take(rows * spec.inDim);
    const criticInputs = spec.criticGlobal ? take(rows * spec.criticDim) : null;
    const actions = Int32Array.from(take(rows));
    const mb = {
      rows,
      inDim: spec.inDim,
      criticDim: spec.criticDim,
      actorInputs,
      criticInputs,
      actions,
      logp: take(rows),
      values: take(rows),
      advantages: take(rows),
      returns: take(rows),
      teacher: null as Int32Array | null,
    };
    if (imitation) mb.teacher = Int32Array.from(take(rows));
    const { grads, stats } = minibatchGradients(net.actor, net.critic, mb, { ...loss, entCoef: d[0] });
    let q = 0;
    for (const gr of grads) {
      net.out.set(gr, q);
      q += gr.length;
    }
    net.out.set(stats, q);
  } catch (err) {
    // the main thread waits on `done`: report the failure there instead of dying silently
    status = -1;
    parentPort!.postMessage({ error: (err as Error).message });
  }
  Atomics.store(ctrl, CTRL.request, 0);
  Atomics.store(ctrl, CTRL.done, status);
  Atomics.notify(ctrl, CTRL.done);
}
