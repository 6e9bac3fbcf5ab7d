import { MOVE_COUNT } from '../actions';
import type { NumpyRandom } from '../rng';
import type { Role } from '../scenario';
import { box, discrete, type Space } from '../spaces';
import type { World } from '../world';

/** PettingZoo's action space: move (5) if movable, times say (dim_c) if not silent. */
export function actionSpaceFor(world: World, agent: number, continuous: boolean): Space {
  const movable = world.isMovable(agent);
  const speaks = !world.isSilent(agent);
  if (continuous) return box((movable ? MOVE_COUNT : 0) + (speaks ? world.dimC : 0), 0, 1);
  return discrete((movable ? MOVE_COUNT : 1) * (speaks ? world.dimC : 1));
}

/** Positions in entity order, x then y, agents from U(-1, 1), landmarks from U(-range, range). */
export function drawPositions(world: World, rng: NumpyRandom, landmarkRange: number): void {
  for (let i = 0; i < world.numEntities; i++) {
    const r = i < world.numAgents ? 1 : landmarkRange;
    world.pos[2 * i] = rng.uniform(-r, +r);
    world.pos[2 * i + 1] = rng.uniform(-r, +r);
  }
  world.clearDynamics();
}

/** Writes `p[to] - p[from]` at `out[offset..offset+1]`; returns the next offset. */
export function writeRelative(world: World, from: number, to: number, out: Float32Array, offset: number): number {
  out[offset] = world.pos[2 * to] - world.pos[2 * from];
  out[offset + 1] = world.pos[2 * to + 1] - world.pos[2 * from + 1];
  return offset + 2;
}

export function writePair(src: Float64Array, entity: number, out: Float32Array, offset: number): number {
  out[offset] = src[2 * entity];
  out[offset + 1] = src[2 * entity + 1];
  return offset + 2;
}

export function makeRole(name: string, agents: number[], obsDims: readonly number[], spaces: readonly Space[]): Role {
  return { name, agents, obsDim: obsDims[agents[0]], actionSpace: spaces[agents[0]] };
}

export const range = (n: number, start = 0): number[] => Array.from({ length: n }, (_, i) => start + i);
