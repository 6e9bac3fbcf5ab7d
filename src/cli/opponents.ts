import type { FixedRolePolicy } from '../agents/trainer';
import { toDiscrete } from '../plugins/actionAdapter';
import type { AgentSlot } from '../plugins/controller';
import { builtinControllers } from '../plugins/registry';
import { teamsOf } from '../plugins/teams';
import { ArenaInputError } from '../sim/errors';
import { createScenario } from '../sim/scenarios';

/**
 * `--opponents scripted:prey`: the named teams are played by a built-in controller during training (its
 * actions turned into the nearest discrete ones) while the other teams learn against it.
 */
export function fixedRolesFor(scenario: string, options: Record<string, unknown>, spec: string): Record<string, FixedRolePolicy> {
  const [controllerId, ...teamNames] = spec.split(/[,:]/);
  const registry = builtinControllers();
  const teams = teamsOf(scenario);
  const chosen = teamNames.length ? teamNames : [];
  if (chosen.length === 0) throw new ArenaInputError('train --opponents', spec, `controller:team, e.g. scripted:prey (teams: ${teams.map((t) => t.name).join(', ')})`);
  const discrete = createScenario(scenario, { ...options, continuous_actions: false });
  const out: Record<string, FixedRolePolicy> = {};
  for (const name of chosen) {
    const team = teams.find((t) => t.name === name);
    if (!team) throw new ArenaInputError('train --opponents', name, teams.map((t) => t.name).join(', '));
    registry.check(controllerId, scenario, team.role, 'train --opponents');
    const controller = registry.get(controllerId).create({ seed: 7 });
    const role = discrete.roles.find((r) => r.name === team.role)!;
    const slots: AgentSlot[] = role.agents.map((index) => ({ index, name: discrete.agentNames[index], role: role.name, obsDim: role.obsDim, discreteSpace: role.actionSpace }));
    out[team.role] = {
      act(batch, e, sc, t) {
        const obs = slots.map((_, k) => batch.obs.subarray((e * batch.count + k) * batch.obsDim, (e * batch.count + k + 1) * batch.obsDim));
        const actions = controller.act({ agents: slots, obs, ctx: { scenario: sc, t } });
        slots.forEach((s, k) => (batch.actions[e * batch.count + k] = toDiscrete(actions[k], sc.world, s.index)));
      },
    };
  }
  return out;
}
