import { checkOutputFile, inputFiles, refuseOverwritingInputs, writeFileAtomic } from './files';
import { Match } from '../plugins/match';
import { Recorder } from '../plugins/recording';
import { ArenaInputError } from '../sim/errors';
import { parseArgs, type FlagSpec } from './args';
import { EVAL_FLAGS, matchSetupFromFlags } from './evalCommand';

const { episodes: _episodes, json: _json, ...MATCH_FLAGS } = EVAL_FLAGS;
export const RECORD_FLAGS: Record<string, FlagSpec> = {
  ...MATCH_FLAGS,
  out: { type: 'string', doc: 'the recording to write (.json): a trajectory that replays exactly (docs/game.md)' },
};

/** Longest episode recorded: 10,000 steps is about 20 MB and 15 s; a million would not fit in one string. */
const MAX_RECORDED_STEPS = 10_000;

/** `arena record [<checkpoint>] --out file.json`: one episode, as the page records it. */
export async function recordCommand(argv: string[]): Promise<string> {
  const { positional, flags } = parseArgs('record', argv, RECORD_FLAGS, 1);
  const out = flags.out as string | undefined;
  if (!out || !out.endsWith('.json')) throw new ArenaInputError('record --out', out, 'a .json file name');
  checkOutputFile('record --out', out);
  refuseOverwritingInputs('record --out', [out], inputFiles(positional, flags));
  const { scenario, options, controllers, registry, seed } = await matchSetupFromFlags('record', positional, flags);
  const cycles = Number(options.max_cycles ?? 25);
  if (cycles > MAX_RECORDED_STEPS) {
    throw new ArenaInputError(
      'record --max-cycles',
      cycles,
      `at most ${MAX_RECORDED_STEPS} for a recording (it keeps every step's world: about 2 MB per 1,000 steps); longer episodes: arena eval`,
    );
  }
  const match = new Match({ scenario, options, controllers, registry, seed, deps: { seed } });
  const recorder = new Recorder(match);
  while (!recorder.finished) match.step();
  match.dispose();
  writeFileAtomic(out, JSON.stringify(recorder.recording), 'record --out');
  return `wrote ${out}: ${recorder.recording.env}, ${recorder.recording.num_steps} steps, ${JSON.stringify(recorder.recording.controllers)}`;
}
