import { ParallelEnv, type StepResult } from '../sim/env';
import { ArenaInputError } from '../sim/errors';
import type { AgentInfo, Scenario } from '../sim/scenario';
import { createScenario } from '../sim/scenarios';
import { controllerActionToVector } from '../sim/actions';
import type { DrivenAgent, Controller, ControllerAction, ControllerContext, TeamChannel } from '../sim/controller';
import { builtinControllers, type ControllerDeps, type ControllerRegistry } from './registry';
import { teamsOf } from './teams';

export interface MatchConfig {
  scenario: string;
  /** Scenario options (PettingZoo names). `continuous_actions` is set by the match. */
  options?: Record<string, unknown>;
  seed?: number;
  /** Controller id per team (`predators`), role (`adversary`) or agent (`adversary_1`); `default` for the rest. */
  controllers?: Record<string, string>;
  registry?: ControllerRegistry;
  deps?: ControllerDeps;
}

export interface EpisodeSummary {
  episode: number;
  seed: number | null;
  steps: number;
  /** Return of each agent, in agent order. */
  returns: number[];
  /** Last step's infos per agent. */
  finalInfos: AgentInfo[];
}

/**
 * One running episode with live controller assignment: any agent or team can be given another
 * controller at any time, and the change takes effect at the next step without a reset. Used by the game
 * and by `arena eval`. A controller that throws or answers a bad action does not stop the match: its
 * agents do nothing that step and the error is kept in `lastError`.
 */
export class Match {
  readonly env: ParallelEnv;
  readonly scenario: Scenario;
  readonly agents: readonly DrivenAgent[];
  readonly registry: ControllerRegistry;
  /** Controller id per agent (environment order). */
  readonly assignment: string[];
  /** Episodes started so far, minus one (0 during the first). */
  episode = -1;
  /** Seed of the last seeded reset; later episodes continue its random stream. */
  seed: number | null = null;
  /** Returns of the running episode, per agent. */
  readonly returns: Float64Array;
  lastRewards: Float64Array;
  lastInfos: AgentInfo[] = [];
  lastError: string | null = null;
  onEpisodeEnd: ((summary: EpisodeSummary) => void) | null = null;
  /** Called after every env step with the actions taken (env agent name -> continuous vector) and the result. */
  onStep: ((actions: Record<string, Float32Array>, out: StepResult) => void) | null = null;
  /** Milliseconds all controllers took to choose the last steps' actions (newest last, at most 120). */
  readonly actMs: number[] = [];

  private readonly deps: ControllerDeps;
  private readonly live = new Map<string, Controller>();
  private readonly attached = new Map<string, string>();
  private readonly noop: Float32Array[];

  constructor(config: MatchConfig) {
    this.registry = config.registry ?? builtinControllers();
    this.deps = config.deps ?? {};
    // discrete-only view of the scenario, for the agents' action spaces
    const discrete = createScenario(config.scenario, { ...config.options, continuous_actions: false });
    this.env = new ParallelEnv(config.scenario, { ...config.options, continuous_actions: true });
    this.scenario = this.env.scenario;
    this.agents = discrete.agentNames.map((name, index) => ({
      index,
      name,
      role: discrete.roles.find((r) => r.agents.includes(index))!.name,
      obsDim: discrete.obsDims[index],
      discreteSpace: discrete.actionSpaces[index],
    }));
    this.returns = new Float64Array(this.agents.length);
    this.lastRewards = new Float64Array(this.agents.length);
    this.noop = this.agents.map((s) => controllerActionToVector(0, s.discreteSpace, this.scenario.world, s.index));
    this.assignment = this.agents.map(() => 'random');
    const wanted = config.controllers ?? {};
    if (wanted.default !== undefined) this.assign('default', wanted.default);
    for (const [target, id] of Object.entries(wanted)) if (target !== 'default') this.assign(target, id);
    this.reset(config.seed);
  }

  get t(): number {
    return this.env.t;
  }

  private get ctx(): ControllerContext {
    return { scenario: this.scenario, t: this.env.t };
  }

  /** Agents a target names: `default` (all), a team, a role, or one agent. */
  agentsOf(target: string): DrivenAgent[] {
    if (target === 'default') return [...this.agents];
    const team = teamsOf(this.scenario.id).find((t) => t.name === target);
    const role = team?.role ?? target;
    const byRole = this.agents.filter((s) => s.role === role);
    if (byRole.length > 0) return byRole;
    const one = this.agents.filter((s) => s.name === target);
    if (one.length > 0) return one;
    const names = ['default', ...teamsOf(this.scenario.id).map((t) => t.name), ...new Set(this.agents.map((s) => s.role)), ...this.agents.map((s) => s.name)];
    throw new ArenaInputError('controller target', target, [...new Set(names)].join(', '));
  }

  /** Give the agents of `target` to controller `id`, from the next step on. */
  assign(target: string, id: string): void {
    const agents = this.agentsOf(target);
    for (const s of agents) this.registry.check(id, this.scenario.id, s.role, `controller for ${s.name}`, this.scenario.options);
    for (const s of agents) this.assignment[s.index] = this.registry.resolve(id);
  }

