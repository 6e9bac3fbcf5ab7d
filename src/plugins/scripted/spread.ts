import type { World } from '../../sim/world';
import { directionToMove } from '../actionAdapter';
import { arrive } from '../steering';

/**
 * Greedy landmark assignment: repeatedly pair the closest free (agent, landmark), so every landmark gets
 * one agent. Returns the landmark entity index for each agent.
 */
export function greedyAssignment(world: World, numAgents: number): Int32Array {
  const pairs: [number, number, number][] = [];
  for (let a = 0; a < numAgents; a++) {
    for (let l = numAgents; l < world.numEntities; l++) pairs.push([world.distance(a, l), a, l]);
  }
  pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1] || p[2] - q[2]);
  const target = new Int32Array(numAgents).fill(-1);
  const taken = new Set<number>();
  for (const [, a, l] of pairs) {
    if (target[a] >= 0 || taken.has(l)) continue;
    target[a] = l;
    taken.add(l);
  }
  return target;
}

export function goToLandmark(world: World, agent: number, landmark: number): Float32Array {
  if (landmark < 0) return directionToMove(0, 0);
  const dir = arrive(world, agent, world.pos[2 * landmark], world.pos[2 * landmark + 1]);
  return directionToMove(dir.x, dir.y);
}
