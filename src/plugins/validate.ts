import { readCheckpoint } from '../agents/checkpoint';
import { evaluate, mean } from './evaluate';
import { policyControllerInfo } from './policyController';
import type { ControllerRegistry } from './registry';
import { teamsOf } from './teams';
import { parseOpponents } from './trainingOpponents';

/** Default first seed of the validation episodes: apart from the evaluation's (1000 for shipped policies, 100000 for `bench learn`). */
export const VALIDATION_SEED = 900_000;

/** How a training snapshot did in validation: PettingZoo's reward, most likely actions. */
export interface SnapshotScore {
  /** The learning teams' mean return per agent (the score the best snapshot is chosen by). */
  score: number;
  /** The scenario's measures (coverage, capture rate, ...) of these episodes (with several opponents, their mean). */
  measures: Record<string, number>;
  /** With several opponents: each one's score, `score` being their mean. */
  byOpponent?: Record<string, number>;
}

/** Who plays the fixed teams in validation: each of `against`, or the first controller of the `--opponents` mix (scripted without one). */
export function validationOpponents(opponents?: string, against?: readonly string[]): string[] {
  if (against?.length) return [...new Set(against)];
  return [opponents ? parseOpponents(opponents).ids[0] : 'scripted'];
}

/**
 * When to validate: every `every` env steps from where the run starts (`step`), and once more at its
 * end; never twice at one step. `every` 0: never. The same cadence in `arena train` and in the page.
 */
export class ValidationSchedule {
  private next: number;
  private lastAt = -1;

  constructor(
    private readonly every: number,
    step: number,
  ) {
    this.next = every > 0 ? Math.floor(step / every) * every + every : Infinity;
  }

  /** Whether to validate now, at `step` (`end`: the run stops here). */
  due(step: number, end: boolean): boolean {
    if (this.every <= 0 || step === this.lastAt || (step < this.next && !end)) return false;
    while (this.next <= step) this.next += this.every;
    this.lastAt = step;
    return true;
  }
}

/**
 * Play a snapshot, as the JSON text a saved policy file holds (read back as any loaded policy is), for
 * `episodes` episodes from `seed` against each opponent in turn, on PettingZoo's reward. Used by `arena
 * train`'s validation and by the page's training alike; it touches no generator of the run.
 */
export function scoreSnapshot(snapshot: string, opponents: readonly string[], episodes: number, seed: number, registry: ControllerRegistry): SnapshotScore {
  const { ckpt, policies } = readCheckpoint(JSON.parse(snapshot));
  registry.register(policyControllerInfo('validated', 'Validated', ckpt, policies, true));
  const scenario = ckpt.scenario.id;
  const learning = teamsOf(scenario).filter((t) => policies.some((p) => p.json.role === t.role));
  const reports = opponents.map((id) => {
    // each team named (not `default`): a controller for one role only cannot be given to every agent first
    const controllers = Object.fromEntries(teamsOf(scenario).map((t) => [t.name, learning.includes(t) ? 'validated' : id]));
    return evaluate({
      scenario,
      options: { ...ckpt.scenario.options, continuous_actions: false },
      controllers,
      registry,
      episodes,
      seed,
      deps: { seed },
    });
  });
  const scoreOf = (r: (typeof reports)[number]) => mean(r.teams.filter((t) => learning.some((l) => l.name === t.team)).map((t) => t.meanReturn));
  const numbers = (r: (typeof reports)[number]) => r as unknown as Record<string, unknown>;
  const names = Object.keys(reports[0]).filter((k) => typeof numbers(reports[0])[k] === 'number' && !['episodes', 'seed'].includes(k));
  const result: SnapshotScore = {
    score: mean(reports.map(scoreOf)),
    measures: Object.fromEntries(names.map((k) => [k, mean(reports.map((r) => numbers(r)[k] as number))])),
  };
  if (opponents.length > 1) result.byOpponent = Object.fromEntries(opponents.map((id, k) => [id, scoreOf(reports[k])]));
  return result;
}

/**
 * The runoff plays episodes no validation played (from the validation seed plus this), so the snapshot
 * that won a validation by luck meets the last one on fresh ground; far from the held-out evaluation seeds.
 */
export const RUNOFF_SEED_OFFSET = 50_000;

/** The end-of-run match between the best validated snapshot and the last, on the runoff's episodes. */
export interface Runoff {
  episodes: number;
  bestStep: number;
  best: number;
  last: number;
  /** Which of the two to keep: the last one unless the best scores higher. */
  kept: 'best' | 'last';
}

/**
 * At a run's end, when an earlier snapshot (`best`, as a saved policy file's text) validated best: both play `episodes` fresh episodes and the
 * higher score is kept (the last one on a tie). Why: the best of many noisy validations is partly the
 * luckiest (with 100 episodes the last snapshot beat the kept one on held-out episodes on all three seeds
 * of two tasks, docs/benchmarks.md), while a run that fell apart late still keeps its peak. Used by `arena
 * train` and by the page's training alike.
 */
export function runoff(
  best: string,
  last: string,
  opponents: readonly string[],
  episodes: number,
  validationSeed: number,
  registry: ControllerRegistry,
): Runoff {
  const seed = validationSeed + RUNOFF_SEED_OFFSET;
  const bestScore = scoreSnapshot(best, opponents, episodes, seed, registry).score;
  const lastScore = scoreSnapshot(last, opponents, episodes, seed, registry).score;
  const bestStep = (JSON.parse(best) as { step: number }).step;
  return { episodes, bestStep, best: bestScore, last: lastScore, kept: lastScore >= bestScore ? 'last' : 'best' };
}
