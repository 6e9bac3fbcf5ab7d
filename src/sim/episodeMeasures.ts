import type { AgentInfo, Scenario } from './scenario';

/**
 * A number a scenario reports about how an episode went, beyond the returns (spread's coverage, tag's
 * touches, ...). Each scenario module lists its own; the evaluator, the trainer's log, the game's HUD and
 * the docs all read them from there.
 *
 * `over` says how steps make the episode's value: `final` (the value at the last step), `sum` (summed over
 * the steps), `mean` (averaged over the steps) or `any` (1 if the step value was ever above 0: a rate).
 */
export interface EpisodeMeasure {
  name: string;
  /** What it is, for the HUD. */
  label: string;
  /** What its average over many episodes is called in `arena eval`'s report, e.g. "touches per episode". */
  summary: string;
  over: 'final' | 'sum' | 'mean' | 'any';
  /** How to show it: a share (as a percentage), a count or a distance. */
  unit: 'share' | 'count' | 'distance';
  /** Whether the HUD shows it during an episode (a capture "rate" of one running episode says nothing). */
  live?: false;
  /** The value at one step, from the world and every agent's info after the step. */
  value(scenario: Scenario, infos: readonly AgentInfo[]): number;
}

/** The average of `m` over episodes as `arena eval` prints it: shares (and "any" measures) as percentages. */
export function formatSummary(m: EpisodeMeasure, v: number): string {
  if (m.unit === 'share' || m.over === 'any') return `${(100 * v).toFixed(1)}%`;
  return v.toFixed(m.unit === 'distance' ? 3 : 2);
}

/** A value of `m` as the HUD shows it. */
export function formatMeasure(m: EpisodeMeasure, v: number): string {
  if (m.unit === 'share') return `${(100 * v).toFixed(0)}%`;
  if (m.unit === 'distance') return v.toFixed(2);
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

/** Accumulates a scenario's measures over whole episodes; `report()` averages them over the episodes. */
export class EpisodeMeter {
  private readonly totals: number[];
  private readonly running: number[];
  private steps = 0;
  private episodes = 0;

  constructor(readonly measures: readonly EpisodeMeasure[]) {
    this.totals = measures.map(() => 0);
    this.running = measures.map(() => 0);
  }

  /** After a step of the episode. */
  step(scenario: Scenario, infos: readonly AgentInfo[]): void {
    this.steps++;
    this.measures.forEach((m, k) => {
      const v = m.value(scenario, infos);
      if (m.over === 'final') this.running[k] = v;
      else if (m.over === 'any') this.running[k] = Math.max(this.running[k], v > 0 ? 1 : 0);
      else this.running[k] += v;
    });
  }

  /** The running episode's values so far (what the HUD shows). */
  current(): Record<string, number> {
    return Object.fromEntries(this.measures.map((m, k) => [m.name, m.over === 'mean' ? this.running[k] / Math.max(1, this.steps) : this.running[k]]));
  }

  /** The episode ended: its values count, and the next episode starts from nothing. */
  endEpisode(): void {
    const now = this.current();
    this.measures.forEach((m, k) => (this.totals[k] += now[m.name]));
    this.running.fill(0);
    this.steps = 0;
    this.episodes++;
  }

  /** Forget the running episode without counting it (a restart, a jump in a replay). */
  discard(): void {
    this.running.fill(0);
    this.steps = 0;
  }

  /** Mean over the finished episodes. */
  report(): Record<string, number> {
    return Object.fromEntries(this.measures.map((m, k) => [m.name, this.totals[k] / Math.max(1, this.episodes)]));
  }
}
