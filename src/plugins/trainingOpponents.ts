import { ArenaInputError } from '../sim/errors';
import { FastRandom } from '../sim/fastRandom';
import type { Controller, ControllerAction, ControllerContext, ObservationBatch } from '../sim/controller';
import { createScenario } from '../sim/scenarios';
import { builtinControllers, type ControllerDeps, type ControllerRegistry } from './registry';
import { teamsOf } from './teams';

/**
 * Plays one of several controllers per episode, picked at the episode's start (uniformly; list one twice
 * to weight it), so learners meet more than one habit. Envs share the picking generator, so the picks
 * follow the envs' order as their episodes start.
 */
export class ControllerMix implements Controller {
  readonly id: string;
  private chosen = 0;

  constructor(
    private readonly members: Controller[],
    private readonly pickRng: FastRandom,
  ) {
    this.id = members.map((c) => c.id).join('+');
  }

  episodeStart(ctx: ControllerContext): void {
    this.chosen = this.members.length > 1 ? this.pickRng.int(this.members.length) : 0;
    this.members[this.chosen].episodeStart?.(ctx);
  }

  act(batch: ObservationBatch): ControllerAction[] {
    return this.members[this.chosen].act(batch);
  }

  getState(): unknown {
    return { pick: this.pickRng.state, chosen: this.chosen, members: this.members.map((c) => c.getState?.() ?? null) };
  }

  setState(state: unknown): void {
    const s = state as { pick: number; chosen: number; members: unknown[] };
    const ok =
      s &&
      typeof s === 'object' &&
      Number.isInteger(s.chosen) &&
      s.chosen >= 0 &&
      s.chosen < this.members.length &&
      Array.isArray(s.members) &&
      s.members.length === this.members.length;
    if (!ok) {
      throw new ArenaInputError(
        'checkpoint.training (opponents or teachers)',
        state,
        `the state of ${this.id}: { pick, chosen (0 to ${this.members.length - 1}), members (${this.members.length}) }`,
      );
    }
    // a bad member state puts back what was there: the controller is never left half-restored
    const before = this.getState();
    try {
      this.pickRng.restore(s.pick, `the state of ${this.id}: pick`);
      this.chosen = s.chosen;
      this.members.forEach((c, k) => c.setState?.(s.members[k]));
    } catch (err) {
      this.pickRng.state = (before as { pick: number }).pick;
      this.chosen = (before as { chosen: number }).chosen;
      this.members.forEach((c, k) => c.setState?.((before as { members: unknown[] }).members[k]));
      throw err;
    }
  }
}

/** An `--opponents` spec's parts: `scripted+random:prey,predators` -> ids [scripted, random], teams [prey, predators]. */
export function parseOpponents(spec: string): { ids: string[]; teamNames: string[] } {
  const [mix, ...teamNames] = spec.split(/[,:]/);
  return { ids: mix.split('+'), teamNames };
}

/**
 * Teams played by built-in controllers while the other teams learn: `scripted:prey`, or a mix such as
 * `scripted+random:prey` (a `ControllerMix` per env). `registry` may hold more than the built-in
 * controllers (the CLI adds checkpoint files named in the mix). Returns, per role, one controller per env
 * (a controller with memory never mixes two envs' episodes); their states are part of the training state,
 * so a resumed run goes on exactly.
 */
export function trainingOpponents(
  scenario: string,
  options: Record<string, unknown>,
  spec: string,
  numEnvs: number,
  seed: number,
  registry: ControllerRegistry = builtinControllers(),
  field = 'train --opponents',
  deps: Omit<ControllerDeps, 'seed'> = {},
): Record<string, Controller[]> {
  const { ids, teamNames } = parseOpponents(spec);
  const teams = teamsOf(scenario);
  if (teamNames.length === 0 || ids.some((id) => !id)) {
    throw new ArenaInputError(
      'train --opponents',
      spec,
      `controller[+controller...]:team, e.g. scripted:prey or scripted+random:prey (teams: ${teams.map((t) => t.name).join(', ')})`,
    );
  }
  const discrete = createScenario(scenario, { ...options, continuous_actions: false });
  const out: Record<string, Controller[]> = {};
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
      registry.check(id, scenario, team.role, field, discrete.options as Record<string, number | boolean>);
    }
    const pickRng = new FastRandom(seed * 7919 + 17 + teamIndex);
    out[team.role] = Array.from(
      { length: numEnvs },
      (_, e) =>
        new ControllerMix(
          ids.map((id, k) => registry.get(id).create({ ...deps, seed: seed * 7919 + 1000 * e + 31 * k + teamIndex })),
          pickRng,
        ),
    );
  });
  return out;
}

/**
 * The teacher of every learning team (the teams not in `fixedRoles`), when a run starts by imitating a
 * built-in controller (`warmStartSteps` > 0): `cfg.teacher`, the scripted one unless told; undefined otherwise.
 */
export function warmStartTeachers(
  scenario: string,
  options: Record<string, unknown>,
  cfg: { warmStartSteps: number; numEnvs: number; seed: number; teacher: string; teacherTemperature: number },
  fixedRoles: Record<string, unknown> | undefined,
): Record<string, Controller[]> | undefined {
  if (cfg.warmStartSteps <= 0) return undefined;
  if (cfg.teacherTemperature > 0 && cfg.teacher !== 'lookahead') {
    throw new ArenaInputError(
      'train --teacher-temperature',
      cfg.teacherTemperature,
      '0 unless --teacher lookahead',
      `the ${cfg.teacher} teacher does not score its moves`,
    );
  }
  const learning = teamsOf(scenario).filter((t) => !fixedRoles?.[t.role]);
  return trainingOpponents(
    scenario,
    options,
    `${cfg.teacher}:${learning.map((t) => t.name).join(',')}`,
    cfg.numEnvs,
    cfg.seed + 1,
    undefined,
    'train --teacher',
    { temperature: cfg.teacherTemperature },
  );
}
