import { readFileSync } from 'node:fs';
import { loadCheckpointFile, writeFileAtomic } from '../agents/checkpointFile';
import { ArenaInputError } from '../sim/errors';
import { parseArgs, type FlagSpec } from './args';

export const SHIP_FLAGS: Record<string, FlagSpec> = {
  out: { type: 'string', doc: 'where to write the policy, e.g. assets/policies/spread-n3-shared.json' },
};

/** Copy a checkpoint without its resume-only state (optimizer moments, generators): what the game loads. */
export function shipCommand(argv: string[]): string {
  const { positional, flags } = parseArgs('ship', argv, SHIP_FLAGS, 1);
  if (positional.length !== 1) throw new ArenaInputError('ship <checkpoint>', positional, 'exactly one checkpoint file');
  const out = flags.out as string | undefined;
  if (!out || !out.endsWith('.json')) throw new ArenaInputError('ship --out', out, 'a .json file name');
  loadCheckpointFile(positional[0]); // full check first
  const ckpt = JSON.parse(readFileSync(positional[0], 'utf8'));
  delete ckpt.training;
  writeFileAtomic(out, JSON.stringify(ckpt));
  return `wrote ${out}: ${ckpt.scenario.env} ${ckpt.algo}, ${ckpt.step} steps, policies ${ckpt.policies.map((p: { id: string }) => p.id).join(', ')}`;
}
