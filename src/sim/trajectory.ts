import { checkAction } from './actions';
import type { ParallelEnv } from './env';
import { ArenaInputError } from './errors';
import { isRecord } from './readInput';
import type { WorldSnapshot } from './worldState';

/**
 * A recorded PettingZoo episode (the `mpe-reference/1` trajectory format, see ../shared/mpe-reference/README.md)
 * and the check of its shape before a replay: a malformed file is reported field by field, like a
 * checkpoint, instead of failing inside the replay with a message about our code.
 */

export interface RecordedStep {
  t: number;
  /** Per agent: the continuous vector, or (PettingZoo's discrete recordings) the discrete index. */
  actions: (number | number[])[];
  obs: number[][];
  rewards: number[];
  terminations: boolean[];
  truncations: boolean[];
  agents_after: string[];
  state: { p_pos: number[][]; p_vel: number[][]; c?: number[][] };
}

export interface Trajectory {
  env: string;
  scenario?: string;
  env_kwargs: Record<string, unknown>;
  reset_seed?: number;
  action_type?: string;
  c_recorded_per_step?: boolean;
  num_steps: number;
  agents: string[];
  initial: { state: WorldSnapshot; obs: number[][]; agents: string[]; goals?: WorldSnapshot['goals']; goal?: { landmark: string }; key?: { landmark: string } };
  steps: RecordedStep[];
}

/** Problems listed in a FAIL row; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 5;

/** Collects shape problems as ArenaInputError messages (`steps[3].rewards[1]: got null; allowed: a number`). */
class Problems {
  readonly list: string[] = [];
  private count = 0;

  add(field: string, value: unknown, allowed: string): false {
    return this.addError(new ArenaInputError(field, value, allowed));
  }

  addError(err: ArenaInputError): false {
    this.count++;
    if (this.list.length < MAX_LISTED_PROBLEMS) this.list.push(err.message);
    return false;
  }

  /** `ok`, or a problem: so a caller can stop looking inside a field that is already wrong. */
  need(ok: boolean, field: string, value: unknown, allowed: string): boolean {
    return ok || this.add(field, value, allowed);
  }

