import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputFile, checkOutputFolder, makeOutputFolder, readJsonFile, readTextFile, writeFileAtomic } from '../../src/cli/files';

/** A folder holding a file, a folder, a named pipe and a file nested 10,000 deep. */
function hostileFolder(): { dir: string; file: string; folder: string; pipe: string; deep: string } {
  const dir = mkdtempSync(join(tmpdir(), 'arena-files-'));
  const file = join(dir, 'a.json');
  writeFileSync(file, '{"a": 1}');
  const folder = join(dir, 'sub.json');
  mkdirSync(folder);
  const pipe = join(dir, 'pipe.json');
  execFileSync('mkfifo', [pipe]);
  const deep = join(dir, 'deep.json');
  writeFileSync(deep, `${'['.repeat(10_000)}${']'.repeat(10_000)}`);
  return { dir, file, folder, pipe, deep };
}

describe('files the command line reads', () => {
  it('refuses a named pipe, a folder, a device and a kernel file before opening it (opening a pipe would block)', () => {
    const { file, folder, pipe, deep } = hostileFolder();
    expect(readJsonFile('checkpoint', file, 'a checkpoint file', 1e6)).toEqual({ a: 1 });
    const cases: [string, RegExp][] = [
      [pipe, /it is a named pipe/],
      [folder, /it is a folder/],
      ['/dev/null', /it is a device/],
      ['/proc/self/status', /kernel file \(\/proc\)/],
      [join(file, 'x'), /no such file/],
    ];
    for (const [path, why] of cases) {
      const started = performance.now();
      expect(() => readTextFile('checkpoint', path, 'a checkpoint file', 1e6), path).toThrow(why);
      expect(performance.now() - started).toBeLessThan(1000);
    }
    expect(() => readJsonFile('checkpoint', deep, 'a checkpoint file', 1e6)).toThrow(/checkpoint: got ".*deep.json"; it nests deeper than 64 levels/);
    expect(() => readTextFile('checkpoint', file, 'a checkpoint file', 3)).toThrow(/it holds 8 bytes; allowed: a checkpoint file of at most 3 bytes/);
  });
});

describe('files and folders the command line writes', () => {
  it('never replaces a named pipe, device or folder with a file, and leaves no temp file', () => {
    const { dir, folder, pipe } = hostileFolder();
    for (const [path, why] of [
      [pipe, /it is a named pipe/],
      [folder, /it is a folder/],
      ['/dev/null', /it is a device/],
      [join(dir, 'no', 'such.json'), /its folder does not exist/],
      [join(dir, 'a.json', 'x.json'), /a part of the path is a file/],
      ['/proc/x.json', /kernel file system \(\/proc\)/],
    ] as const) {
      expect(() => writeFileAtomic(path, 'x', 'record --out'), path).toThrow(new RegExp(`record --out: got .*${why.source}`));
    }
    expect(statSync(pipe).isFIFO()).toBe(true);
    writeFileAtomic(join(dir, 'ok.json'), 'fine');
    expect(readFileSync(join(dir, 'ok.json'), 'utf8')).toBe('fine');
    expect(existsSync(join(dir, `ok.json.tmp-${process.pid}`))).toBe(false);
    expect(() => checkOutputFile('plot --out', join(dir, 'new.png'))).not.toThrow();
  });

  it('checks a folder before creating it: /proc (where a recursive mkdir never returns), a file in the way', () => {
    const { dir, file } = hostileFolder();
    for (const [path, why] of [
      ['/proc/x', /kernel file system \(\/proc\)/],
      ['/proc/x/y/z', /kernel file system \(\/proc\)/],
      ['/sys/x', /kernel file system \(\/sys\)/],
      [file, /it is a file/],
      [join(file, 'run'), /a.json is a file, not a folder/],
    ] as const) {
      const started = performance.now();
      expect(() => makeOutputFolder('train --out', path), path).toThrow(why);
      expect(performance.now() - started).toBeLessThan(1000);
    }
    makeOutputFolder('train --out', join(dir, 'runs', 'a', 'b'));
    expect(statSync(join(dir, 'runs', 'a', 'b')).isDirectory()).toBe(true);
    expect(() => checkOutputFolder('train --out', join(dir, 'later'))).not.toThrow();
    expect(existsSync(join(dir, 'later'))).toBe(false);
  });
});
