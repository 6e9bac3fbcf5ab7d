import { ArenaInputError } from './errors';
import { isRecord, refuseUnknownKeys } from './readInput';
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

/** `value` read once, element by element, into a flat copy (a getter cannot change it after the check). */
function readMatrix(field: string, value: unknown, rows: number, cols: number): Float64Array {
  const allowed = `${rows} rows of ${cols} finite numbers of magnitude up to ${MAX_STATE_VALUE}`;
  if (!Array.isArray(value)) throw new ArenaInputError(field, value, allowed);
  const n = value.length;
  if (n !== rows) throw new ArenaInputError(field, value, allowed, `${n} rows`);
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row: unknown = value[i];
    const bad = () => new ArenaInputError(`${field}[${i}]`, row, `${cols} finite numbers of magnitude up to ${MAX_STATE_VALUE}`);
    if (!Array.isArray(row) || row.length !== cols) throw bad();
    for (let k = 0; k < cols; k++) {
      const v: unknown = row[k];
      if (typeof v !== 'number' || !(Math.abs(v) <= MAX_STATE_VALUE)) throw bad();
      out[i * cols + k] = v;
    }
  }
  return out;
}

/** A snapshot read once and checked: all `applySnapshot` writes. */
export interface CheckedSnapshot {
  pos: Float64Array;
  vel: Float64Array;
  comm: Float64Array;
  t: number;
  goals: { goalA: Int32Array; goalB: Int32Array } | null;
  picks: { goal?: number; key?: number } | null;
}

const SNAPSHOT_KEYS = ['p_pos', 'p_vel', 'c', 'goals', 'goal', 'key', 't'];
const GOAL_KEYS = ['agent', 'goal_a', 'goal_b'];

/**
 * Check a snapshot fully without changing anything (each field is read once; only the copies are used).
 * `t` may be 0 to `max_cycles - 1`: a state from which the episode goes on. `field` names it in errors.
 * `strict` refuses keys `snapshotOf` never writes (saved states; recordings carry extra goal fields).
 */
export function checkSnapshot(scenario: Scenario, snap: WorldSnapshot, field = 'state', strict = false): CheckedSnapshot {
  const w = scenario.world;
  const allowed = 'an object {p_pos, p_vel, c, goals?, goal?, key?, t?}';
  if (!isRecord(snap)) throw new ArenaInputError(field, snap, allowed);
  if (strict) refuseUnknownKeys(field, snap, SNAPSHOT_KEYS, allowed);
  const { p_pos, p_vel, c, goals, goal, key, t: rawT } = snap;
  const pos = readMatrix(`${field}.p_pos`, p_pos, w.numEntities, 2);
  const vel = readMatrix(`${field}.p_vel`, p_vel, w.numEntities, 2);
  const comm = readMatrix(`${field}.c`, c, w.numAgents, w.dimC);
  for (let e = 0; e < w.numEntities; e++) {
    if (!w.isMovable(e) && (vel[2 * e] !== 0 || vel[2 * e + 1] !== 0)) {
      throw new ArenaInputError(`${field}.p_vel[${e}]`, [vel[2 * e], vel[2 * e + 1]], `[0, 0]: ${w.entities[e].name} cannot move`);
    }
  }
  if (!w.walled) checkApart(scenario, pos, field);
  const t = rawT ?? 0;
  if (!Number.isInteger(t) || t < 0 || t >= scenario.maxCycles) {
    throw new ArenaInputError(`${field}.t`, t, `an integer from 0 to ${scenario.maxCycles - 1} (max_cycles - 1)`);
  }
  return {
    pos,
    vel,
    comm,
    t,
    goals: scenario.goalHolders.length > 0 ? readGoals(scenario, goals, field, strict) : null,
    picks: readPicks(scenario, { goal, key }, field),
  };
}

/**
 * Two colliding entities (one of them movable) at exactly one point: PettingZoo's contact force divides
 * by their distance there and gives NaN, so such a state is not one the MPE can step from.
 */
