import type { FixedRolePolicy } from '../agents/trainer';
import { ArenaInputError } from '../sim/errors';
import { FastRandom } from '../sim/fastRandom';
import { createScenario } from '../sim/scenarios';
import { toDiscrete } from './actionAdapter';
import type { DrivenAgent, Controller } from '../sim/controller';
import { RandomController } from './random';
import { builtinControllers, type ControllerRegistry } from './registry';
import { teamsOf } from './teams';

/**
 * Teams played by built-in controllers while the other teams learn: `scripted:prey`, or a mix such as
 * `scripted+random:prey`, where each env picks one of the listed controllers (uniformly; list one twice
 * to weight it) at the start of every episode, so the learners meet more than one habit. `registry` may
 * hold more than the built-in controllers (the CLI adds checkpoint files named in the mix). Controller
 * actions become the nearest discrete action. The picks and the random controllers' generators are part
 * of the training state, so a resumed run goes on exactly.
 */
export function trainingOpponents(
  scenario: string,
  options: Record<string, unknown>,
  spec: string,
  numEnvs: number,
  seed: number,
  registry: ControllerRegistry = builtinControllers(),
): Record<string, FixedRolePolicy> {
  const [mix, ...teamNames] = spec.split(/[,:]/);
  const ids = mix.split('+');
  const teams = teamsOf(scenario);
  if (teamNames.length === 0 || ids.some((id) => !id)) {
    throw new ArenaInputError(
      'train --opponents',
      spec,
      `controller[+controller...]:team, e.g. scripted:prey or scripted+random:prey (teams: ${teams.map((t) => t.name).join(', ')})`,
    );
  }
  const discrete = createScenario(scenario, { ...options, continuous_actions: false });
  const out: Record<string, FixedRolePolicy> = {};
  teamNames.forEach((name, teamIndex) => {
    const team = teams.find((t) => t.name === name);
    if (!team) throw new ArenaInputError('train --opponents', name, teams.map((t) => t.name).join(', '));
    for (const id of ids) {
      if (id === 'human')
        throw new ArenaInputError(
          'train --opponents',
          id,
          'a controller that acts by itself (scripted, random, or a checkpoint file in the CLI)',
          'nobody plays during training',
        );
      registry.check(id, scenario, team.role, 'train --opponents', discrete.options as Record<string, number | boolean>);
    }
    const role = discrete.roles.find((r) => r.name === team.role)!;
    const driven: DrivenAgent[] = role.agents.map((index) => ({
      index,
      name: discrete.agentNames[index],
      role: role.name,
      obsDim: role.obsDim,
      discreteSpace: role.actionSpace,
    }));
    // one controller of each kind per env: a controller with memory never mixes two episodes' worth of it
    const controllers: Controller[][] = Array.from({ length: numEnvs }, (_, e) =>
      ids.map((id, k) => registry.get(id).create({ seed: seed * 7919 + 1000 * e + 31 * k + teamIndex })),
    );
    const pickRng = new FastRandom(seed * 7919 + 17 + teamIndex);
    const chosen = new Int32Array(numEnvs);
    out[team.role] = {
      numEnvs,
      act(batch, e, sc, t) {
        if (t === 0) chosen[e] = ids.length > 1 ? pickRng.int(ids.length) : 0;
        const obs = driven.map((_, k) => batch.obs.subarray((e * batch.count + k) * batch.obsDim, (e * batch.count + k + 1) * batch.obsDim));
        const actions = controllers[e][chosen[e]].act({ agents: driven, obs, ctx: { scenario: sc, t } });
        driven.forEach((s, k) => (batch.actions[e * batch.count + k] = toDiscrete(actions[k], sc.world, s.index)));
      },
      getState() {
        const rngs = controllers.map((row) => row.map((c) => (c instanceof RandomController ? c.rngState : null)));
        return { pick: pickRng.state, chosen: Array.from(chosen), rngs };
      },
      setState(state) {
        const s = state as { pick: number; chosen: number[]; rngs: (number | null)[][] };
        if (!s || !Array.isArray(s.chosen) || s.chosen.length !== numEnvs || !Array.isArray(s.rngs) || s.rngs.length !== numEnvs) {
          throw new ArenaInputError(`checkpoint.training.opponents.${team.role}`, typeof s, `picks and generators of ${numEnvs} envs`);
        }
        pickRng.state = s.pick;
        chosen.set(s.chosen);
        controllers.forEach((row, e) =>
          row.forEach((c, k) => c instanceof RandomController && typeof s.rngs[e]?.[k] === 'number' && (c.rngState = s.rngs[e][k] as number)),
        );
      },
    };
  });
  return out;
}

/**
 * The scripted controller as the teacher of every learning team (the teams not in `fixedRoles`), when a run
 * starts by imitating it (`warmStartSteps` > 0); undefined otherwise.
 */
export function warmStartTeachers(
  scenario: string,
  options: Record<string, unknown>,
  cfg: { warmStartSteps: number; numEnvs: number; seed: number },
  fixedRoles: Record<string, unknown> | undefined,
): Record<string, FixedRolePolicy> | undefined {
  if (cfg.warmStartSteps <= 0) return undefined;
  const learning = teamsOf(scenario).filter((t) => !fixedRoles?.[t.role]);
  return trainingOpponents(scenario, options, `scripted:${learning.map((t) => t.name).join(',')}`, cfg.numEnvs, cfg.seed + 1);
}
