import { readCheckpoint } from '../agents/checkpoint';
import { policyControllerInfo } from '../plugins/policyController';
import type { ControllerRegistry } from '../plugins/registry';

/** Shipped checkpoints, bundled at build time: the game plays them without a network request. */
const SHIPPED = import.meta.glob('../../assets/policies/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

const ALGO_LABELS: Record<string, string> = {
  shared: 'PPO (shared)',
  mappo: 'MAPPO',
  independent: 'PPO (independent)',
  comm: 'PPO (talking)',
  competitive: 'PPO (self-play)',
};

/**
 * Register every shipped policy as a controller (`ppo-<file name>`). A file that fails the checkpoint
 * checks is skipped and reported, never fatal.
 */
export function registerShippedPolicies(registry: ControllerRegistry): string[] {
  const problems: string[] = [];
  const loaded: { name: string; ckpt: ReturnType<typeof readCheckpoint>['ckpt']; policies: ReturnType<typeof readCheckpoint>['policies'] }[] = [];
  for (const [path, data] of Object.entries(SHIPPED)) {
    const name = path.split('/').pop()!.replace(/\.json$/, '');
    try {
      loaded.push({ name, ...readCheckpoint(data) });
    } catch (err) {
      problems.push(`policy ${name} was not loaded: ${(err as Error).message}`);
    }
  }
  // the first that fits a team is its default: the best-measured kinds first (see assets/policies/README.md)
  const rank = (algo: string) => (PREFERENCE.indexOf(algo) + PREFERENCE.length + 1) % (PREFERENCE.length + 1);
  loaded.sort((a, b) => rank(a.ckpt.algo) - rank(b.ckpt.algo) || a.name.localeCompare(b.name));
  for (const { name, ckpt, policies } of loaded) {
    registry.register(policyControllerInfo(`ppo-${name}`, ALGO_LABELS[ckpt.algo] ?? `PPO ${ckpt.algo}`, ckpt, policies, true));
  }
  return problems;
}

const PREFERENCE = ['shared', 'competitive', 'comm', 'mappo', 'independent'];
