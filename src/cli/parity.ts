import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import { checkInputFolder, readJsonFile, readTextFile } from './files';
import { parseJson } from '../sim/json';
import { ArenaInputError } from '../sim/errors';
import { checkTrajectory, failedParity, PARITY_TOLERANCE, type ParityResult } from '../sim/parity';
import { scenarioEntry } from '../sim/scenarios';
import { actionWidth } from '../sim/spaces';

export interface ParityReport {
  ok: boolean;
  dir: string;
  tolerance: typeof PARITY_TOLERANCE;
  checked: number;
  passed: number;
  failed: number;
  maxObsError: number;
  maxStateError: number;
  maxRewardError: number;
  maxResetError: number;
  specProblems: string[];
  results: ParityResult[];
}

interface ManifestFile {
  path: string;
  kind: string;
  sha256?: string;
}

/**
 * Checks a spec file's constants (agents, observation sizes, action spaces, entity constants) against the
 * scenario built from the same options. Returns the mismatches.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a spec file is free-form JSON, checked field by field below
export function checkSpec(name: string, spec: Record<string, any>): string[] {
  const problems: string[] = [];
  try {
    const sc = scenarioEntry(spec.env).create({ ...spec.env_kwargs });
    const agents = spec.possible_agents as string[];
    if (JSON.stringify(agents) !== JSON.stringify(sc.agentNames)) problems.push(`${name}: agents ${agents} != ${sc.agentNames}`);
    agents.forEach((a, i) => {
      if (spec.observation_dims?.[a] !== sc.obsDims[i]) problems.push(`${name}: obs dim of ${a} ${spec.observation_dims?.[a]} != ${sc.obsDims[i]}`);
      const space = sc.actionSpaces[i];
      const want = spec.action_spaces?.[a];
      const count = spec.action_counts?.[a];
      if (want?.type === 'Discrete' || count !== undefined) {
        const n = want?.n ?? count;
        if (space.type !== 'Discrete' || space.n !== n) problems.push(`${name}: action space of ${a} is not Discrete(${n})`);
      } else if (want?.type === 'Box') {
        if (space.type !== 'Box' || actionWidth(space) !== want.shape[0]) problems.push(`${name}: action space of ${a} is not Box(${want.shape})`);
      }
    });
    const w = sc.world;
    for (const e of spec.entities ?? []) {
      const i = w.index(e.name);
      if (i < 0) {
        problems.push(`${name}: entity ${e.name} missing`);
        continue;
      }
      const mine = w.entities[i];
      const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);
      if (mine.size !== e.size || !same(mine.accel, e.accel) || !same(mine.maxSpeed, e.max_speed) || mine.movable !== e.movable || mine.collide !== e.collide) {
        problems.push(`${name}: constants of ${e.name} differ`);
      }
      if (e.silent !== undefined && mine.silent !== e.silent) problems.push(`${name}: ${e.name} silent ${mine.silent} != ${e.silent}`);
    }
    if (spec.world && spec.world.dim_c !== w.dimC) problems.push(`${name}: dim_c ${w.dimC} != ${spec.world.dim_c}`);
  } catch (err) {
    problems.push(`${name}: could not be checked: ${(err as Error).message}`);
  }
  return problems;
}

/** Largest parity file read (the reference trajectories are a few hundred kB each). */
const MAX_PARITY_FILE_BYTES = 64 * 1024 * 1024;

/**
 * manifest.json's file list, checked like a checkpoint: `{files: [{path, kind, sha256?}]}` with paths
 * inside the folder. Each problem names the entry.
 */
function readManifest(manifestPath: string): ManifestFile[] {
  const field = 'parity manifest.json';
  const data = readJsonFile(field, manifestPath, 'the reference manifest (a JSON object with a files list)', MAX_PARITY_FILE_BYTES);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ArenaInputError(field, data, '{"files": [{"path", "kind", "sha256"}, ...]}');
  const files = (data as { files?: unknown }).files ?? [];
  if (!Array.isArray(files)) throw new ArenaInputError(`${field} files`, files, 'a list of {path, kind, sha256}');
  return files.map((f: unknown, k) => {
    const at = `${field} files[${k}]`;
    const e = f as Partial<ManifestFile> | null;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new ArenaInputError(at, f, '{path, kind, sha256}');
    const inside = typeof e.path === 'string' && e.path !== '' && !isAbsolute(e.path) && !normalize(e.path).startsWith('..');
    if (!inside) throw new ArenaInputError(`${at}.path`, e.path, 'a relative path inside the folder, e.g. traj/simple_tag_v3_seed0.json');
    if (typeof e.kind !== 'string') throw new ArenaInputError(`${at}.kind`, e.kind, 'a string such as trajectory or spec');
    if (e.sha256 !== undefined && !(typeof e.sha256 === 'string' && /^[0-9a-f]{64}$/i.test(e.sha256)))
      throw new ArenaInputError(`${at}.sha256`, e.sha256, 'absent, or 64 hexadecimal digits');
    return { path: e.path as string, kind: e.kind, sha256: e.sha256 };
  });
}

