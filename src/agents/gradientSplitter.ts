import type { LossSettings, Minibatch } from './minibatchGradients';
import type { TrainingPolicy } from './trainingPolicy';

/**
 * Computes one minibatch's PPO gradient for a training policy somewhere other than (or besides) the calling
 * thread: the Node CLI splits the rows with worker threads (`workerGradients.ts`), one per extra core.
 * The result equals `minibatchGradients` on the whole minibatch up to float summation order.
 */
export interface GradientSplitter {
  compute(groupIndex: number, g: TrainingPolicy, mb: Minibatch, loss: LossSettings): { grads: Float32Array[]; stats: Float32Array };
  dispose(): Promise<void>;
}
