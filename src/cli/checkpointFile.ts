import { readCheckpoint } from '../agents/checkpoint';
import { readJsonFile } from './files';

/** Largest checkpoint read: with resume state a big run is a few MB; 200 MB is not a checkpoint. */
export const MAX_CHECKPOINT_BYTES = 64 * 1024 * 1024;

/** Read and fully check a checkpoint file; every problem is an ArenaInputError that names it. */
export function loadCheckpointFile(path: string, field = 'checkpoint'): ReturnType<typeof readCheckpoint> {
  return readCheckpoint(readJsonFile(field, path, 'a checkpoint file', MAX_CHECKPOINT_BYTES));
}
