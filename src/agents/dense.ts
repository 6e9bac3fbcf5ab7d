import { tf } from './tf';

export type Activation = 'relu' | 'tanh' | 'linear';

/**
 * A dense layer `act(x W + b)` with its gradient written out. tfjs's own gradient of matMul uses
 * transposed-operand multiplications that the wasm backend runs several times slower than an explicit
 * transpose followed by a plain multiplication; with these layers a PPO minibatch update is about 4x
 * faster. Same values, same gradients.
 */
function makeDense(act: Activation) {
  const f = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
    const z = tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b);
    const y = act === 'relu' ? tf.relu(z) : act === 'tanh' ? tf.tanh(z) : z;
    save([x, w, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sw, sy] = saved;
        const dz = act === 'relu' ? tf.mul(dy, tf.step(sy)) : act === 'tanh' ? tf.mul(dy, tf.sub(1, tf.square(sy))) : dy;
        return [tf.matMul(dz as tf.Tensor2D, tf.transpose(sw) as tf.Tensor2D), tf.matMul(tf.transpose(sx) as tf.Tensor2D, dz as tf.Tensor2D), tf.sum(dz, 0)];
      },
    };
  };
  // customGrad's typing takes a variadic function; ours has exactly three inputs and the save hook
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor;
}

const layers = new Map<Activation, ReturnType<typeof makeDense>>();

export function dense(x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor, act: Activation): tf.Tensor2D {
  let f = layers.get(act);
  if (!f) {
    f = makeDense(act);
    layers.set(act, f);
  }
  return f(x, w, b) as tf.Tensor2D;
}
