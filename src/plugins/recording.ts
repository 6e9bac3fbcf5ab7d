import { ArenaInputError } from '../sim/errors';
import { ParallelEnv } from '../sim/env';
import { scenarioEntry } from '../sim/scenarios';
import { checkSnapshot, type WorldSnapshot } from '../sim/worldState';
import type { RecordedStep } from '../sim/trajectory';
import { actionLayout, checkAction } from '../sim/actions';
import { discrete, type Space } from '../sim/spaces';
import type { Controller, ControllerAction, ObservationBatch, TeamChannel } from '../sim/controller';
import type { Match } from './match';

/**
 * A recorded episode, in the trajectory format of the PettingZoo recordings the env is checked against
 * (`../shared/mpe-reference/README.md`): the start state, then per step every agent's action (the
 * continuous vector the env took), observations, rewards, flags and the state after it. So a recording
 * replays exactly here and `checkTrajectory` (or `arena parity`) verifies it; `kind` and `format_version`
 * say it was recorded by the arena.
 */
export interface Recording {
  format: 'mpe-reference/1';
  kind: 'recording';
  format_version: 1;
  source: string;
  env: string;
  env_kwargs: Record<string, number | boolean>;
  action_type: 'continuous';
  c_recorded_per_step: true;
  num_steps: number;
  agents: string[];
  entity_order: string[];
  /** Controller id per agent when recording started (the human included). */
  controllers: Record<string, string>;
  /** A learned talking team played (`--comm`): its agents, message size and view limit; its messages are per step. */
  channel?: { agents: string[]; messageDim: number; viewRadius: number };
  initial: { state: WorldSnapshot; obs: number[][]; agents: string[]; goals?: WorldSnapshot['goals']; goal?: { landmark: string }; key?: { landmark: string } };
  /** PettingZoo's step fields (see RecordedStep), the state with its goals, and a talking team's messages. */
  steps: (Omit<RecordedStep, 'state'> & {
    state: WorldSnapshot;
    /** With `channel`: the team's messages of this step, row by row in `channel.agents` order. */
    messages?: number[];
  })[];
}

/** Largest recording file read (page and command line): the 10,000 steps `arena record` allows are about 20 MB. */
export const MAX_RECORDING_BYTES = 64 * 1024 * 1024;

/** Records a match from now until the episode ends (or `stop`). */
export class Recorder {
  readonly recording: Recording;
  private done = false;

  constructor(private readonly match: Match) {
    const env = match.env;
    const state = env.worldState();
    const names = [...env.possibleAgents];
    this.recording = {
      format: 'mpe-reference/1',
      kind: 'recording',
      format_version: 1,
      source: 'Particle Arena',
      env: match.scenario.envName,
      env_kwargs: { ...match.scenario.options, continuous_actions: true, max_cycles: match.scenario.maxCycles },
      action_type: 'continuous',
      c_recorded_per_step: true,
      num_steps: 0,
      agents: names,
      entity_order: match.scenario.world.entities.map((e) => e.name),
      controllers: Object.fromEntries(match.agents.map((s) => [s.name, match.assignment[s.index]])),
      initial: {
        state: { ...state, t: undefined },
        obs: names.map((n) => Array.from(env.observe(n))),
        agents: [...env.agents],
        goals: state.goals,
        goal: state.goal ? { landmark: state.goal } : undefined,
        key: state.key ? { landmark: state.key } : undefined,
      },
      steps: [],
    };
    // the episode may already be under way: the recorded episode then counts its steps from here
    this.recording.env_kwargs.max_cycles = match.scenario.maxCycles - env.t;
    const talking = match.talkingTeam();
    if (talking) {
      const c = talking.channel;
      this.recording.channel = { agents: [...c.agents], messageDim: c.messageDim, viewRadius: c.viewRadius };
    }
    match.onStep = (actions, out) => {
      if (this.done) return;
      const snap = env.worldState();
      this.recording.steps.push({
        t: this.recording.steps.length,
        actions: names.map((n) => Array.from(actions[n])),
        obs: names.map((n) => Array.from(out.observations[n])),
        rewards: names.map((n) => out.rewards[n]),
        terminations: names.map((n) => out.terminations[n]),
        truncations: names.map((n) => out.truncations[n]),
        agents_after: [...env.agents],
        state: { p_pos: snap.p_pos, p_vel: snap.p_vel, c: snap.c },
        ...(talking ? { messages: this.messagesOf(talking) } : {}),
      });
      this.recording.num_steps = this.recording.steps.length;
      if (env.agents.length === 0) this.stop();
    };
  }

  get steps(): number {
    return this.recording.steps.length;
  }

  /**
   * The talking team's messages of the step just taken: zeros when it did not act (its controller failed)
   * or was swapped away mid-recording (the recorded channel is the one that played at the start).
   */
  private messagesOf(talking: NonNullable<ReturnType<Match['talkingTeam']>>): number[] {
    const size = talking.channel.agents.length * talking.channel.messageDim;
    const now = this.match.talkingTeam();
    const sent = now?.controller === talking.controller ? now.channel.messages : null;
    return sent && sent.length === size ? Array.from(sent) : new Array(size).fill(0);
  }

  get finished(): boolean {
    return this.done;
  }

  stop(): Recording {
    this.done = true;
    if (this.match.onStep) this.match.onStep = null;
    return this.recording;
  }
}

/**
 * Check a parsed file is a recording this build can replay, whole and before anything plays: every step's
 * actions and state (shape, finiteness, as the env would load it). Every problem is a named error. A step
 * state without `c` (PettingZoo's recordings of silent teams) gets its zeros, so every step can be shown.
 */
