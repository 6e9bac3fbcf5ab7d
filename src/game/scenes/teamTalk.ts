import type Phaser from 'phaser';
import { ChannelTracker } from '../../plugins/analysis/channel';
import type { Match } from '../../plugins/match';
import type { ArenaProbe } from '../app';
import type { Controller, TeamChannel } from '../../sim/controller';
import { teamsOf } from '../../plugins/teams';
import { channelPanel } from '../ui/channelPanel';
import type { ArenaCamera } from '../view/arenaCamera';
import { drawChannel } from '../view/channelOverlay';
import type { WorldRenderer } from '../view/worldRenderer';

/** Sender-steps the live figures are over (the last ones): a few minutes of play at 1x. */
const WINDOW = 3000;
/** Steps between refreshes of the panel's figures. */
const REFRESH_STEPS = 25;

/**
 * A learned talking team in the arena (any scenario): finds it among the match's controllers, measures what
 * its messages say while the match runs, draws the channel and keeps its side-panel section.
 */
export class TeamTalk {
  private found: { controller: Controller; agent: string; indices: number[]; team: string } | null = null;
  private tracker: ChannelTracker | null = null;
  private section: ReturnType<typeof channelPanel> | null = null;
  private steps = 0;
  /** The panel's switch: the team hears all-zero messages. */
  private silenced = false;

  constructor(private readonly match: () => Match) {}

  /** Look for the talking team again (after controllers changed); true when it came, went or changed. */
  refresh(): boolean {
    const m = this.match();
    const talking = m.talkingTeam();
    const role = talking ? m.agents.find((s) => s.name === talking.agent)!.role : '';
    const next: TeamTalk['found'] = talking
      ? {
          controller: talking.controller,
          agent: talking.agent,
          indices: talking.channel.agents.map((a) => m.agents.find((x) => x.name === a)!.index),
          team: teamsOf(m.scenario.id).find((t) => t.role === role)?.label ?? role,
        }
      : null;
    const changed = next?.controller !== this.found?.controller || next?.agent !== this.found?.agent;
    if (!changed) return false;
    // the loaded policies are shared by a checkpoint's controllers: a team swapped away talks again
    if (this.found) (this.found.controller as Controller & { silenced: boolean }).silenced = false;
    this.found = next;
    this.tracker = null;
    this.section = null;
    if (next) {
      const channel = this.channel()!;
      this.tracker = new ChannelTracker(m.scenario, next.indices, channel.agents, channel.messageDim, channel.viewRadius, WINDOW);
      this.silenced = false;
      // a replay's messages are recorded: nothing to silence
      const replayed = next.controller.id === 'replay';
      this.section = channelPanel(
        next.team.toLowerCase(),
        replayed
          ? null
          : (on) => {
              this.silenced = on;
              (next.controller as Controller & { silenced: boolean }).silenced = on;
            },
      );
      this.section.update(this.tracker.report());
    }
    return true;
  }

  private channel(): TeamChannel | null {
    return this.found ? (this.found.controller.channel?.(this.found.agent) ?? null) : null;
  }

  /** The side-panel section, if a team talks. */
  get panel(): HTMLElement | null {
    return this.section?.element ?? null;
  }

  beforeStep(): void {
    this.tracker?.before(this.match().scenario);
  }

  afterStep(): void {
    if (!this.tracker) return;
    this.tracker.after(this.channel()?.messages ?? null);
    if (++this.steps % REFRESH_STEPS === 0) this.section?.update(this.tracker.report());
  }

  /** What the page's tests read: the last messages and the figures the panel shows. */
  probe(): ArenaProbe['channel'] {
    const channel = this.channel();
    if (!channel || !this.tracker) return null;
    const r = this.tracker.report();
    return {
      agents: [...channel.agents],
      messages: channel.messages ? Array.from(channel.messages) : null,
      viewRadius: channel.viewRadius,
      meanings: r.meanings.map((m) => ({ name: m.name, bits: m.bits, shuffledBits: m.shuffledBits })),
      steps: r.meanings[0]?.moments ?? 0,
      silenced: this.silenced,
    };
  }

  draw(g: Phaser.GameObjects.Graphics, view: WorldRenderer, cam: ArenaCamera, alpha: number): void {
    const channel = this.channel();
    if (channel && this.found) drawChannel(g, view, cam, alpha, this.match().scenario.world, channel, this.found.indices);
  }

  /** Leaving the scene: a silenced team talks again (its loaded policies are shared). */
  dispose(): void {
    if (this.found) (this.found.controller as Controller & { silenced: boolean }).silenced = false;
  }
}
