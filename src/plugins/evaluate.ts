import { Match, type MatchConfig } from './match';
import { teamsOf } from './teams';
import { boundPenalty } from '../sim/scenarios/tag';

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

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
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
  const coverage: number[] = [];
  const collisions: number[] = [];
  const touches: number[] = [];
  const finalDist: number[] = [];
  const boundary: number[] = [];
  let predatorSteps = 0;
  let predatorOut = 0;
  for (let ep = 0; ep < config.episodes; ep++) {
    if (ep > 0) match.reset();
    let epCollisions = 0;
    let epTouches = 0;
    let epBoundary = 0;
    do {
      match.step();
      const infos = match.lastInfos;
      if (sc.id === 'simple_spread') epCollisions += infos.reduce((a, i) => a + i.collisions, 0) / 2;
      if (sc.id === 'simple_tag') {
        epTouches += infos.reduce((a, i) => a + (i.touches ?? 0), 0);
        const pos = sc.world.pos;
        for (let i = 0; i < sc.world.numAgents; i++) {
          const x = Math.abs(pos[2 * i]);
          const y = Math.abs(pos[2 * i + 1]);
          if (sc.world.entities[i].adversary) {
            predatorSteps++;
            if (x > 1.2 || y > 1.2) predatorOut++;
          } else epBoundary += boundPenalty(x) + boundPenalty(y);
        }
      }
    } while (!match.episodeOver);
    for (const t of teams) perTeam.get(t.name)!.push(match.teamReturn(t.name));
    const last = match.lastInfos;
    if (sc.id === 'simple_spread') {
      coverage.push(last[0].occupied_landmarks / sc.world.numAgents);
      collisions.push(epCollisions);
    }
    if (sc.id === 'simple_tag') {
      touches.push(epTouches);
      boundary.push(epBoundary);
    }
    if (sc.id === 'simple_speaker_listener') finalDist.push(last[1].dist_to_goal);
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
  };
  if (coverage.length) {
    report.coverage = mean(coverage);
    report.collisionsPerEpisode = mean(collisions);
  }
  if (touches.length) {
    report.touchesPerEpisode = mean(touches);
    report.captureRate = touches.filter((x) => x > 0).length / touches.length;
    report.predatorsOutShare = predatorOut / Math.max(1, predatorSteps);
    report.preyBoundaryPenalty = mean(boundary);
  }
  if (finalDist.length) report.finalDistance = mean(finalDist);
  match.dispose();
  return report;
}
