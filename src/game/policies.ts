import { readCheckpoint, type LoadedPolicyData } from '../agents/checkpoint';
import { policyControllerInfo } from '../plugins/policyController';
import type { ControllerRegistry } from '../plugins/registry';
import { ArenaInputError } from '../sim/errors';
import { parseJson } from '../sim/json';

/** Shipped checkpoints, bundled at build time: the game plays them without a network request. */
const SHIPPED = import.meta.glob('../../assets/policies/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

const ALGO_LABELS: Record<string, string> = {
  shared: 'PPO (shared)',
  mappo: 'MAPPO',
  independent: 'PPO (independent)',
  comm: 'PPO (talking)',
  competitive: 'PPO (self-play)',
};

/** Controller ids of shipped files that were renamed; old deep links keep working through them. */
export const RENAMED_POLICIES: Record<string, string> = {
  'ppo-tag-predators': 'ppo-tag-predators-hard',
  'ppo-spread-shared': 'ppo-spread-n3-shared',
  'ppo-spread-mappo': 'ppo-spread-n3-mappo',
};

/** A `-easy` / `-medium` / `-hard` file-name suffix: a difficulty level of one team's policy. */
const LEVEL = /-(easy|medium|hard)$/;

/** A `-roles-none` / `-some` / `-much` suffix: a pack trained at a diversity set-point ("Watch the pack"). */
const DIVERSITY = /-roles-(none|some|much)$/;

/** A checkpoint's teams talk over a learned channel (`--comm`). */
const talks = (policies: LoadedPolicyData[]) => policies.some((p) => p.comm);

/**
 * The controller label of a checkpoint: its algorithm ("PPO (talking)" for a learned channel), its level or
 * diversity when the name has one, and its view limit.
 */
function policyLabel(name: string, algo: string, policies: LoadedPolicyData[]): string {
  const level = LEVEL.exec(name)?.[1];
  const diversity = DIVERSITY.exec(name)?.[1];
  const view = Math.max(0, ...policies.map((p) => p.json.observation.viewRadius ?? 0));
  const kind = talks(policies) ? ALGO_LABELS.comm : (ALGO_LABELS[algo] ?? `PPO ${algo}`);
  return kind + (level ? `, ${level}` : '') + (diversity ? `, diversity ${diversity}` : '') + (view > 0 ? `, sees ${view}` : '');
}

/** Largest policy file the page accepts (the shipped ones are well under 1 MB). */
export const MAX_POLICY_FILE_BYTES = 20 * 1024 * 1024;

/**
 * A checkpoint file a person gives the page (picked or dropped) as controller `file-<name>`. Checked
 * completely first: a bad file throws a named error and registers nothing. Returns the new controller's id
 * and the roles it drives.
 */
export function registerPolicyFile(
  registry: ControllerRegistry,
  fileName: string,
  bytes: number,
  text: string,
): { id: string; label: string; scenario: string; roles: string[] } {
  if (bytes > MAX_POLICY_FILE_BYTES)
    throw new ArenaInputError('policy file', `${fileName} (${(bytes / 1e6).toFixed(1)} MB)`, `a checkpoint up to ${MAX_POLICY_FILE_BYTES / 1e6} MB`);
  const data = parseJson(text, 'policy file', 'a checkpoint JSON file (docs/checkpoint-format.md)', { maxChars: MAX_POLICY_FILE_BYTES, shown: fileName });
  const { ckpt, policies } = readCheckpoint(data);
  const name =
    fileName
      .replace(/\.json$/i, '')
      .replace(/[^A-Za-z0-9_.-]+/g, '-')
      .slice(0, 60) || 'policy';
  const id = `file-${name}`;
  const label = `${name} (${policyLabel(name, ckpt.algo, policies)})`;
  registry.register(policyControllerInfo(id, label, ckpt, policies, true));
  return { id, label, scenario: ckpt.scenario.id, roles: [...new Set(policies.map((p) => p.json.role))] };
}

/**
 * Register every shipped policy as a controller (`ppo-<file name>`). A file that fails the checkpoint
 * checks is skipped and reported, never fatal.
 */
export function registerShippedPolicies(registry: ControllerRegistry): string[] {
  const problems: string[] = [];
  const loaded: { name: string; ckpt: ReturnType<typeof readCheckpoint>['ckpt']; policies: ReturnType<typeof readCheckpoint>['policies'] }[] = [];
  for (const [path, data] of Object.entries(SHIPPED)) {
    const name = path
      .split('/')
      .pop()!
      .replace(/\.json$/, '');
    try {
      loaded.push({ name, ...readCheckpoint(data) });
    } catch (err) {
      problems.push(`policy ${name} was not loaded: ${(err as Error).message}`);
    }
  }
  // the first that fits a team is its default: the best-measured kinds first (see assets/policies/README.md),
  // and of a team's difficulty levels the hardest
  const rank = (algo: string) => (PREFERENCE.indexOf(algo) + PREFERENCE.length + 1) % (PREFERENCE.length + 1);
  const levelRank = (name: string) => ['hard', 'medium', 'easy'].indexOf(LEVEL.exec(name)?.[1] ?? 'hard');
  // a talking team with a view limit plays with less sight: never a team's default over a silent one
  const talkRank = (p: LoadedPolicyData[]) => (talks(p) ? 1 : 0);
  loaded.sort(
    (a, b) =>
      talkRank(a.policies) - talkRank(b.policies) ||
      rank(a.ckpt.algo) - rank(b.ckpt.algo) ||
      levelRank(a.name) - levelRank(b.name) ||
      a.name.localeCompare(b.name),
  );
  for (const { name, ckpt, policies } of loaded) {
    registry.register(policyControllerInfo(`ppo-${name}`, policyLabel(name, ckpt.algo, policies), ckpt, policies, true));
  }
  for (const [old, now] of Object.entries(RENAMED_POLICIES)) if (registry.has(now)) registry.alias(old, now);
  return problems;
}

const PREFERENCE = ['shared', 'competitive', 'comm', 'mappo', 'independent'];
