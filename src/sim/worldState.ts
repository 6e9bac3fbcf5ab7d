import { ArenaInputError } from './errors';
import type { Scenario } from './scenario';

/**
 * A full, JSON-friendly snapshot of a world, named as the recorded PettingZoo trajectories name it, so a
 * recorded `initial.state` (plus `initial.goals`) can be loaded as it is and replayed.
 *
 * - `p_pos[e]`, `p_vel[e]`: `[x, y]` per entity, agents first then landmarks.
 * - `c[i]`: the comm vector (`dim_c` values) per agent.
 * - `goals` (speaker_listener, reference): per agent with a goal, `goal_a` (the agent that must reach it)
 *   and `goal_b` (the landmark's name).
 * - `goal`, `key` (adversary, push, crypto): the landmark drawn at reset as the goal (every agent's
 *   `goal_a`) and, in crypto, the one whose colour is alice_0's key, by name (a recording's
 *   `initial.goal.landmark` and `initial.key.landmark`).
 * - `t`: steps already taken in the episode (0 after reset).
 */
export interface WorldSnapshot {
  p_pos: number[][];
  p_vel: number[][];
  c: number[][];
  goals?: { agent: string; goal_a: string; goal_b: string }[];
  goal?: string;
  key?: string;
  t?: number;
}

export function snapshotOf(scenario: Scenario, t: number): WorldSnapshot {
  const w = scenario.world;
  const pairs = (arr: Float64Array) => Array.from({ length: w.numEntities }, (_, i) => [arr[2 * i], arr[2 * i + 1]]);
  const snap: WorldSnapshot = {
    p_pos: pairs(w.pos),
    p_vel: pairs(w.vel),
    c: Array.from({ length: w.numAgents }, (_, i) => Array.from(w.comm.subarray(i * w.dimC, (i + 1) * w.dimC))),
    t,
  };
  const goals = [];
  for (let i = 0; i < w.numAgents; i++) {
    if (w.goalB[i] >= 0) goals.push({ agent: w.entities[i].name, goal_a: w.entities[w.goalA[i]].name, goal_b: w.entities[w.goalB[i]].name });
  }
  if (goals.length > 0) snap.goals = goals;
  const picks = scenario.landmarkPicks?.();
  if (picks?.goal !== undefined) snap.goal = w.entities[picks.goal].name;
  if (picks?.key !== undefined) snap.key = w.entities[picks.key].name;
  return snap;
}

/** Largest coordinate, speed or message value a state may hold: squared distances of 1e300 overflow to Infinity. */
const MAX_STATE_VALUE = 1e6;

function checkMatrix(field: string, value: unknown, rows: number, cols: number): number[][] {
  const allowed = `${rows} rows of ${cols} finite numbers of magnitude up to ${MAX_STATE_VALUE}`;
  if (!Array.isArray(value) || value.length !== rows) throw new ArenaInputError(field, value, allowed);
  value.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== cols || !row.every((v) => typeof v === 'number' && Math.abs(v) <= MAX_STATE_VALUE)) {
      throw new ArenaInputError(`${field}[${i}]`, row, `${cols} finite numbers of magnitude up to ${MAX_STATE_VALUE}`);
    }
  });
  return value as number[][];
}

/** Check a snapshot fully, then write it into the scenario's world (nothing changes if it is rejected). */
export function loadSnapshot(scenario: Scenario, snap: WorldSnapshot): number {
  const w = scenario.world;
  if (snap === null || typeof snap !== 'object') throw new ArenaInputError('state', snap, 'an object {p_pos, p_vel, c, goals?, t?}');
  const pos = checkMatrix('state.p_pos', snap.p_pos, w.numEntities, 2);
  const vel = checkMatrix('state.p_vel', snap.p_vel, w.numEntities, 2);
  const comm = checkMatrix('state.c', snap.c ?? [], w.numAgents, w.dimC);
  for (let e = 0; e < w.numEntities; e++) {
    if (!w.isMovable(e) && (vel[e][0] !== 0 || vel[e][1] !== 0)) {
      throw new ArenaInputError(`state.p_vel[${e}]`, vel[e], `[0, 0]: ${w.entities[e].name} cannot move`);
    }
  }
  const t = snap.t ?? 0;
  if (!Number.isInteger(t) || t < 0 || t >= scenario.maxCycles) {
    throw new ArenaInputError('state.t', t, `an integer from 0 to ${scenario.maxCycles - 1} (max_cycles - 1)`);
  }
  const goalA = Int32Array.from(w.goalA);
  const goalB = Int32Array.from(w.goalB);
  const needsGoals = scenario.goalHolders.length > 0;
  if (needsGoals) {
    const goals = snap.goals;
    const agentNames = scenario.agentNames;
    const landmarks = w.entities.filter((e) => e.kind === 'landmark').map((e) => e.name);
    if (!Array.isArray(goals)) throw new ArenaInputError('state.goals', goals, `a list of {agent, goal_a, goal_b} (goal_b one of ${landmarks.join(', ')})`);
    for (const [k, g] of goals.entries()) {
      const i = agentNames.indexOf(g?.agent);
      const a = agentNames.indexOf(g?.goal_a);
      const b = landmarks.indexOf(g?.goal_b);
      if (i < 0) throw new ArenaInputError(`state.goals[${k}].agent`, g?.agent, agentNames.join(', '));
      if (a < 0) throw new ArenaInputError(`state.goals[${k}].goal_a`, g?.goal_a, agentNames.join(', '));
      if (b < 0) throw new ArenaInputError(`state.goals[${k}].goal_b`, g?.goal_b, landmarks.join(', '));
      goalA[i] = a;
      goalB[i] = w.numAgents + b;
    }
    for (const i of scenario.goalHolders) {
      if (goalB[i] < 0) throw new ArenaInputError('state.goals', goals, `a goal for ${agentNames[i]}`);
    }
  }

  let picks: { goal?: number; key?: number } | null = null;
  const wanted = scenario.landmarkPicks?.();
  if (wanted) {
    picks = {};
    const landmarks = w.entities.map((e, i) => [e, i] as const).filter(([e]) => e.kind === 'landmark');
    for (const name of ['goal', 'key'] as const) {
      if (wanted[name] === undefined) continue;
      const found = landmarks.find(([e]) => e.name === snap[name]);
      if (!found) throw new ArenaInputError(`state.${name}`, snap[name], `the name of the ${name} landmark: ${landmarks.map(([e]) => e.name).join(', ')}`);
      picks[name] = found[1];
    }
  }

  for (let e = 0; e < w.numEntities; e++) {
    w.pos[2 * e] = pos[e][0];
    w.pos[2 * e + 1] = pos[e][1];
    w.vel[2 * e] = vel[e][0];
    w.vel[2 * e + 1] = vel[e][1];
  }
  for (let i = 0; i < w.numAgents; i++) for (let k = 0; k < w.dimC; k++) w.comm[i * w.dimC + k] = comm[i][k];
  w.actionForce.fill(0);
  w.actionComm.fill(0);
  if (needsGoals) {
    w.goalA.set(goalA);
    w.goalB.set(goalB);
    scenario.goalsChanged();
  }
  if (picks) scenario.setLandmarkPicks!(picks);
  w.syncBodies();
  return t;
}