  done(): string[] {
    const more = this.count - this.list.length;
    return more > 0 ? [...this.list, `… and ${more} more problems`] : this.list;
  }
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isOptional = (v: unknown, ok: (v: unknown) => boolean) => v === undefined || ok(v);

/** A list of `length` items each passing `item` (which reports its own problems). */
function list(p: Problems, field: string, value: unknown, length: number | null, what: string, item: (v: unknown, at: string, i: number) => void): void {
  const allowed = length === null ? `a list of ${what}` : `a list of ${length} ${what}`;
  if (!p.need(Array.isArray(value) && (length === null || value.length === length), field, value, allowed)) return;
  (value as unknown[]).forEach((v, i) => item(v, `${field}[${i}]`, i));
}

const numbers = (p: Problems, field: string, value: unknown, length: number) =>
  list(p, field, value, length, 'numbers', (v, at) => p.need(isNumber(v), at, v, 'a number'));

const matrix = (p: Problems, field: string, value: unknown, rows: number, cols: number) =>
  list(p, field, value, rows, `rows of ${cols} numbers`, (row, at) => numbers(p, at, row, cols));

const strings = (p: Problems, field: string, value: unknown) =>
  list(p, field, value, null, 'names', (v, at) => p.need(typeof v === 'string', at, v, 'a name (a string)'));

/** The fields a replay needs before an env can be built: the scenario and its options. */
export function headProblems(data: unknown): string[] {
  const p = new Problems();
  if (!p.need(isRecord(data), 'trajectory', data, 'a JSON object (an mpe-reference/1 trajectory)')) return p.done();
  const t = data as Record<string, unknown>;
  p.need(typeof t.env === 'string', 'env', t.env, 'a PettingZoo env name such as simple_spread_v3');
  p.need(
    isOptional(t.scenario, (v) => typeof v === 'string'),
    'scenario',
    t.scenario,
    'a configuration name (a string)',
  );
  p.need(isRecord(t.env_kwargs), 'env_kwargs', t.env_kwargs, "an object of the env's options");
  return p.done();
}

/** Every other field, checked against the env built from `env_kwargs`: shapes, types and step numbers. */
export function trajectoryProblems(data: Record<string, unknown>, env: ParallelEnv): string[] {
  const p = new Problems();
  const sc = env.scenario;
  const w = sc.world;
  const n = env.possibleAgents.length;
  const seed = data.reset_seed;
  p.need(
    isOptional(seed, (v) => Number.isSafeInteger(v) && (v as number) >= 0),
    'reset_seed',
    seed,
    'a non-negative integer',
  );
  const type = sc.continuousActions ? 'continuous' : 'discrete';
  p.need(
    isOptional(data.action_type, (v) => v === type),
    'action_type',
    data.action_type,
    `"${type}" (as env_kwargs.continuous_actions says)`,
  );
  p.need(
    isOptional(data.c_recorded_per_step, (v) => typeof v === 'boolean'),
    'c_recorded_per_step',
    data.c_recorded_per_step,
    'true or false',
  );
  const numSteps = data.num_steps;
  p.need(Number.isSafeInteger(numSteps) && (numSteps as number) >= 0, 'num_steps', numSteps, 'a non-negative integer');
  // the replay keys every per-agent list by these names: they must be the env's, in its order
  list(p, 'agents', data.agents, n, 'agent names', (v, at, i) =>
    p.need(v === env.possibleAgents[i], at, v, `${env.possibleAgents[i]} (the env's agents in order)`),
  );

  const state = (field: string, value: unknown, needC: boolean) => {
    if (!p.need(isRecord(value), field, value, 'an object {p_pos, p_vel, c}')) return;
    const s = value as Record<string, unknown>;
    matrix(p, `${field}.p_pos`, s.p_pos, w.numEntities, 2);
    matrix(p, `${field}.p_vel`, s.p_vel, w.numEntities, 2);
    if (needC || s.c !== undefined) matrix(p, `${field}.c`, s.c, n, w.dimC);
  };
  const observations = (field: string, value: unknown) => list(p, field, value, n, 'observations', (v, at, i) => numbers(p, at, v, sc.obsDims[i]));

  const init = data.initial;
  if (p.need(isRecord(init), 'initial', init, 'an object {state, obs, agents, goals?, goal?, key?}')) {
    const i = init as Record<string, unknown>;
    state('initial.state', i.state, true);
    observations('initial.obs', i.obs);
    strings(p, 'initial.agents', i.agents);
    if (i.goals !== undefined) {
      list(p, 'initial.goals', i.goals, null, '{agent, goal_a, goal_b}', (g, at) => {
        if (!p.need(isRecord(g), at, g, 'an object {agent, goal_a, goal_b}')) return;
        for (const k of ['agent', 'goal_a', 'goal_b'])
          p.need(typeof (g as Record<string, unknown>)[k] === 'string', `${at}.${k}`, (g as Record<string, unknown>)[k], 'a name');
      });
    }
    for (const k of ['goal', 'key']) {
      const v = i[k];
      p.need(
        isOptional(v, (x) => isRecord(x) && typeof x.landmark === 'string'),
        `initial.${k}`,
        v,
        'an object {landmark} naming a landmark',
      );
    }
  }

  const steps = data.steps;
  // PettingZoo's references count steps from 1 (t after the step); the page's recordings from 0: one rule per file
  const first = Array.isArray(steps) && isRecord(steps[0]) ? (steps[0] as Record<string, unknown>).t : 1;
  const offset = first === 0 ? 0 : 1;
  list(p, 'steps', steps, Number.isSafeInteger(numSteps) ? (numSteps as number) : null, 'steps (num_steps)', (s, at, k) => {
    if (!p.need(isRecord(s), at, s, 'a step {t, actions, obs, rewards, terminations, truncations, agents_after, state}')) return;
    const step = s as Record<string, unknown>;
    p.need(step.t === k + offset, `${at}.t`, step.t, `${k + offset} (steps[k].t is k + ${offset} in this file)`);
    list(p, `${at}.actions`, step.actions, n, 'actions', (a, f, i) => {
      try {
        checkAction(sc.actionSpaces[i], env.possibleAgents[i], a, f);
      } catch (err) {
        if (!(err instanceof ArenaInputError)) throw err;
        p.addError(err);
      }
    });
    observations(`${at}.obs`, step.obs);
    numbers(p, `${at}.rewards`, step.rewards, n);
    for (const flags of ['terminations', 'truncations']) {
      list(p, `${at}.${flags}`, step[flags], n, 'flags', (v, f) => p.need(typeof v === 'boolean', f, v, 'true or false'));
    }
    strings(p, `${at}.agents_after`, step.agents_after);
    state(`${at}.state`, step.state, data.c_recorded_per_step === true);
  });
  return p.done();
}
