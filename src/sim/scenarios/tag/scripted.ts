import type { ControllerAction, ObservationBatch } from '../../controller';
import type { TagScenario } from './scenario';
import { directionToMove } from '../../actions';
import { pursue, unit, type Vec, wallPull } from '../../steering';

/** Predator: chase the nearest prey at full speed, aiming slightly ahead of it. */
export function chaseNearestPrey(sc: TagScenario, agent: number): Float32Array {
  const w = sc.world;
  let best = -1;
  let bestD = Infinity;
  for (let g = sc.numAdversaries; g < sc.numAdversaries + sc.numGood; g++) {
    const d = w.distance(agent, g);
    if (d < bestD) {
      bestD = d;
      best = g;
    }
  }
  if (best < 0) return directionToMove(0, 0);
  const dir = pursue(w, agent, best);
  return directionToMove(dir.x, dir.y);
}

/**
 * Prey: run from the predators (the nearest counts most), keep clear of obstacles, and turn back before
 * the arena edge, where the boundary penalty starts at 0.9.
 */
export function fleePredators(sc: TagScenario, agent: number): Float32Array {
  const w = sc.world;
  const px = w.pos[2 * agent];
  const py = w.pos[2 * agent + 1];
  const push: Vec = { x: 0, y: 0 };
  for (let a = 0; a < sc.numAdversaries; a++) {
    const dx = px - w.pos[2 * a];
    const dy = py - w.pos[2 * a + 1];
    const d2 = Math.max(dx * dx + dy * dy, 1e-4);
    push.x += dx / d2;
    push.y += dy / d2;
  }
  const total = sc.numAdversaries + sc.numGood;
  for (let o = total; o < total + sc.numObstacles; o++) {
    const dx = px - w.pos[2 * o];
    const dy = py - w.pos[2 * o + 1];
    const gap = Math.hypot(dx, dy) - w.entities[o].size - w.entities[agent].size;
    if (gap < 0.15) {
      const u = unit(dx, dy);
      const k = (0.15 - gap) * 20;
      push.x += u.x * k;
      push.y += u.y * k;
    }
  }
  const flee = unit(push.x, push.y);
  const dir = unit(flee.x + wallPull(px), flee.y + wallPull(py));
  return directionToMove(dir.x, dir.y);
}

/** Predators chase the nearest prey; prey flee the predators inside the arena. */
export function scripted(batch: ObservationBatch): ControllerAction[] {
  const tag = batch.ctx.scenario as TagScenario;
  return batch.agents.map((s) => (s.role === 'adversary' ? chaseNearestPrey(tag, s.index) : fleePredators(tag, s.index)));
}
