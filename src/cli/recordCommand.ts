import { writeFileAtomic } from '../agents/checkpointFile';
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

/** `arena record [<checkpoint>] --out file.json`: one episode, as the page records it. */
export async function recordCommand(argv: string[]): Promise<string> {
  const { positional, flags } = parseArgs('record', argv, RECORD_FLAGS, 1);
  const out = flags.out as string | undefined;
  if (!out || !out.endsWith('.json')) throw new ArenaInputError('record --out', out, 'a .json file name');
  const { scenario, options, controllers, registry, seed } = await matchSetupFromFlags('record', positional, flags);
  const match = new Match({ scenario, options, controllers, registry, seed, deps: { seed } });
  const recorder = new Recorder(match);
  while (!recorder.finished) match.step();
  match.dispose();
  writeFileAtomic(out, JSON.stringify(recorder.recording));
  return `wrote ${out}: ${recorder.recording.env}, ${recorder.recording.num_steps} steps, ${JSON.stringify(recorder.recording.controllers)}`;
}
