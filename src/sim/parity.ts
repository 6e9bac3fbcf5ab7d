import { ParallelEnv, type Action } from './env';
import type { ArenaInputError } from './errors';
import { readPlain, thrownText } from './readInput';
import { scenarioEntry } from './scenarios';
import { headProblems, trajectoryProblems, type Trajectory } from './trajectory';

/**
 * Replays one recorded PettingZoo episode (the `mpe-reference/1` trajectory format) and measures how far
 * this env is from it after every step. Pure: the caller reads the files.
 */

export const PARITY_TOLERANCE = { obs: 1e-6, state: 1e-9, reward: 1e-9 } as const;

export interface ParityResult {
  file: string;
  scenario: string;
  steps: number;
  ok: boolean;
  maxObsError: number;
  maxStateError: number;
  maxRewardError: number;
  /** Max error between `reset({seed})` and the recorded initial state (checks our seeded reset too). */
  maxResetError: number;
  /** Mismatches that are not numeric (flags, agent lists) and reasons a file could not be checked. */
  problems: string[];
}

const absErr = (a: number, b: number): number => {
  const e = Math.abs(a - b);
  return Number.isNaN(e) ? Infinity : e;
};

function maxErrRows(got: ArrayLike<number>[], want: number[][]): number {
  if (got.length !== want.length) return Infinity;
  let m = 0;
  for (let i = 0; i < want.length; i++) {
    if (got[i].length !== want[i].length) return Infinity;
    for (let j = 0; j < want[i].length; j++) m = Math.max(m, absErr(got[i][j], want[i][j]));
  }
  return m;
}

const sameList = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** A file that could not be replayed: no steps, no errors measured, the problems that stopped it. */
export function failedParity(file: string, problems: string[] = []): ParityResult {
  return { file, scenario: '?', steps: 0, ok: false, maxObsError: 0, maxStateError: 0, maxRewardError: 0, maxResetError: 0, problems };
}

/**
 * Replays one trajectory and measures the errors. The file's shape is checked first: a malformed one is a
 * FAIL row listing its first problems by field path (`steps[3].rewards[1]: got null; ...`), never a crash.
 */
export function checkTrajectory(file: string, data: unknown): ParityResult {
  const result = failedParity(file);
  let plain: unknown;
  try {
    plain = readPlain('trajectory', data, 'an mpe-reference/1 trajectory');
  } catch (err) {
    result.problems.push((err as ArenaInputError).message); // readPlain throws only ArenaInputErrors
    return finish(result);
  }
  try {
    result.problems.push(...headProblems(plain));
    if (result.problems.length > 0) return finish(result);
    const traj = plain as Trajectory;
    result.scenario = traj.scenario ?? traj.env;
    const entry = scenarioEntry(traj.env);
    const env = new ParallelEnv(entry.id, traj.env_kwargs);
    result.problems.push(...trajectoryProblems(plain as Record<string, unknown>, env));
    if (result.problems.length > 0) return finish(result);
    const names = traj.agents;
    if (!sameList(env.possibleAgents, names)) result.problems.push(`agents ${names} but the env has ${env.possibleAgents}`);

    // The seeded reset must land where PettingZoo's did.
    if (typeof traj.reset_seed === 'number') {
      env.reset({ seed: traj.reset_seed });
      const snap = env.worldState();
      result.maxResetError = Math.max(
        maxErrRows(snap.p_pos, traj.initial.state.p_pos),
        maxErrRows(snap.p_vel, traj.initial.state.p_vel),
        maxErrRows(snap.c, traj.initial.state.c),
      );
      for (const name of ['goal', 'key'] as const) {
        const want = traj.initial[name]?.landmark;
        if (want !== undefined && snap[name] !== want) result.problems.push(`reset(seed=${traj.reset_seed}) drew ${name} ${snap[name]} instead of ${want}`);
      }
      for (const g of traj.initial.goals ?? []) {
        const mine = snap.goals?.find((x) => x.agent === g.agent);
        if (!mine || mine.goal_a !== g.goal_a || mine.goal_b !== g.goal_b) {
          result.problems.push(`reset(seed=${traj.reset_seed}) gave ${g.agent} goal ${mine?.goal_b} instead of ${g.goal_b}`);
        }
      }
    }

    const start = env.loadWorldState({
      ...traj.initial.state,
      goals: traj.initial.goals,
      goal: traj.initial.goal?.landmark,
      key: traj.initial.key?.landmark,
      t: 0,
    });
    result.maxObsError = maxErrRows(
      names.map((n) => start.observations[n]),
      traj.initial.obs,
    );
    if (!sameList(env.agents, traj.initial.agents)) result.problems.push(`initial agents ${env.agents} != ${traj.initial.agents}`);

    const continuous = env.scenario.continuousActions;
    for (const step of traj.steps) {
      const actions: Record<string, Action> = {};
      names.forEach((n, i) => {
        const a = step.actions[i];
        actions[n] = continuous ? Float32Array.from(a as number[]) : (a as number);
      });
      const out = env.step(actions);
      result.steps++;
      result.maxObsError = Math.max(
        result.maxObsError,
        maxErrRows(
          names.map((n) => out.observations[n]),
          step.obs,
        ),
      );
      result.maxRewardError = Math.max(result.maxRewardError, maxErrRows([names.map((n) => out.rewards[n])], [step.rewards]));
      const snap = env.worldState();
      result.maxStateError = Math.max(result.maxStateError, maxErrRows(snap.p_pos, step.state.p_pos), maxErrRows(snap.p_vel, step.state.p_vel));
      if (step.state.c) result.maxStateError = Math.max(result.maxStateError, maxErrRows(snap.c, step.state.c));
      const term = names.map((n) => out.terminations[n]);
      const trunc = names.map((n) => out.truncations[n]);
      if (!sameList(term, step.terminations)) result.problems.push(`t=${step.t}: terminations ${term} != ${step.terminations}`);
      if (!sameList(trunc, step.truncations)) result.problems.push(`t=${step.t}: truncations ${trunc} != ${step.truncations}`);
      if (!sameList(env.agents, step.agents_after))
        result.problems.push(`t=${step.t}: agents ${JSON.stringify(env.agents)} != ${JSON.stringify(step.agents_after)}`);
    }
    if (result.steps !== traj.num_steps) result.problems.push(`replayed ${result.steps} steps of ${traj.num_steps}`);
  } catch (err) {
    result.problems.push(`could not be checked: ${thrownText(err)}`);
  }
  return finish(result);
}

function finish(result: ParityResult): ParityResult {
  result.ok =
    result.problems.length === 0 &&
    result.maxObsError <= PARITY_TOLERANCE.obs &&
    result.maxStateError <= PARITY_TOLERANCE.state &&
    result.maxRewardError <= PARITY_TOLERANCE.reward &&
    result.maxResetError <= PARITY_TOLERANCE.state;
  return result;
}
