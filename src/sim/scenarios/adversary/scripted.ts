import type { ControllerAction, ObservationBatch } from '../../controller';
import type { AdversaryScenario } from './scenario';
import { goToLandmark } from '../spread/scripted';

/**
 * Good agents cover every landmark (greedy assignment, one agent each), so the one at the goal looks like
 * the others and the adversary cannot tell which landmark matters.
 */
export function coverLandmarks(sc: AdversaryScenario, agent: number): Float32Array {
  const w = sc.world;
  // greedy assignment over the good agents only: a world view without the adversary's row
  const target = goodAssignment(sc);
  return goToLandmark(w, agent, target[agent - 1]);
}

function goodAssignment(sc: AdversaryScenario): Int32Array {
  const w = sc.world;
  const pairs: [number, number, number][] = [];
  for (let g = 1; g <= sc.n; g++) for (let l = sc.n + 1; l < w.numEntities; l++) pairs.push([w.distance(g, l), g, l]);
  pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1] || p[2] - q[2]);
  const target = new Int32Array(sc.n).fill(-1);
  const taken = new Set<number>();
  for (const [, g, l] of pairs) {
    if (target[g - 1] >= 0 || taken.has(l)) continue;
    target[g - 1] = l;
    taken.add(l);
  }
  return target;
}

/**
 * The adversary does not see the goal: it heads for the landmark the good agents approach fastest (the
 * one whose nearest good agent is closest), its best guess at the goal.
 */
export function guessGoal(sc: AdversaryScenario): Float32Array {
  const w = sc.world;
  let best = -1;
  let bestD = Infinity;
  for (let l = sc.n + 1; l < w.numEntities; l++) {
    for (let g = 1; g <= sc.n; g++) {
      const d = w.distance(g, l);
      if (d < bestD) {
        bestD = d;
        best = l;
      }
    }
  }
  return goToLandmark(w, 0, best);
}

/** Good agents cover every landmark; the adversary heads for its best guess at the goal. */
export function scripted(batch: ObservationBatch): ControllerAction[] {
  const adv = batch.ctx.scenario as AdversaryScenario;
  return batch.agents.map((s) => (s.role === 'adversary' ? guessGoal(adv) : coverLandmarks(adv, s.index)));
}
