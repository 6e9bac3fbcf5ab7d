import { ArenaInputError } from '../sim/errors';
import type { Scenario } from '../sim/scenario';
import { SCENARIOS } from '../sim/scenarios';
import type { RoleBatch } from '../sim/vectorEnv';
import type { TrainingPolicySpec } from './trainingPolicy';

export const ALGOS = ['independent', 'shared', 'mappo', 'comm', 'competitive'] as const;
export type Algo = (typeof ALGOS)[number];

/**
 * The table every algorithm is: how the learning roles' agents are split into policies and what each critic
 * sees. independent: a policy per agent; shared, comm, competitive: a policy per role (team); mappo: a
 * shared actor per role whose critic reads the global state. Roles played by fixed opponents get none.
 */
export function trainingPolicySpecs(
  algo: Algo,
  scenario: Scenario,
  roles: readonly RoleBatch[],
  fixedRoles: ReadonlySet<string>,
  zeroMessages: boolean,
  sortEntities: boolean,
  diversity = 0,
  channel: { comm?: number; viewRadius?: number } = {},
): TrainingPolicySpec[] {
  if (diversity > 0 && (algo === 'independent' || algo === 'competitive')) {
    throw new ArenaInputError('diversity', diversity, `0 with --algo ${algo} (a set-point is for a team sharing one actor: shared, mappo or comm)`);
  }
  const comm = channel.comm ?? 0;
  const viewRadius = channel.viewRadius ?? 0;
  if (comm > 0 && (algo === 'independent' || algo === 'competitive')) {
    throw new ArenaInputError('comm', comm, `0 with --algo ${algo} (the channel runs a team's agents through one forward pass: shared, mappo or comm)`);
  }
  if (comm > 0 && diversity > 0) throw new ArenaInputError('comm', comm, '0 with --diversity (a team is either diverse or talking, not both yet)');
  const entities = SCENARIOS[scenario.id].entities;
  if (viewRadius > 0 && !entities) {
    throw new ArenaInputError(
      'viewRadius',
      viewRadius,
      `0 for ${scenario.id} (a view limit needs a scenario that lists its observation's entities: spread, tag)`,
    );
  }
  const seen = viewRadius > 0 ? entities!(scenario) : {};
  const heard = zeroMessages ? SCENARIOS[scenario.id].heard(scenario) : {};
  const groups = sortEntities ? (SCENARIOS[scenario.id].interchangeable?.(scenario) ?? {}) : {};
  const criticInput = algo === 'mappo' ? 'global' : 'local';
  const specs: TrainingPolicySpec[] = [];
  for (const role of roles) {
    if (fixedRoles.has(role.name)) continue;
    const zeroRanges = heard[role.name] ?? [];
    const sortGroups = groups[role.name] ?? [];
    const viewGroups = seen[role.name] ?? [];
    const members = role.agents.map((_, k) => k);
    if (algo === 'independent') {
      for (const k of members)
        specs.push({ id: role.agentNames[k], role, members: [k], criticInput, zeroRanges, sortGroups, viewRadius, viewGroups, diversity: 0, comm: 0 });
    } else {
      // a team of one has no one to talk to: it stays silent
      specs.push({ id: role.name, role, members, criticInput, zeroRanges, sortGroups, viewRadius, viewGroups, diversity, comm: members.length > 1 ? comm : 0 });
    }
  }
  if (comm > 0 && !specs.some((s) => s.comm > 0)) {
    throw new ArenaInputError('comm', comm, `0 for ${scenario.id} here (no learning team has 2 or more agents to talk)`);
  }
  return specs;
}
