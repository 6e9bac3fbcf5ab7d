import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The recorded PettingZoo data lives beside the repository, in ../shared/mpe-reference. */
export const REFERENCE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/mpe-reference');

export function referenceAvailable(): boolean {
  return existsSync(join(REFERENCE_DIR, 'manifest.json'));
}

export function readReference<T = any>(relPath: string): T {
  return JSON.parse(readFileSync(join(REFERENCE_DIR, relPath), 'utf8')) as T;
}

export function referenceFiles(sub: 'spec' | 'traj'): string[] {
  return readdirSync(join(REFERENCE_DIR, sub))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => `${sub}/${f}`);
}
