import { SCENARIOS, type Team } from '../sim/scenarios';

export type { Team };

/** The teams of a scenario (its module owns them); none for an unknown id. */
export function teamsOf(scenarioId: string): Team[] {
  return SCENARIOS[scenarioId]?.teams ?? [];
}

/** Every team name any scenario uses (flags such as `eval --prey`). */
export function allTeamNames(): string[] {
  return [...new Set(Object.values(SCENARIOS).flatMap((s) => s.teams.map((t) => t.name)))];
}
