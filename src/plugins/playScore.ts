import type { AgentInfo } from '../sim/scenario';

/**
 * The score of a play-as-prey round, in steps: touches (a step where a predator touches the scored prey
 * after a step where none did) and the longest stretch without one. The game's HUD and records and the
 * headless exploit check (scripts/play-exploits.mts) score with this one rule.
 */
export interface PlayScore {
  touches: number;
  /** Step of the last touch (0 before any). */
  lastTouchStep: number;
  /** Longest time untouched so far, steps. */
  bestStreakSteps: number;
  /** A predator touched the scored prey in the last step. */
  touching: boolean;
}

export const freshPlayScore = (): PlayScore => ({ touches: 0, lastTouchStep: 0, bestStreakSteps: 0, touching: false });

/** Score step `t` from the scored prey's infos; true when a new touch began with it. */
export function scorePlayStep(score: PlayScore, t: number, preyInfos: readonly AgentInfo[]): boolean {
  const touched = preyInfos.some((info) => (info.touched_by ?? 0) > 0);
  const begun = touched && !score.touching;
  if (begun) score.touches++;
  if (touched) score.lastTouchStep = t;
  score.touching = touched;
  score.bestStreakSteps = Math.max(score.bestStreakSteps, t - score.lastTouchStep);
  return begun;
}

/** Steps since the last touch (the running streak). */
export const currentStreakSteps = (score: PlayScore, t: number): number => t - score.lastTouchStep;
