import { readCheckpoint } from '../agents/checkpoint';
import { MAX_CHECKPOINT_BYTES } from './checkpointFile';
import { checkOutputFile, readJsonFile, sameFile, writeFileAtomic } from './files';
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
  checkOutputFile('ship --out', out);
  // the run's own checkpoint would lose its resume state: a shipped copy always goes to another file
  if (sameFile(positional[0], out))
    throw new ArenaInputError('ship --out', out, 'another file than the checkpoint it copies', 'it is the input checkpoint itself');
  const data = readJsonFile('ship <checkpoint>', positional[0], 'a checkpoint file', MAX_CHECKPOINT_BYTES);
  const { ckpt } = readCheckpoint(data); // full check first
  const shipped = { ...(data as Record<string, unknown>) };
  delete shipped.training;
  writeFileAtomic(out, JSON.stringify(shipped), 'ship --out');
  return `wrote ${out}: ${ckpt.scenario.env} ${ckpt.algo}, ${ckpt.step} steps, policies ${ckpt.policies.map((p) => p.id).join(', ')}`;
}
