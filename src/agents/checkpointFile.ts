import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync, existsSync } from 'node:fs';
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

/** Read and fully check a checkpoint file; every problem is an ArenaInputError that names it. */
export function loadCheckpointFile(path: string): ReturnType<typeof readCheckpoint> {
  if (!existsSync(path)) throw new ArenaInputError('checkpoint', path, 'an existing checkpoint file', 'no such file');
  const text = readFileSync(path, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ArenaInputError('checkpoint', path, 'a complete checkpoint JSON file', `it is truncated or not JSON (${(err as Error).message})`);
  }
  return readCheckpoint(data);
}
