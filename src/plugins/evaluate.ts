import { Match, type MatchConfig } from './match';
import { teamsOf } from './teams';
import { EpisodeMeter } from '../sim/episodeMeasures';
import { SCENARIOS } from '../sim/scenarios';

export interface TeamStats {
  team: string;
  role: string;
  controller: string;
  /** Mean over episodes of the per-agent episode return (averaged over the team's agents). */
  meanReturn: number;
  /** Half-width of the 95% confidence interval of `meanReturn` (1.96 standard errors). */
  ci95: number;
}

export interface EvalReport {
  scenario: string;
  options: Record<string, number | boolean>;
  episodes: number;
  seed: number;
  teams: TeamStats[];
  // The scenario's measures (its module's `measures`, averaged over the episodes), typed here for readers of the JSON:
  /** spread: share of landmarks with an agent within 0.1 at the final step. */
  coverage?: number;
  /** spread: colliding agent pairs per step, summed over the episode. */
  collisionsPerEpisode?: number;
  /** tag: (prey, predator) contacts summed over the episode. */
  touchesPerEpisode?: number;
  /** tag: share of episodes in which some predator touched some prey. */
  captureRate?: number;
  /** tag: share of predator-steps with the predator beyond 1.2 in |x| or |y| (off the arena). */
  predatorsOutShare?: number;
  /** tag: the prey's boundary penalty per episode (summed over prey). */
  preyBoundaryPenalty?: number;
  /** speaker_listener: listener's final distance to the goal. */
  finalDistance?: number;
}

export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const ci95 = (xs: number[]) => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  const variance = xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
  return 1.96 * Math.sqrt(variance / xs.length);
};

/** Play `episodes` full episodes headless and report per-team returns and the scenario's own measures. */
export function evaluate(config: MatchConfig & { episodes: number; seed: number }): EvalReport {
  const match = new Match(config);
  const sc = match.scenario;
  const teams = teamsOf(sc.id);
  const perTeam = new Map<string, number[]>(teams.map((t) => [t.name, []]));
  const meter = new EpisodeMeter(SCENARIOS[sc.id]?.measures ?? []);
  for (let ep = 0; ep < config.episodes; ep++) {
    if (ep > 0) match.reset();
    do {
      match.step();
      meter.step(sc, match.lastInfos);
    } while (!match.episodeOver);
    meter.endEpisode();
    for (const t of teams) perTeam.get(t.name)!.push(match.teamReturn(t.name));
  }
  const report: EvalReport = {
    scenario: sc.id,
    options: { ...sc.options, continuous_actions: false },
    episodes: config.episodes,
    seed: config.seed,
    teams: teams.map((t) => {
      const xs = perTeam.get(t.name)!;
      const ids = new Set(match.agentsOf(t.name).map((s) => match.assignment[s.index]));
      return { team: t.name, role: t.role, controller: [...ids].join('+'), meanReturn: mean(xs), ci95: ci95(xs) };
    }),
    ...meter.report(),
  };
  match.dispose();
  return report;
}
