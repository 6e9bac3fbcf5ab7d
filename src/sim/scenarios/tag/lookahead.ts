import { applyContinuousAction, applyDiscreteAction, MOVE_COUNT, vectorToDiscrete } from '../../actions';
import type { World } from '../../world';
import { boundPenalty, TagScenario } from './scenario';
import { chaseNearestPrey, fleePredators } from './scripted';

/** How the prey goes on after its first move in a plan: the scripted flight, or one move held. */
const FLEE = -1;
const CONTINUATIONS = [FLEE, 0, 1, 2, 3, 4];
/**
 * Room to spare counts a little too: per step, this times the distance to the nearest predator (up to 1).
 * Where the chasers steer continuously (the game, `arena eval`) the plan only approximates them; without
 * this term most plans then tie at no loss and the prey stands still until a loss shows inside the
 * horizon (0.31 touches per 25-step episode instead of 0.09). In the discrete env the plan is exact and
 * the term changes little (`scripts/lookahead-probe.mts`).
 */
export const DISTANCE_WEIGHT = 0.2;

/** A scripted rule's move as the live env takes it: as it is, or as the nearest discrete move. */
function applyRule(w: World, agent: number, move: Float32Array, continuous: boolean): void {
  if (continuous) applyContinuousAction(w, agent, move);
  else applyDiscreteAction(w, agent, vectorToDiscrete(move, w, agent));
}

/**
 * Prey that plan: for each of the five moves, play the next `horizon` steps in a copy of the world (the
 * predators chase as the scripted rule does, the other prey flee as theirs does) with the prey going on
 * by the scripted flight or by holding one move, and take the move whose best continuation loses the
 * least of PettingZoo's prey reward (10 per touch, the boundary penalty), keeping its distance on a tie.
 *
 * It reads the whole state, the predators' velocities too, which the prey's observation lacks: it is a
 * teacher for the warm start and a strong opponent, not something a policy can copy move for move.
 * A 10-step horizon looks past the corner the prey would otherwise run into while it is chased (in the
 * discrete env against the scripted chasers, 5 steps: boundary penalty 1.97 per 25-step episode; 10: 0.30).
 */
export class LookaheadPrey {
  private model: TagScenario | null = null;
  /** The options the model was built from. */
  private modelOptions: unknown = null;

  constructor(
    readonly horizon = 10,
    readonly distanceWeight = DISTANCE_WEIGHT,
  ) {}

  /** The discrete move (0–4) for prey `agent` of the live scenario `sc`, which is only read. */
  act(sc: TagScenario, agent: number): number {
    const values = this.moveValues(sc, agent);
    let bestMove = 0;
    // ties keep the earlier move, so a prey out of reach of every plan stays put (move 0)
    for (let move = 1; move < MOVE_COUNT; move++) if (values[move] > values[bestMove]) bestMove = move;
    return bestMove;
  }

  /**
   * What each of the five moves is worth to prey `agent`: the value of its best plan (reward over the
   * horizon plus the room kept). Written into `out` (reused across calls when given).
   */
  moveValues(sc: TagScenario, agent: number, out = new Float64Array(MOVE_COUNT)): Float64Array {
    const model = this.modelOf(sc);
    for (let move = 0; move < MOVE_COUNT; move++) {
      let value = -Infinity;
      for (const then of CONTINUATIONS) value = Math.max(value, this.play(sc, model, agent, move, then));
      out[move] = value;
    }
    return out;
  }

  /** The prey's reward over the horizon when it makes `move` first and then `then`, plus the room it keeps. */
  private play(sc: TagScenario, model: TagScenario, agent: number, move: number, then: number): number {
    const w = model.world;
    w.pos.set(sc.world.pos);
    w.vel.set(sc.world.vel);
    const adv = model.numAdversaries;
    const total = adv + model.numGood;
    let reward = 0;
    let value = 0;
    for (let t = 0; t < this.horizon; t++) {
      for (let a = 0; a < adv; a++) applyRule(w, a, chaseNearestPrey(model, a), sc.continuousActions);
      for (let g = adv; g < total; g++) {
        if (g === agent && (t === 0 || then !== FLEE)) applyDiscreteAction(w, g, t === 0 ? move : then);
        else applyRule(w, g, fleePredators(model, g), sc.continuousActions);
      }
      w.step();
      reward -= 10 * model.touchesOn(agent) + boundPenalty(Math.abs(w.pos[2 * agent])) + boundPenalty(Math.abs(w.pos[2 * agent + 1]));
      let nearest = Infinity;
      for (let a = 0; a < adv; a++) nearest = Math.min(nearest, w.distance(a, agent));
      value += this.distanceWeight * Math.min(nearest, 1);
    }
    return reward + value;
  }

  /** A private world of the same make as `sc` (rebuilt when its options change), for the plans. */
  private modelOf(sc: TagScenario): TagScenario {
    if (this.model === null || this.modelOptions !== sc.options) {
      this.model = new TagScenario({ ...sc.options });
      this.modelOptions = sc.options;
    }
    // the live prey may run on a curriculum's limits: plan with the same ones
    for (let i = 0; i < sc.world.numAgents; i++) this.model.world.setAgentLimits(i, sc.world.sensitivity(i), sc.world.speedLimit(i));
    return this.model;
  }
}
