import { basename, dirname, join } from 'node:path';
import { checkOutputFile, checkOutputFolder, inputFiles, makeOutputFolder, refuseOverwritingInputs, sameFile, writeFileAtomic } from './files';
import { allTeamNames } from '../plugins/teams';
import { analyze, type AnalysisReport } from '../plugins/analysis/analyze';
import { ArenaInputError } from '../sim/errors';
import { analysisPictures } from './analysisPlots';
import { parseArgs, type FlagSpec } from './args';
import { EVAL_FLAGS, matchSetupFromFlags } from './evalCommand';
import { writePng } from './png';

export const ANALYZE_FLAGS: Record<string, FlagSpec> = {
  ...EVAL_FLAGS,
  out: { type: 'string', doc: 'folder for analysis.json and the PNG pictures (occupancy heatmaps, role shares, approach angles, assignments, message table)' },
};

/** Write the report and its pictures into `dir` (created if missing); the file names written. */
export function writeAnalysis(dir: string, report: AnalysisReport): string[] {
  makeOutputFolder('analyze --out', dir);
  const pictures = analysisPictures(report);
  // every place checked before the first is written: a folder in the way leaves no partial output
  for (const name of ['analysis.json', ...Object.keys(pictures)]) checkOutputFile('analyze --out', join(dir, name));
  writeFileAtomic(join(dir, 'analysis.json'), JSON.stringify(report, null, 1));
  for (const [name, svg] of Object.entries(pictures)) writePng(join(dir, name), svg);
  return ['analysis.json', ...Object.keys(pictures)];
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** `arena analyze <checkpoint>`: the behaviour metrics of docs/analysis.md, as text or JSON. */
export async function analyzeCommand(argv: string[]): Promise<string> {
  const { positional, flags } = parseArgs('analyze', argv, ANALYZE_FLAGS, 1);
  // without a checkpoint, say whom to analyse: analysing the scripted teams by accident is no answer
  const named = allTeamNames().some((t) => flags[t] !== undefined) || argv.some((a) => /^--controller(=|$)/.test(a));
  if (positional.length === 0 && !named) {
    throw new ArenaInputError(
      'analyze <checkpoint>',
      undefined,
      'a checkpoint file (arena analyze runs/x/final.json), or the controllers to analyse (e.g. --scenario tag --predators scripted)',
    );
  }
  if (flags.out !== undefined) {
    checkOutputFolder('analyze --out', flags.out as string);
    // the report and its pictures must not land on a file the analysis reads
    const inFolder = inputFiles(positional, flags).filter((f) => sameFile(dirname(f), flags.out as string));
    const clash = inFolder.find((f) => /^analysis\.json$|\.png$/i.test(basename(f)));
    if (clash) refuseOverwritingInputs('analyze --out', [clash], [clash]);
  }
  const { scenario, options, controllers, registry, seed } = await matchSetupFromFlags('analyze', positional, flags);
  const report = analyze({ scenario, options, controllers, registry, episodes: flags.episodes as number, seed, deps: { seed } });
  const written = flags.out ? writeAnalysis(flags.out as string, report) : [];
  if (flags.json) return JSON.stringify(report);
  return formatAnalysis(report) + (written.length ? `\nwrote ${written.map((f) => join(flags.out as string, f)).join(', ')}` : '');
}

export function formatAnalysis(r: AnalysisReport): string {
  const lines = [`${r.scenario}: ${r.episodes} episodes from seed ${r.seed}; ${JSON.stringify(r.controllers)}`];
  if (r.tag) {
    const t = r.tag;
    lines.push(
      `  capture ${pct(t.captureRate)}, prey encircled ${pct(t.encirclement)} of steps, largest gap around the prey ${t.meanLargestGap.toFixed(0)}°, specialisation ${t.specialisationBits.toFixed(3)} bits`,
    );
    const c = t.coordination;
    const vs = (m: { observed: number; shuffled: number }, f: (x: number) => string) => `${f(m.observed)} (time-shuffled ${f(m.shuffled)})`;
    const deg = (x: number) => `${x.toFixed(0)}°`;
    lines.push(`  per moment: work divided ${vs(c.dividedWork, pct)}, encircled ${vs(c.encirclement, pct)}, largest gap ${vs(c.meanLargestGap, deg)}`);
    for (const p of t.predators) {
      lines.push(
        `  ${p.predator.padEnd(12)} nearest ${pct(p.nearestShare).padStart(6)}  chaser ${pct(p.roles.chaser).padStart(6)}  flanker ${pct(p.roles.flanker).padStart(6)}  cutter ${pct(p.roles.cutter).padStart(6)}  distance ${p.meanDistance.toFixed(2)}`,
      );
    }
  }
  if (r.diversity) {
    const d = r.diversity;
    lines.push(
      `  behavioural diversity ${d.index.toFixed(3)} (mean total variation between the policies' action distributions on ${d.observations} observations; 0: identical; what --diversity sets); in centred logits ${d.logitIndex.toFixed(3)}`,
    );
    for (const p of d.pairs) lines.push(`    ${p.a} / ${p.b}: ${p.distance.toFixed(3)} (logits ${p.logitDistance.toFixed(3)})`);
  }
  if (r.spread) {
    const s = r.spread;
    lines.push(`  final coverage ${pct(s.finalCoverage)}, collisions per episode ${s.collisionsPerEpisode.toFixed(2)}`);
    for (const a of s.agents)
      lines.push(`  ${a.agent.padEnd(10)} nearest landmark ${a.landmarkShares.map(pct).join(' / ')}, switches per episode ${a.switchesPerEpisode.toFixed(2)}`);
  }
  if (r.messages) {
    const m = r.messages;
    lines.push(`  message-goal information ${m.bits.toFixed(3)} bits (at most 1.585); symbol k names landmark k in ${pct(m.literalAgreement)} of steps`);
    m.symbolGoalCounts.forEach((row, k) => lines.push(`  symbol ${k + 1}: goal 0/1/2 ${row.join(' / ')}`));
  }
  if (r.channel) {
    const c = r.channel;
    const view = c.viewRadius > 0 ? `, view radius ${c.viewRadius}` : ', full view';
    lines.push(
      `  learned channel of ${c.messageDim} numbers (${c.agents.join(', ')}${view}); mean |message| ${c.meanAbs.map((v) => v.toFixed(2)).join(' / ')}`,
    );
    for (const m of c.meanings)
      lines.push(
        `    ${m.name}: ${m.bits.toFixed(3)} bits (randomly paired ${m.shuffledBits.toFixed(3)}, at most ${m.most.toFixed(2)}; per number ${m.perNumber.map((b) => b.toFixed(3)).join(' / ')}; ${m.moments} sender-steps)`,
      );
    const i = c.intervention;
    lines.push(
      `  ${i.team} return per agent: talking ${i.talking.toFixed(2)}, messages zeroed ${i.silenced.toFixed(2)}, random ${i.random.toFixed(2)}: silence takes ${pct(i.dropShareOfGap)} of the gain over random`,
    );
  }
  if (r.intervention) {
    lines.push(
      `  a misleading speaker (names the next landmark): the listener ends nearer the named landmark in ${pct(r.intervention.followsMisleadingSymbol)} of episodes`,
    );
  }
  return lines.join('\n');
}
