import { checkOutputFile, inputFiles, readJsonFile, refuseOverwritingInputs, writeFileAtomic } from './files';
import { Match } from '../plugins/match';
import { MAX_RECORDING_BYTES, readRecording, Recorder, type Recording } from '../plugins/recording';
import { recordingToGif } from './gif';
import { MAX_CLIP_FRAMES } from '../plugins/clipGif';
import { ArenaInputError } from '../sim/errors';
import { parseArgs, type FlagSpec } from './args';
import { EVAL_FLAGS, matchSetupFromFlags } from './evalCommand';

const { episodes: _episodes, json: _json, ...MATCH_FLAGS } = EVAL_FLAGS;
export const RECORD_FLAGS: Record<string, FlagSpec> = {
  ...MATCH_FLAGS,
  out: { type: 'string', doc: 'the recording to write (.json): a trajectory that replays exactly (docs/game.md)' },
  gif: { type: 'string', doc: 'also (or only) write the episode as an animated GIF (.gif), drawn as the game draws it' },
};

/** Write `rec` as a GIF clip (`arena record --gif`, `arena clip`); the size in bytes. */
export async function writeClip(path: string, rec: Recording, field: string): Promise<number> {
  const bytes = await recordingToGif(rec);
  writeFileAtomic(path, bytes, field);
  return bytes.length;
}

/** Longest episode recorded: 10,000 steps is about 20 MB and 15 s; a million would not fit in one string. */
const MAX_RECORDED_STEPS = 10_000;

/** `arena record [<checkpoint>] --out file.json`: one episode, as the page records it. */
export async function recordCommand(argv: string[]): Promise<string> {
  const { positional, flags } = parseArgs('record', argv, RECORD_FLAGS, 1);
  const out = flags.out as string | undefined;
  const gif = flags.gif as string | undefined;
  if (out === undefined && gif === undefined) throw new ArenaInputError('record --out', out, 'a .json file name (or --gif clip.gif, or both)');
  if (out !== undefined && !out.endsWith('.json')) throw new ArenaInputError('record --out', out, 'a .json file name');
  if (gif !== undefined && !gif.endsWith('.gif')) throw new ArenaInputError('record --gif', gif, 'a .gif file name');
  for (const [field, path] of [
    ['record --out', out],
    ['record --gif', gif],
  ] as const) {
    if (path === undefined) continue;
    checkOutputFile(field, path);
    refuseOverwritingInputs(field, [path], inputFiles(positional, flags));
  }
  const { scenario, options, controllers, registry, seed } = await matchSetupFromFlags('record', positional, flags);
  const cycles = Number(options.max_cycles ?? 25);
  if (cycles > MAX_RECORDED_STEPS) {
    throw new ArenaInputError(
      'record --max-cycles',
      cycles,
      `at most ${MAX_RECORDED_STEPS} for a recording (it keeps every step's world: about 2 MB per 1,000 steps); longer episodes: arena eval`,
    );
  }
  if (gif !== undefined && cycles > MAX_CLIP_FRAMES - 1)
    throw new ArenaInputError('record --max-cycles', cycles, `at most ${MAX_CLIP_FRAMES - 1} with --gif (a GIF of more steps is too large to share)`);
  const match = new Match({ scenario, options, controllers, registry, seed, deps: { seed } });
  const recorder = new Recorder(match);
  while (!recorder.finished) match.step();
  match.dispose();
  const rec = recorder.recording;
  const wrote = [];
  if (out !== undefined) {
    writeFileAtomic(out, JSON.stringify(rec), 'record --out');
    wrote.push(out);
  }
  if (gif !== undefined) wrote.push(`${gif} (${Math.round((await writeClip(gif, rec, 'record --gif')) / 1000)} kB)`);
  return `wrote ${wrote.join(' and ')}: ${rec.env}, ${rec.num_steps} steps, ${JSON.stringify(rec.controllers)}`;
}

export const CLIP_FLAGS: Record<string, FlagSpec> = {
  out: { type: 'string', doc: 'the clip to write (.gif)' },
};

/** `arena clip <recording.json> --out clip.gif`: a recording (the page's or `arena record`'s) as a GIF. */
export async function clipCommand(argv: string[]): Promise<string> {
  const { positional, flags } = parseArgs('clip', argv, CLIP_FLAGS, 1);
  if (positional.length !== 1) throw new ArenaInputError('clip <recording>', positional, 'exactly one recording file (.json)');
  const out = flags.out as string | undefined;
  if (!out || !out.endsWith('.gif')) throw new ArenaInputError('clip --out', out, 'a .gif file name');
  checkOutputFile('clip --out', out);
  refuseOverwritingInputs('clip --out', [out], positional);
  const rec = readRecording(readJsonFile('clip <recording>', positional[0], 'a recording file (.json)', MAX_RECORDING_BYTES), positional[0]);
  return `wrote ${out} (${Math.round((await writeClip(out, rec, 'clip --out')) / 1000)} kB): ${rec.env}, ${rec.steps.length} steps`;
}
