import { ArenaInputError } from '../sim/errors';
import type { OptionSpec } from '../sim/options';
import { SCENARIOS, scenarioEntry } from '../sim/scenarios';
import type { FlagSpec } from './args';

/** Every scenario option that has a short flag, with the scenarios that have it (from the scenario modules). */
const FLAGGED: Map<string, { spec: OptionSpec; uses: string[] }> = new Map();
for (const def of Object.values(SCENARIOS)) {
  for (const [name, spec] of Object.entries(def.options)) {
    if (!spec.flag) continue;
    const entry = FLAGGED.get(spec.flag) ?? { spec, uses: [] };
    entry.uses.push(`${def.aliases[0] ?? def.id}: ${spec.flag === 'max-cycles' ? spec.doc : `${spec.doc} (${name})`}`);
    FLAGGED.set(spec.flag, entry);
  }
}

/** Size flags shared by train, eval and bench: the scenarios' own option flags. */
export const SCENARIO_SIZE_FLAGS: Record<string, FlagSpec> = Object.fromEntries(
  [...FLAGGED].map(([flag, { spec, uses }]) => {
    const doc = flag === 'max-cycles' ? spec.doc : [...new Set(uses)].join('; ');
    const flagSpec: FlagSpec = spec.type === 'bool' ? { type: 'bool', doc } : { type: spec.type, min: spec.min, max: spec.max, doc };
    return [flag, flagSpec];
  }),
);

/** The scenario options the flags set, under PettingZoo's names; a flag the scenario has no option for is an error. */
export function scenarioOptionsFromFlags(scenario: string, flags: Record<string, unknown>): Record<string, unknown> {
  const def = scenarioEntry(scenario);
  const options: Record<string, unknown> = {};
  for (const flag of FLAGGED.keys()) {
    if (flags[flag] === undefined) continue;
    const name = Object.keys(def.options).find((n) => def.options[n].flag === flag);
    if (!name) {
      const own = Object.values(def.options)
        .flatMap((s) => (s.flag ? [`--${s.flag}`] : []))
        .join(', ');
      throw new ArenaInputError(`--${flag}`, flags[flag], `a flag of ${def.id}: ${own}`, `${def.id} has no such option`);
    }
    options[name] = flags[flag];
  }
  return options;
}

/** The `--scenario` flag: every registered scenario by its short name. */
export const scenarioFlag = (fallback = 'spread'): FlagSpec => ({
  type: 'string',
  default: fallback,
  doc: `${Object.values(SCENARIOS)
    .map((s) => s.aliases[0] ?? s.id)
    .join(', ')} (or PettingZoo names such as simple_spread_v3)`,
});
