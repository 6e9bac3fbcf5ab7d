import { loadCheckpointFile } from './checkpointFile';
import { initTfNode } from '../agents/tfNode';
import { policyControllerInfo } from '../plugins/policyController';
import type { ControllerRegistry } from '../plugins/registry';

/** A controller id that names a checkpoint file rather than a registered controller. */
export const isCheckpointPath = (id: string): boolean => /[/\\]|\.json$/i.test(id);

/**
 * Register every checkpoint file among `ids` as a controller under its path, so `--prey runs/x/final.json`
 * or an `--opponents` mix can name a trained policy. Files get the checkpoint checks (named errors).
 */
export async function registerCheckpointFiles(registry: ControllerRegistry, ids: readonly string[], deterministic: boolean): Promise<void> {
  const files = ids.filter((id) => isCheckpointPath(id) && !registry.has(id));
  if (files.length === 0) return;
  await initTfNode();
  for (const path of files) {
    const { ckpt, policies } = loadCheckpointFile(path);
    registry.register(policyControllerInfo(path, path, ckpt, policies, deterministic));
  }
}
