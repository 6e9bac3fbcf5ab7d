import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { ArenaInputError } from '../sim/errors';
import { readCheckpoint } from './checkpoint';

/**
 * Write a file so readers see the old or the new content, never half of one: temp file, fsync, rename.
 * A place that cannot be written (no such folder, a folder in the way, no permission) is an
 * ArenaInputError naming the path; the temp file never stays behind.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    if (existsSync(path) && statSync(path).isDirectory()) throw Object.assign(new Error('a folder is in the way'), { code: 'EISDIR' });
    const fd = openSync(tmp, 'w');
    try {
      if (typeof content === 'string') writeSync(fd, content);
      else writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    try {
      if (existsSync(tmp)) unlinkSync(tmp);
    } catch {
      // nothing more to clean
    }
    const code = (err as NodeJS.ErrnoException).code;
    const why: Record<string, string> = {
      ENOENT: 'its folder does not exist',
      ENOTDIR: 'a part of the path is a file, not a folder',
      EISDIR: 'it is a folder',
      EACCES: 'no permission to write there',
      EPERM: 'no permission to write there',
      EROFS: 'the file system is read-only',
      ENOSPC: 'the disk is full',
    };
    throw new ArenaInputError('output file', path, 'a file name in an existing, writable folder', why[code ?? ''] ?? (err as Error).message);
  }
}

/** Largest checkpoint read: with resume state a big run is a few MB; 200 MB is not a checkpoint. */
export const MAX_CHECKPOINT_BYTES = 64 * 1024 * 1024;

/** Read and fully check a checkpoint file; every problem is an ArenaInputError that names it. */
export function loadCheckpointFile(path: string): ReturnType<typeof readCheckpoint> {
  if (!existsSync(path)) throw new ArenaInputError('checkpoint', path, 'an existing checkpoint file', 'no such file');
  const st = statSync(path);
  if (!st.isFile()) throw new ArenaInputError('checkpoint', path, 'a checkpoint file', st.isDirectory() ? 'it is a folder' : 'it is not a regular file');
  if (st.size > MAX_CHECKPOINT_BYTES)
    throw new ArenaInputError('checkpoint', path, `a checkpoint file up to ${MAX_CHECKPOINT_BYTES / 1e6} MB`, `it holds ${(st.size / 1e6).toFixed(0)} MB`);
  const text = readFileSync(path, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ArenaInputError('checkpoint', path, 'a complete checkpoint JSON file', `it is truncated or not JSON (${(err as Error).message})`);
  }
  return readCheckpoint(data);
}
