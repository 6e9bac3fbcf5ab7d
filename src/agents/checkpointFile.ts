import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync, existsSync } from 'node:fs';
import { ArenaInputError } from '../sim/errors';
import { readCheckpoint } from './checkpoint';

/** Write a file so readers see the old or the new content, never half of one: temp file, fsync, rename. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    if (typeof content === 'string') writeSync(fd, content);
    else writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Largest checkpoint read: with resume state a big run is a few MB; 200 MB is not a checkpoint. */
export const MAX_CHECKPOINT_BYTES = 64 * 1024 * 1024;

/** Read and fully check a checkpoint file; every problem is an ArenaInputError that names it. */
export function loadCheckpointFile(path: string): ReturnType<typeof readCheckpoint> {
  if (!existsSync(path)) throw new ArenaInputError('checkpoint', path, 'an existing checkpoint file', 'no such file');
  const st = statSync(path);
  if (!st.isFile()) throw new ArenaInputError('checkpoint', path, 'a checkpoint file', st.isDirectory() ? 'it is a folder' : 'it is not a regular file');
  if (st.size > MAX_CHECKPOINT_BYTES) throw new ArenaInputError('checkpoint', path, `a checkpoint file up to ${MAX_CHECKPOINT_BYTES / 1e6} MB`, `it holds ${(st.size / 1e6).toFixed(0)} MB`);
  const text = readFileSync(path, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ArenaInputError('checkpoint', path, 'a complete checkpoint JSON file', `it is truncated or not JSON (${(err as Error).message})`);
  }
  return readCheckpoint(data);
}
