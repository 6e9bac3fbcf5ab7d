import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statfsSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ArenaInputError } from '../sim/errors';
import { parseJson } from '../sim/json';

/**
 * Every file the command line reads or writes goes through here, so no command opens a named pipe (the
 * open blocks forever), a device, a folder or a kernel file (/proc, /sys), or replaces one with a
 * regular file. Each refusal is an ArenaInputError naming the flag, the path and what it is.
 */

/** statfs magic numbers of kernel file systems whose files are not data (reading may block; mkdir -p may loop). */
const KERNEL_FILE_SYSTEMS: Record<number, string> = {
  0x9fa0: '/proc',
  0x62656572: '/sys',
  0x1cd1: 'devpts',
  0x64626720: 'debugfs',
  0x74726163: 'tracefs',
  0x27e0eb: 'cgroup',
  0x63677270: 'cgroup2',
  0x73636673: 'securityfs',
  0x6e736673: 'nsfs',
  0x42494e4d: 'binfmt_misc',
  0xcafe4a11: 'bpf',
};

/** A size in words: 12 bytes, 3.4 kB, 64 MB. */
function bytes(n: number): string {
  if (n < 1000) return `${n} bytes`;
  return n < 1e6 ? `${(n / 1e3).toFixed(1)} kB` : `${(n / 1e6).toFixed(n < 1e8 ? 1 : 0)} MB`;
}

