import type { DrivenAgent, Controller, ControllerAction, ObservationBatch } from '../../sim/controller';
import { Match, type MatchConfig } from '../match';
import type { SpeakerListenerScenario } from '../../sim/scenarios/speakerListener';
import type { TagScenario } from '../../sim/scenarios/tag';
import { teamsOf } from '../teams';
import { ChannelTracker, type ChannelReport } from './channel';
import { DiversityTracker, type DiversityReport } from './diversity';
import { MessageTracker, type MessageReport } from './messages';
import { OccupancyTracker, type OccupancyReport } from './occupancy';
import { SpreadTracker, type SpreadReport } from './spreadAssignments';
import { TagRoleTracker, type TagRoleReport } from './tagRoles';

export interface InterventionReport {
  /** Share of episodes in which the listener ends nearer the landmark the (misleading) symbol names than the goal. */
  followsMisleadingSymbol: number;
  /** The same share with the real speaker (the symbol it said at the end, read as a landmark index). */
  followsRealSymbol: number;
}

export interface AnalysisReport {
  scenario: string;
  episodes: number;
  seed: number;
  controllers: Record<string, string>;
  tag?: TagRoleReport;
  spread?: SpreadReport;
  messages?: MessageReport;
  intervention?: InterventionReport;
  /**
   * Behavioural diversity of the tag predators or the spread agents, where every one of them is driven by
   * a learned policy (which gives action distributions); absent otherwise.
   */
  diversity?: DiversityReport;
  /** Where every agent spends its steps (heatmaps). */
  occupancy: OccupancyReport;
  /** A learned talking team (`--comm`): what its messages carry, and what silencing them costs. */
  channel?: ChannelReport & { intervention: ChannelIntervention };
}

/** The same episodes played with the talking team's messages, without them (all zero), and by random agents. */
export interface ChannelIntervention {
  team: string;
  /** Mean return per agent of the team (PettingZoo's reward). */
  talking: number;
  silenced: number;
  random: number;
  /** (talking - silenced) / (talking - random): the share of what the team gained over random that silence takes away. */
  dropShareOfGap: number;
}

/** Mean return per agent of `team` over the episodes, its talking controllers silenced or not. */
function teamReturn(config: MatchConfig & { episodes: number; seed: number }, team: string, silenced: boolean): number {
  const match = new Match(config);
  const talking = match.talkingTeam();
  const controller = talking?.controller as (Controller & { silenced: boolean }) | undefined;
  const before = controller?.silenced ?? false;
  if (controller) controller.silenced = silenced;
  let sum = 0;
  for (let ep = 0; ep < config.episodes; ep++) {
    if (ep > 0) match.reset();
    do match.step();
    while (!match.episodeOver);
    sum += match.teamReturn(team);
  }
  // the loaded policies are shared by the controllers of one checkpoint: leave them as they were
  if (controller) controller.silenced = before;
  match.dispose();
  return sum / config.episodes;
}

function channelIntervention(config: MatchConfig & { episodes: number; seed: number }, role: string, scenario: string): ChannelIntervention {
  const team = teamsOf(scenario).find((t) => t.role === role)!.name;
  const talking = teamReturn(config, team, false);
  const silenced = teamReturn(config, team, true);
  const random = teamReturn({ ...config, controllers: { ...config.controllers, [team]: 'random' } }, team, false);
  // no gain over random: no share of it to lose
  const dropShareOfGap = talking > random ? (talking - silenced) / (talking - random) : 0;
  return { team, talking, silenced, random, dropShareOfGap };
}

/** A speaker that names the landmark after the goal: the intervention on the message. */
class MisleadingSpeaker implements Controller {
  readonly id = 'misleading-speaker';
  act(batch: ObservationBatch): ControllerAction[] {
    const sc = batch.ctx.scenario as SpeakerListenerScenario;
    return batch.agents.map(() => (sc.goalLandmark + 1) % 3);
  }
}

/** Share of episodes whose listener ends nearer landmark `named(match)` than the goal. */
function follows(config: MatchConfig & { episodes: number; seed: number }, named: (sc: SpeakerListenerScenario) => number): number {
  const match = new Match(config);
  let count = 0;
  for (let ep = 0; ep < config.episodes; ep++) {
    if (ep > 0) match.reset();
    do match.step();
    while (!match.episodeOver);
    const sc = match.scenario as SpeakerListenerScenario;
    const w = sc.world;
    const target = named(sc);
    const goal = sc.goalLandmark;
    if (target !== goal && w.distance(1, 2 + target) < w.distance(1, 2 + goal)) count++;
  }
  match.dispose();
  return count / config.episodes;
}

