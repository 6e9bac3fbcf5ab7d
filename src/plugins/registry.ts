import { SCENARIOS } from '../sim/scenarios';
import { ArenaInputError } from '../sim/errors';
import type { Controller } from '../sim/controller';
import { HumanController, HumanInput } from './human';
import { LookaheadController, VariedLookaheadController } from './lookahead';
import { RandomController } from './random';
import { ScriptedController } from './scripted';

/** What a controller factory may need from its host. */
export interface ControllerDeps {
  humanInput?: HumanInput;
  seed?: number;
  /** Planners (lookahead): > 0 draws the move from a softmax of the moves' values over it. */
  temperature?: number;
}

export interface ControllerInfo {
  id: string;
  label: string;
  description: string;
  /** Whether it can drive agents of this role in this scenario (with these resolved options, if given). */
  supports(scenarioId: string, role: string, options?: Readonly<Record<string, number | boolean>>): boolean;
  create(deps: ControllerDeps): Controller;
}

/** Controllers by id. Learned policies register here too, so the game lists whatever is installed. */
export class ControllerRegistry {
  private readonly entries = new Map<string, ControllerInfo>();
  /** Old ids that still work (a renamed policy file): old id -> current id. */
  private readonly aliases = new Map<string, string>();

  register(info: ControllerInfo): void {
    this.entries.set(info.id, info);
  }

  /** Let `old` name the controller `current` (registered) wherever an id is looked up. */
  alias(old: string, current: string): void {
    if (!this.entries.has(current)) throw new ArenaInputError('alias', current, this.ids().join(', '), 'no such controller');
    this.aliases.set(old, current);
  }

  /** The current id for an id or an alias of one. */
  resolve(id: string): string {
    return this.entries.has(id) ? id : (this.aliases.get(id) ?? id);
  }

  has(id: string): boolean {
    return this.entries.has(this.resolve(id));
  }

  get(id: string): ControllerInfo {
    const info = this.entries.get(this.resolve(id));
    if (!info) throw new ArenaInputError('controller', id, this.ids().join(', '));
    return info;
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  /** Controllers that can drive this role, in registration order. */
  forRole(scenarioId: string, role: string, options?: Readonly<Record<string, number | boolean>>): ControllerInfo[] {
    return [...this.entries.values()].filter((c) => c.supports(scenarioId, role, options));
  }

  /** Throws a named error unless `id` exists and can drive the role. */
  check(id: string, scenarioId: string, role: string, field = 'controller', options?: Readonly<Record<string, number | boolean>>): ControllerInfo {
    const info = this.entries.get(this.resolve(id));
    const allowed = this.forRole(scenarioId, role, options)
      .map((c) => c.id)
      .join(', ');
    if (!info || !info.supports(scenarioId, role, options)) throw new ArenaInputError(field, id, `${allowed} (for ${role} in ${scenarioId})`);
    return info;
  }
}

export function builtinControllers(): ControllerRegistry {
  const reg = new ControllerRegistry();
  reg.register({
    id: 'random',
    label: 'Random',
    description: 'uniform random actions',
    supports: () => true,
    create: (deps) => new RandomController(deps.seed ?? 0),
  });
  reg.register({
    id: 'scripted',
    label: 'Scripted',
    description: 'hand-written baseline (chase / flee / greedy landmarks / say the goal)',
    supports: (scenario) => SCENARIOS[scenario] !== undefined, // every scenario has a rule for each of its roles
    create: () => new ScriptedController(),
  });
  reg.register({
    id: 'lookahead',
    label: 'Lookahead',
    description: 'tag prey that plans 10 steps ahead against chasers (reads the whole world)',
    supports: (scenario, role) => scenario === 'simple_tag' && role === 'good',
    create: (deps) => new LookaheadController(deps.seed ?? 0, deps.temperature ?? 0),
  });
  reg.register({
    id: 'lookahead-varied',
    label: 'Lookahead (varied)',
    description: 'tag prey that plan 3 to 12 steps ahead, sharp or sloppy, drawn anew each episode (a training population)',
    supports: (scenario, role) => scenario === 'simple_tag' && role === 'good',
    create: (deps) => new VariedLookaheadController(deps.seed ?? 0),
  });
  reg.register({
    id: 'human',
    label: 'Human',
    description: 'you: arrows/WASD, gamepad, or drag',
    supports: () => true,
    create: (deps) => new HumanController(deps.humanInput ?? new HumanInput()),
  });
  return reg;
}
