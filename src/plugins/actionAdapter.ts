import { actionLayout, discreteToVector, vectorToDiscrete } from '../sim/actions';
import type { Space } from '../sim/spaces';
import type { World } from '../sim/world';
import type { ControllerAction } from '../sim/controller';

/**
 * A controller's answer (a discrete index or a vector, see `src/sim/actions.ts`) as the continuous vector
 * the game's env takes, checked against the agent's spaces.
 */
export function toContinuous(action: ControllerAction, discreteSpace: Space, world: World, agent: number, out?: Float32Array): Float32Array {
  if (typeof action !== 'number') {
    const { width } = actionLayout(world, agent);
    if (action.length !== width) throw new RangeError(`continuous action for ${world.entities[agent].name} needs ${width} values, got ${action.length}`);
    return action;
  }
  if (discreteSpace.type !== 'Discrete' || !Number.isInteger(action) || action < 0 || action >= discreteSpace.n) {
    throw new RangeError(`discrete action ${action} is outside ${JSON.stringify(discreteSpace)}`);
  }
  return discreteToVector(action, world, agent, out);
}

/** A controller's answer as the nearest discrete action (training against built-in controllers). */
export function toDiscrete(action: ControllerAction, world: World, agent: number): number {
  return typeof action === 'number' ? action : vectorToDiscrete(action, world, agent);
}