export function readRecording(data: unknown, name = 'recording'): Recording {
  const r = data as Recording;
  const need = (ok: unknown, field: string, value: unknown, allowed: string) => {
    if (!ok) throw new ArenaInputError(`${name}.${field}`, value, allowed);
  };
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  need(isObject(r), 'root', Array.isArray(data) ? 'a list' : typeof data, 'a JSON object');
  need(r.format === 'mpe-reference/1', 'format', r.format, 'mpe-reference/1 (a recording of this arena or a PettingZoo trajectory)');
  need(isObject(r.env_kwargs), 'env_kwargs', r.env_kwargs, "an object of the scenario's options");
  let env: ParallelEnv;
  try {
    env = new ParallelEnv(scenarioEntry(r.env).id, { ...r.env_kwargs, continuous_actions: true });
  } catch (err) {
    throw new ArenaInputError(`${name}.env`, r.env, 'a known scenario with valid options', (err as Error).message);
  }
  const sc = env.scenario;
  need(Array.isArray(r.agents) && r.agents.join() === env.possibleAgents.join(), 'agents', r.agents, env.possibleAgents.join(', '));
  need(
    Array.isArray(r.steps) && r.steps.length > 0 && r.steps.length <= sc.maxCycles,
    'steps',
    Array.isArray(r.steps) ? `${r.steps.length} steps` : r.steps,
    `a list of 1 to ${sc.maxCycles} steps (max_cycles)`,
  );
  need(isObject(r.initial) && isObject(r.initial.state), 'initial.state', r.initial?.state, 'a world state {p_pos, p_vel, c}');
  const { goals, goal, key } = r.initial;
  const at = (state: WorldSnapshot, field: string) =>
    checkSnapshot(sc, { ...state, goals, goal: goal?.landmark, key: key?.landmark, t: 0 }, `${name}.${field}`);
  at(r.initial.state, 'initial.state');
  const layouts = r.agents.map((_, i) => actionLayout(sc.world, i));
  // PettingZoo leaves `c` out of its steps when every agent is silent: it is all zeros then
  const silentC = layouts.every((l) => !l.speaks) ? r.agents.map(() => new Array<number>(sc.world.dimC).fill(0)) : null;
  r.steps.forEach((s, k) => {
    need(isObject(s), `steps[${k}]`, s, 'a step {actions, state, ...}');
    need(Array.isArray(s.actions) && s.actions.length === r.agents.length, `steps[${k}].actions`, s.actions, `one action per agent (${r.agents.length})`);
    // a number is a discrete action (PettingZoo's discrete recordings), a list the continuous vector
    s.actions.forEach((a, i) => {
      const space: Space = typeof a === 'number' ? discrete(layouts[i].n) : sc.actionSpaces[i];
      checkAction(space, r.agents[i], a, `${name}.steps[${k}].actions[${i}] (${r.agents[i]})`);
    });
    need(isObject(s.state), `steps[${k}].state`, s.state, 'a world state {p_pos, p_vel, c}');
    if (s.state.c === undefined && silentC) s.state.c = silentC.map((row) => [...row]);
    at(s.state, `steps[${k}].state`);
  });
  if (r.channel !== undefined) {
    const c = r.channel;
    need(
      c && Array.isArray(c.agents) && c.agents.length >= 2 && c.agents.every((a) => r.agents.includes(a)),
      'channel.agents',
      c?.agents,
      `2 or more of ${r.agents.join(', ')}`,
    );
    need(Number.isInteger(c.messageDim) && c.messageDim >= 1 && c.messageDim <= 64, 'channel.messageDim', c.messageDim, 'an integer from 1 to 64');
    need(typeof c.viewRadius === 'number' && c.viewRadius >= 0 && c.viewRadius <= 100, 'channel.viewRadius', c.viewRadius, 'a number from 0 to 100');
    const size = c.agents.length * c.messageDim;
    r.steps.forEach((s, k) => {
      const m = s.messages;
      need(
        Array.isArray(m) && m.length === size && m.every((v) => typeof v === 'number' && Math.abs(v) <= 1),
        `steps[${k}].messages`,
        Array.isArray(m) ? `${m.length} values` : m,
        `${size} numbers in [-1, 1] (the team's messages)`,
      );
    });
  }
  return r;
}

/** Plays a recording's actions back: the agents of a replay are driven by this controller. */
export class ReplayController implements Controller {
  readonly id = 'replay';
  /** The recorded step whose actions come next. */
  cursor = 0;

  constructor(private readonly recording: Recording) {}

  /** A recorded talking team: the messages it sent at the step shown. */
  channel(agent: string): TeamChannel | null {
    const c = this.recording.channel;
    if (!c || !c.agents.includes(agent)) return null;
    const shown = this.cursor > 0 ? this.recording.steps[Math.min(this.cursor, this.recording.steps.length) - 1] : null;
    return { agents: c.agents, messageDim: c.messageDim, viewRadius: c.viewRadius, messages: shown?.messages ? Float32Array.from(shown.messages) : null };
  }

  act(batch: ObservationBatch): ControllerAction[] {
    const step = this.recording.steps[Math.min(this.cursor, this.recording.steps.length - 1)];
    this.cursor++;
    return batch.agents.map((a) => {
      const action = step.actions[this.recording.agents.indexOf(a.name)];
      return typeof action === 'number' ? action : Float32Array.from(action);
    });
  }
}