function diversityTracker(match: Match, team: readonly DrivenAgent[]): DiversityTracker | null {
  if (team.length < 2) return null;
  const controllers = team.map((s) => match.controller(match.assignment[s.index]));
  if (!controllers.every((c) => c?.actionProbabilities)) return null;
  // a talking agent's distribution depends on what it hears, not on the observation alone
  if (team.some((s, k) => controllers[k]!.channel?.(s.name))) return null;
  return new DiversityTracker(
    team.map((s) => s.name),
    (a, obs) => controllers[a]!.actionProbabilities!(team[a].name, obs),
  );
}

/**
 * Play whole episodes and measure the behaviour the scenario is about: roles among tag predators,
 * landmark assignments in spread, what the speaker's symbols mean (and whether the listener follows them).
 */
export function analyze(config: MatchConfig & { episodes: number; seed: number }): AnalysisReport {
  const match = new Match(config);
  const sc = match.scenario;
  const controllers = Object.fromEntries(match.agents.map((s) => [s.name, match.assignment[s.index]]));
  const occupancy = new OccupancyTracker(
    sc.world,
    match.agents.map((s) => s.name),
  );
  const tag = sc.id === 'simple_tag' ? new TagRoleTracker(match.agents.filter((s) => s.role === 'adversary').map((s) => s.name)) : null;
  const spread = sc.id === 'simple_spread' ? new SpreadTracker(sc) : null;
  const messages = sc.id === 'simple_speaker_listener' ? new MessageTracker(sc.world.dimC, 3) : null;
  const team = match.agents.filter((s) => (sc.id === 'simple_tag' ? s.role === 'adversary' : sc.id === 'simple_spread'));
  let diversity: DiversityTracker | null = null;
  let diversityChecked = false;
  const talking = match.talkingTeam();
  const channel = talking?.channel ?? null;
  const channelTracker = channel
    ? new ChannelTracker(
        sc,
        channel.agents.map((a) => match.agents.find((s) => s.name === a)!.index),
        channel.agents,
        channel.messageDim,
        channel.viewRadius,
      )
    : null;
  for (let ep = 0; ep < config.episodes; ep++) {
    if (ep > 0) match.reset();
    do {
      channelTracker?.before();
      match.step();
      if (channelTracker) channelTracker.after(talking!.controller.channel!(talking!.agent)!.messages);
      // the live controllers exist after the first step: diversity only where all of the team give distributions
      if (!diversityChecked) {
        diversity = diversityTracker(match, team);
        diversityChecked = true;
      }
      if (diversity && !match.episodeOver) diversity.observe(team.map((s) => match.env.observe(s.name)));
      occupancy.observe();
      tag?.observe(match.scenario as TagScenario);
      spread?.observe();
      messages?.observe(match.scenario as SpeakerListenerScenario);
    } while (!match.episodeOver);
    tag?.endEpisode();
    spread?.endEpisode();
  }
  match.dispose();
  const report: AnalysisReport = { scenario: sc.id, episodes: config.episodes, seed: config.seed, controllers, occupancy: occupancy.report() };
  if (diversity) report.diversity = diversity.report();
  if (tag) report.tag = tag.report();
  if (spread) report.spread = spread.report();
  if (channelTracker) {
    const role = match.agents.find((s) => s.name === talking!.agent)!.role;
    report.channel = { ...channelTracker.report(), intervention: channelIntervention(config, role, sc.id) };
  }
  if (messages) {
    report.messages = messages.report();
    const registry = config.registry!;
    if (!registry.has('misleading-speaker')) {
      registry.register({
        id: 'misleading-speaker',
        label: 'Misleading speaker',
        description: 'names the landmark after the goal',
        supports: (s, r) => s === 'simple_speaker_listener' && r === 'speaker',
        create: () => new MisleadingSpeaker(),
      });
    }
    const lastSaid = (s: SpeakerListenerScenario) => {
      const c = Array.from(s.world.comm.subarray(0, s.world.dimC));
      return c.indexOf(Math.max(...c));
    };
    report.intervention = {
      followsMisleadingSymbol: follows({ ...config, controllers: { ...config.controllers, speaker: 'misleading-speaker' } }, (s) => (s.goalLandmark + 1) % 3),
      followsRealSymbol: follows(config, lastSaid),
    };
  }
  return report;
}