  /** Start a new episode: with `seed`, that exact start; without, the next start of the current stream. */
  reset(seed?: number): void {
    if (seed !== undefined) this.seed = seed;
    this.env.reset(seed !== undefined ? { seed } : {});
    this.episode++;
    this.returns.fill(0);
    this.lastRewards.fill(0);
    this.lastInfos = this.env.possibleAgents.map((_, i) => this.scenario.info(i));
    this.syncControllers(false);
    for (const c of this.live.values()) this.call(c, () => c.episodeStart?.(this.ctx));
  }

  /**
   * Create, attach and detach controllers so they match `assignment`. A controller that joins mid-episode
   * is told the episode has started (`midEpisode`); at a reset every controller is told anyway.
   */
  private syncControllers(midEpisode = true): void {
    const byController = new Map<string, DrivenAgent[]>();
    this.agents.forEach((s) => {
      const id = this.assignment[s.index];
      if (!byController.has(id)) byController.set(id, []);
      byController.get(id)!.push(s);
    });
    for (const [id, c] of this.live) {
      if (!byController.has(id)) {
        this.call(c, () => c.detach?.());
        this.live.delete(id);
        this.attached.delete(id);
      }
    }
    for (const [id, agents] of byController) {
      let c = this.live.get(id);
      const fresh = !c;
      if (!c) {
        c = this.registry.get(id).create(this.deps);
        this.live.set(id, c);
      }
      const key = agents.map((a) => a.index).join(',');
      if (this.attached.get(id) !== key) {
        const ctl = c;
        this.call(ctl, () => ctl.attach?.(agents, this.ctx));
        this.attached.set(id, key);
        if (fresh && midEpisode) this.call(ctl, () => ctl.episodeStart?.(this.ctx));
      }
    }
  }

  private call(c: Controller, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.lastError = `${c.id}: ${(err as Error).message}`;
    }
  }

  /** Live controller instance for an id (after the first step or reset that used it). */
  controller(id: string): Controller | undefined {
    return this.live.get(id);
  }

  /** One env step: every controller acts once for all its agents. Returns the step's rewards. */
  step(): Float64Array {
    if (this.env.agents.length === 0) this.reset();
    this.syncControllers();
    const actions: Record<string, Float32Array> = {};
    const started = performance.now();
    for (const [id, c] of this.live) {
      const agents = this.agents.filter((s) => this.assignment[s.index] === id);
      const obs = agents.map((s) => this.env.observe(s.name));
      let answer: ControllerAction[] | null = null;
      try {
        answer = c.act({ agents, obs, ctx: this.ctx });
        if (!Array.isArray(answer) || answer.length !== agents.length) {
          throw new Error(`answered ${Array.isArray(answer) ? answer.length : typeof answer} actions for ${agents.length} agents`);
        }
      } catch (err) {
        this.lastError = `${id}: ${(err as Error).message}`;
        answer = null;
      }
      agents.forEach((s, k) => {
        let a = this.noop[s.index];
        if (answer) {
          try {
            a = controllerActionToVector(answer[k], s.discreteSpace, this.scenario.world, s.index);
            const bad = a.findIndex((v) => !(v >= 0 && v <= 1));
            if (bad >= 0) throw new Error(`component ${bad} is ${a[bad]}, outside [0, 1]`);
          } catch (err) {
            this.lastError = `${id} for ${s.name}: ${(err as Error).message}`;
            a = this.noop[s.index];
          }
        }
        actions[s.name] = a;
      });
    }
    this.actMs.push(performance.now() - started);
    if (this.actMs.length > 120) this.actMs.shift();
    const out = this.env.step(actions);
    this.onStep?.(actions, out);
    this.agents.forEach((s) => {
      const r = out.rewards[s.name];
      this.lastRewards[s.index] = r;
      this.returns[s.index] += r;
    });
    this.lastInfos = this.agents.map((s) => out.infos[s.name]);
    if (this.env.agents.length === 0) {
      this.onEpisodeEnd?.({ episode: this.episode, seed: this.seed, steps: this.env.t, returns: Array.from(this.returns), finalInfos: this.lastInfos });
    }
    return this.lastRewards;
  }

  /**
   * The learned talking team among the live controllers (`--comm` checkpoints, a replayed recording of
   * one): its controller, one of its agents and its channel; null when no team talks.
   */
  talkingTeam(): { controller: Controller; agent: string; channel: TeamChannel } | null {
    for (const s of this.agents) {
      const controller = this.live.get(this.assignment[s.index]);
      const channel = controller?.channel?.(s.name);
      if (controller && channel) return { controller, agent: s.name, channel };
    }
    return null;
  }

  /** Whether the episode has just ended (the next step starts a new one). */
  get episodeOver(): boolean {
    return this.env.agents.length === 0;
  }

  /** Mean of the running episode's returns over a team's agents. */
  teamReturn(team: string): number {
    const agents = this.agentsOf(team);
    return agents.reduce((sum, s) => sum + this.returns[s.index], 0) / agents.length;
  }

  dispose(): void {
    for (const c of this.live.values()) this.call(c, () => c.detach?.());
    this.live.clear();
    this.attached.clear();
  }
}
