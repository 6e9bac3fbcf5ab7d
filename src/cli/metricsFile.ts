import { readFileSync, statSync } from 'node:fs';
import { ArenaInputError } from '../sim/errors';

/**
 * The rows of a run's metrics.jsonl. A last line cut short (the process was killed while appending) is
 * dropped; any other unreadable line is an error naming the file and the line.
 */
export function readMetricsRows(path: string): Record<string, number>[] {
  if (!statSync(path).isFile()) throw new ArenaInputError('metrics', path, 'a metrics.jsonl file', 'it is not a regular file');
  const lines = readFileSync(path, 'utf8').split('\n');
  const rows: Record<string, number>[] = [];
  lines.forEach((line, k) => {
    if (!line.trim()) return;
    try {
      rows.push(JSON.parse(line));
    } catch {
      const last = lines.slice(k + 1).every((l) => !l.trim());
      if (!last) throw new ArenaInputError(`${path} line ${k + 1}`, line.slice(0, 60), 'one JSON object per line', 'not JSON');
    }
  });
  return rows;
}