function checkApart(scenario: Scenario, pos: Float64Array, field: string): void {
  const ents = scenario.world.entities;
  for (let a = 0; a < ents.length; a++) {
    for (let b = a + 1; b < ents.length; b++) {
      if (!ents[a].collide || !ents[b].collide || !(ents[a].movable || ents[b].movable)) continue;
      if (pos[2 * a] !== pos[2 * b] || pos[2 * a + 1] !== pos[2 * b + 1]) continue;
      const at = [pos[2 * b], pos[2 * b + 1]];
      throw new ArenaInputError(
        `${field}.p_pos[${b}]`,
        at,
        'colliding entities at distinct positions',
        `${ents[b].name} is at the same point as ${ents[a].name} (p_pos[${a}]), where the MPE contact force divides by zero (PettingZoo gives NaN)`,
      );
    }
  }
}

function readGoals(scenario: Scenario, goals: unknown, field: string, strict: boolean): { goalA: Int32Array; goalB: Int32Array } {
  const w = scenario.world;
  const goalA = Int32Array.from(w.goalA);
  const goalB = Int32Array.from(w.goalB);
  const agentNames = scenario.agentNames;
  const landmarks = w.entities.filter((e) => e.kind === 'landmark').map((e) => e.name);
  const allowed = `a list of up to ${w.numAgents} {agent, goal_a, goal_b} (goal_b one of ${landmarks.join(', ')})`;
  const count = Array.isArray(goals) ? goals.length : -1;
  if (count < 0 || count > w.numAgents) throw new ArenaInputError(`${field}.goals`, goals, allowed);
  const list: unknown[] = [];
  for (let k = 0; k < count; k++) list.push((goals as unknown[])[k]);
  list.forEach((g, k) => {
    if (strict && isRecord(g)) refuseUnknownKeys(`${field}.goals[${k}]`, g, GOAL_KEYS, 'an object {agent, goal_a, goal_b}');
    const { agent, goal_a, goal_b } = (g ?? {}) as Record<string, unknown>;
    const i = agentNames.indexOf(agent as string);
    const a = agentNames.indexOf(goal_a as string);
    const b = landmarks.indexOf(goal_b as string);
    if (i < 0) throw new ArenaInputError(`${field}.goals[${k}].agent`, agent, agentNames.join(', '));
    if (a < 0) throw new ArenaInputError(`${field}.goals[${k}].goal_a`, goal_a, agentNames.join(', '));
    if (b < 0) throw new ArenaInputError(`${field}.goals[${k}].goal_b`, goal_b, landmarks.join(', '));
    goalA[i] = a;
    goalB[i] = w.numAgents + b;
  });
  for (const i of scenario.goalHolders) {
    if (goalB[i] < 0) throw new ArenaInputError(`${field}.goals`, list, `a goal for ${agentNames[i]}`);
  }
  return { goalA, goalB };
}

function readPicks(scenario: Scenario, given: { goal?: unknown; key?: unknown }, field: string): { goal?: number; key?: number } | null {
  const wanted = scenario.landmarkPicks?.();
  if (!wanted) return null;
  const picks: { goal?: number; key?: number } = {};
  const landmarks = scenario.world.entities.map((e, i) => [e, i] as const).filter(([e]) => e.kind === 'landmark');
  for (const name of ['goal', 'key'] as const) {
    if (wanted[name] === undefined) continue;
    const found = landmarks.find(([e]) => e.name === given[name]);
    if (!found) throw new ArenaInputError(`${field}.${name}`, given[name], `the name of the ${name} landmark: ${landmarks.map(([e]) => e.name).join(', ')}`);
    picks[name] = found[1];
  }
  return picks;
}

/** Write a checked snapshot into the scenario's world. */
export function applySnapshot(scenario: Scenario, s: CheckedSnapshot): void {
  const w = scenario.world;
  w.pos.set(s.pos);
  w.vel.set(s.vel);
  w.comm.set(s.comm);
  w.actionForce.fill(0);
  w.actionComm.fill(0);
  if (s.goals) {
    w.goalA.set(s.goals.goalA);
    w.goalB.set(s.goals.goalB);
    scenario.goalsChanged();
  }
  if (s.picks) scenario.setLandmarkPicks!(s.picks);
  w.syncBodies();
}

/** Check a snapshot fully, then write it into the scenario's world (nothing changes if it is rejected); returns its `t`. */
export function loadSnapshot(scenario: Scenario, snap: WorldSnapshot): number {
  const checked = checkSnapshot(scenario, snap);
  applySnapshot(scenario, checked);
  return checked.t;
}