/** Replays every trajectory of an `mpe-reference`-style folder (manifest.json, spec/, traj/). */
export function runParity(dir: string): ParityReport {
  checkInputFolder('parity <dir>', dir, 'a folder with manifest.json, spec/ and traj/');
  const results: ParityResult[] = [];
  const specProblems: string[] = [];
  const manifestPath = join(dir, 'manifest.json');
  const listed: ManifestFile[] = existsSync(manifestPath) ? readManifest(manifestPath) : [];
  if (!existsSync(manifestPath)) specProblems.push('manifest.json missing: file list and checksums not checked');

  const trajPaths = new Set<string>(listed.filter((f) => f.kind === 'trajectory').map((f) => f.path));
  const trajDir = join(dir, 'traj');
  if (existsSync(trajDir)) {
    if (!statSync(trajDir).isDirectory()) specProblems.push('traj is not a folder: its trajectories were not read');
    else for (const f of readdirSync(trajDir)) if (f.endsWith('.json')) trajPaths.add(`traj/${f}`);
  }
  const sums = new Map(listed.map((f) => [f.path, f.sha256]));

  // a file that cannot be read (missing, a folder, a pipe, too large, not JSON) fails its own entry only
  const readChecked = (path: string): { data?: unknown; problem?: string } => {
    const full = join(dir, path);
    if (!existsSync(full)) return { problem: 'listed in manifest.json but missing' };
    let text: string;
    try {
      text = readTextFile(path, full, 'a JSON file', MAX_PARITY_FILE_BYTES);
    } catch (err) {
      return { problem: (err as Error).message };
    }
    const want = sums.get(path);
    if (want && createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex') !== want.toLowerCase())
      return { problem: 'sha256 differs from manifest.json' };
    try {
      return { data: parseJson(text, path, 'a JSON file', { maxChars: MAX_PARITY_FILE_BYTES }) };
    } catch (err) {
      return { problem: (err as Error).message };
    }
  };

  for (const f of listed.filter((x) => x.kind === 'spec')) {
    const { data, problem } = readChecked(f.path);
    if (problem) specProblems.push(`${f.path}: ${problem}`);
    else specProblems.push(...checkSpec(f.path, data as Record<string, unknown>));
  }

  for (const path of [...trajPaths].sort()) {
    const { data, problem } = readChecked(path);
    results.push(problem ? failedParity(path, [problem]) : checkTrajectory(path, data));
  }

  const max = (k: keyof ParityResult) => results.reduce((m, r) => Math.max(m, r[k] as number), 0);
  const passed = results.filter((r) => r.ok).length;
  return {
    ok: results.length > 0 && passed === results.length && specProblems.length === 0,
    dir,
    tolerance: PARITY_TOLERANCE,
    checked: results.length,
    passed,
    failed: results.length - passed,
    maxObsError: max('maxObsError'),
    maxStateError: max('maxStateError'),
    maxRewardError: max('maxRewardError'),
    maxResetError: max('maxResetError'),
    specProblems,
    results,
  };
}

const fmt = (x: number) => x.toExponential(1).padStart(8);

export function formatParity(report: ParityReport): string {
  const lines = report.results.map(
    (r) =>
      `${r.ok ? 'ok  ' : 'FAIL'} ${r.file.padEnd(44)} steps ${String(r.steps).padStart(3)}  obs ${fmt(r.maxObsError)}  state ${fmt(r.maxStateError)}  reward ${fmt(r.maxRewardError)}  reset ${fmt(r.maxResetError)}` +
      (r.problems.length ? `\n       ${r.problems.slice(0, 5).join('\n       ')}` : ''),
  );
  for (const p of report.specProblems) lines.push(`FAIL spec: ${p}`);
  const t = report.tolerance;
  lines.push(
    '',
    `max abs error: obs ${report.maxObsError.toExponential(2)} (limit ${t.obs}), state ${report.maxStateError.toExponential(2)} (limit ${t.state}), ` +
      `reward ${report.maxRewardError.toExponential(2)} (limit ${t.reward}), seeded reset ${report.maxResetError.toExponential(2)} (limit ${t.state})`,
    `parity ${report.ok ? 'PASSED' : 'FAILED'}: ${report.passed} of ${report.checked} trajectories within tolerance${report.specProblems.length ? `, ${report.specProblems.length} spec problems` : ''}`,
  );
  return lines.join('\n');
}
