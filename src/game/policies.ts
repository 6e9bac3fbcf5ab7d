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
  for (const [path, data] of Object.entries(SHIPPED).sort()) {
    const name = path.split('/').pop()!.replace(/\.json$/, '');
    try {
      const { ckpt, policies } = readCheckpoint(data);
      registry.register(policyControllerInfo(`ppo-${name}`, ALGO_LABELS[ckpt.algo] ?? `PPO ${ckpt.algo}`, ckpt, policies, true));
    } catch (err) {
      problems.push(`policy ${name} was not loaded: ${(err as Error).message}`);
    }
  }
  return problems;
}
