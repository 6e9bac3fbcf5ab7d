import type { ControllerAction, ObservationBatch } from '../../controller';
import type { WorldCommScenario } from './scenario';
import { directionToMove, MOVE_COUNT } from '../../actions';
import { arrive, pursue, unit, type Vec, wallPull } from '../../steering';

const QUADRANT_CENTRES: [number, number][] = [
  [-0.5, -0.5],
  [0.5, -0.5],
  [-0.5, 0.5],
  [0.5, 0.5],
];

const quadrantOf = (x: number, y: number) => (x >= 0 ? 1 : 0) + (y >= 0 ? 2 : 0);

/** The nearest prey agent `a` can see, or -1. */
function nearestVisiblePrey(sc: WorldCommScenario, a: number): number {
  let best = -1;
  let bestD = Infinity;
  for (let g = sc.numAdversaries; g < sc.world.numAgents; g++) {
    if (!sc.visible(a, g)) continue;
    const d = sc.world.distance(a, g);
    if (d < bestD) {
      bestD = d;
      best = g;
    }
  }
  return best;
}

/** Leader (sees everyone): chase the nearest prey and say which quadrant of the arena it is in. */
export function leaderAct(sc: WorldCommScenario): Float32Array {
  const w = sc.world;
  const out = new Float32Array(MOVE_COUNT + w.dimC);
  const prey = nearestVisiblePrey(sc, 0);
  if (prey < 0) return out;
  const dir = pursue(w, 0, prey);
  directionToMove(dir.x, dir.y, out, 0);
  out[MOVE_COUNT + quadrantOf(w.pos[2 * prey], w.pos[2 * prey + 1])] = 1;
  return out;
}

/** Follower: chase the nearest prey it can see; seeing none, go where the leader says. */
export function followerAct(sc: WorldCommScenario, agent: number): Float32Array {
  const w = sc.world;
  const prey = nearestVisiblePrey(sc, agent);
  if (prey >= 0) {
    const dir = pursue(w, agent, prey);
    return directionToMove(dir.x, dir.y);
  }
  let said = -1;
  for (let k = 0; k < w.dimC; k++) if (w.comm[k] > 0.5) said = k;
  if (said < 0) return directionToMove(0, 0);
  const [tx, ty] = QUADRANT_CENTRES[said];
  const dir = arrive(w, agent, tx, ty);
  return directionToMove(dir.x, dir.y);
}

/**
 * Prey: run from the predators it can see, head for the nearest food, and towards the nearest forest
 * when a predator is close; turn back before the edge, where the penalty starts at 0.9.
 */
export function preyAct(sc: WorldCommScenario, agent: number): Float32Array {
  const w = sc.world;
  const px = w.pos[2 * agent];
  const py = w.pos[2 * agent + 1];
  const push: Vec = { x: 0, y: 0 };
  let threat = Infinity;
  for (let a = 0; a < sc.numAdversaries; a++) {
    if (!sc.visible(agent, a)) continue;
    const dx = px - w.pos[2 * a];
    const dy = py - w.pos[2 * a + 1];
    const d2 = Math.max(dx * dx + dy * dy, 1e-4);
    threat = Math.min(threat, Math.sqrt(d2));
    push.x += dx / d2;
    push.y += dy / d2;
  }
  const toward = (first: number, end: number, weight: number) => {
    let best = -1;
    let bestD = Infinity;
    for (let l = first; l < end; l++) {
      const d = w.distance(agent, l);
      if (d < bestD) {
        bestD = d;
        best = l;
      }
    }
    if (best < 0) return;
    const u = unit(w.pos[2 * best] - px, w.pos[2 * best + 1] - py);
    push.x += u.x * weight;
    push.y += u.y * weight;
  };
  toward(sc.firstFood, sc.firstForest, 1);
  if (threat < 0.5) toward(sc.firstForest, w.numEntities, 2);
  const flee = unit(push.x, push.y);
  const dir = unit(flee.x + wallPull(px), flee.y + wallPull(py));
  return directionToMove(dir.x, dir.y);
}

/** The leader says where prey are; the other predators hunt with it; prey go for food and hide in forests. */
export function scripted(batch: ObservationBatch): ControllerAction[] {
  const wc = batch.ctx.scenario as WorldCommScenario;
  return batch.agents.map((s) => (s.role === 'leader' ? leaderAct(wc) : s.role === 'adversary' ? followerAct(wc, s.index) : preyAct(wc, s.index)));
}