/** What a path is, in words, for a message. */
function kindOf(st: Stats): string {
  if (st.isFile()) return 'a file';
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The nearest part of `path` (itself or a parent folder) that exists. */
function nearestExisting(path: string): string {
  let p = resolve(path);
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

/** The kernel file system `path` lies on, or null for an ordinary one. */
function kernelFileSystem(path: string): string | null {
  try {
    return KERNEL_FILE_SYSTEMS[statfsSync(path).type] ?? null;
  } catch {
    return null; // no statfs here: the type checks still apply
  }
}

/**
 * A file to read: it exists, is a regular file on an ordinary file system and holds at most `maxBytes`.
 * Returns its text. `what` says what it should be ("a checkpoint file").
 */
export function readTextFile(field: string, path: string, what: string, maxBytes: number): string {
  if (typeof path !== 'string' || path === '') throw new ArenaInputError(field, path, what);
  if (!existsSync(path)) throw new ArenaInputError(field, path, what, 'no such file');
  const st = statSync(path);
  if (!st.isFile()) throw new ArenaInputError(field, path, what, `it is ${kindOf(st)}`);
  const kernel = kernelFileSystem(path);
  if (kernel) throw new ArenaInputError(field, path, what, `it is a kernel file (${kernel}), not data`);
  if (st.size > maxBytes) {
    // sizes that round alike are given exactly
    const [has, max] =
      bytes(st.size) === bytes(maxBytes)
        ? [`${st.size.toLocaleString('en-US')} bytes`, `${maxBytes.toLocaleString('en-US')} bytes`]
        : [bytes(st.size), bytes(maxBytes)];
    throw new ArenaInputError(field, path, `${what} of at most ${max}`, `it holds ${has}`);
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ArenaInputError(field, path, what, (err as Error).message);
  }
}

/** A JSON file to read, within size and depth limits (see parseJson). */
export function readJsonFile(field: string, path: string, what: string, maxBytes: number): unknown {
  return parseJson(readTextFile(field, path, what, maxBytes), field, what, { maxChars: maxBytes, shown: path });
}

/**
 * A file about to be written: if it exists it is a regular file (a named pipe, device or folder is never
 * replaced), and its folder exists on an ordinary file system.
 */
export function checkOutputFile(field: string, path: string): void {
  const what = 'a file name in an existing, writable folder';
  if (typeof path !== 'string' || path === '') throw new ArenaInputError(field, path, what);
  if (existsSync(path)) {
    const st = statSync(path);
    if (!st.isFile()) throw new ArenaInputError(field, path, what, `it is ${kindOf(st)}`);
  }
  const folder = dirname(resolve(path));
  const found = nearestExisting(folder);
  if (found !== folder)
    throw new ArenaInputError(field, path, what, statSync(found).isDirectory() ? 'its folder does not exist' : 'a part of the path is a file, not a folder');
  if (!statSync(folder).isDirectory()) throw new ArenaInputError(field, path, what, 'a part of the path is a file, not a folder');
  const kernel = kernelFileSystem(folder);
  if (kernel) throw new ArenaInputError(field, path, what, `it is in a kernel file system (${kernel})`);
}

/**
 * A folder to write into, created with its parents if need be: checked before creating, since Node's
 * recursive mkdir loops forever under /proc.
 */
export function makeOutputFolder(field: string, path: string): void {
  checkOutputFolder(field, path);
  try {
    mkdirSync(path, { recursive: true });
  } catch (err) {
    throw new ArenaInputError(field, path, 'a folder that can be created and written', (err as Error).message);
  }
}

/** A folder to write into (it may not exist yet): checked without creating anything. */
export function checkOutputFolder(field: string, path: string): void {
  const what = 'a folder that can be created and written';
  if (typeof path !== 'string' || path === '') throw new ArenaInputError(field, path, what);
  const found = nearestExisting(path);
  const st = statSync(found);
  if (!st.isDirectory())
    throw new ArenaInputError(field, path, what, found === resolve(path) ? `it is ${kindOf(st)}` : `${found} is ${kindOf(st)}, not a folder`);
  const kernel = kernelFileSystem(found);
  if (kernel) throw new ArenaInputError(field, path, what, `it is in a kernel file system (${kernel})`);
}

/** An existing folder to read from. */
export function checkInputFolder(field: string, path: string, what: string): void {
  if (typeof path !== 'string' || path === '' || !existsSync(path)) throw new ArenaInputError(field, path, what, 'no such folder');
  const st = statSync(path);
  if (!st.isDirectory()) throw new ArenaInputError(field, path, what, `it is ${kindOf(st)}`);
  const kernel = kernelFileSystem(path);
  if (kernel) throw new ArenaInputError(field, path, what, `it is in a kernel file system (${kernel})`);
}

/** Whether two paths name one existing file (the same path, a symbolic link or a hard link to it). */
export function sameFile(a: string, b: string): boolean {
  try {
    if (!existsSync(a) || !existsSync(b)) return false;
    if (realpathSync(a) === realpathSync(b)) return true;
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/**
 * The files a command was given to read: its plain words and every file named in a flag's value,
 * including mixes (`scripted+runs/a/best.json:prey`).
 */
export function inputFiles(positional: readonly string[], flags: Record<string, unknown>): string[] {
  const words = [...positional, ...Object.values(flags).flatMap((v) => (typeof v === 'string' ? v.split(/[+,:]/) : []))];
  return [...new Set(words)].filter((w) => w !== '' && existsSync(w) && statSync(w).isFile());
}

/** Refuse a command whose outputs would replace (or delete) one of its inputs: the input is read, never lost. */
export function refuseOverwritingInputs(field: string, outputs: readonly string[], inputs: readonly string[]): void {
  for (const out of outputs) {
    const input = inputs.find((i) => sameFile(i, out));
    if (input) throw new ArenaInputError(field, out, 'an output that is not one of the files the command reads', `it is ${input}, an input of this command`);
  }
}

/**
 * Write a file so readers see the old or the new content, never half of one: temp file, fsync, rename.
 * A place that cannot be written (no such folder, a folder or pipe in the way, no permission) is an
 * ArenaInputError naming the path; the temp file never stays behind.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array, field = 'output file'): void {
  checkOutputFile(field, path);
  const tmp = `${path}.tmp-${process.pid}`;
  try {
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
    throw new ArenaInputError(field, path, 'a file name in an existing, writable folder', why[code ?? ''] ?? (err as Error).message);
  }
}
