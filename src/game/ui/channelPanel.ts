import type { ChannelReport } from '../../plugins/analysis/channel';
import { el } from './dom';

/** Messages before the figures are shown: fewer read mostly chance. */
const ENOUGH = 500;

/**
 * A talking team's channel, live: what the bars over the agents are, how much their messages say about
 * what the senders see (mutual information against a random pairing), and a switch that silences them
 * (every agent then hears all-zero messages: the intervention test, played).
 */
export function channelPanel(
  team: string,
  /** Silence the team (null: a replay, whose messages are recorded). */
  silence: ((on: boolean) => void) | null,
): { element: HTMLElement; update: (r: ChannelReport) => void } {
  const figures = el('div', { 'data-testid': 'channel-mi', text: 'measuring what the messages say…' });
  const toggle = el('button', { type: 'button', 'data-testid': 'channel-silence', text: 'Silence them' });
  let silenced = false;
  toggle.addEventListener('click', () => {
    silenced = !silenced;
    silence?.(silenced);
    toggle.textContent = silenced ? 'Let them talk' : 'Silence them';
  });
  const about = el('p', { class: 'note', 'data-testid': 'channel-help' });
  const element = el('section', { class: 'channel', 'data-testid': 'channel' }, [
    el('h2', { text: `The ${team} talk` }),
    about,
    figures,
    ...(silence ? [toggle] : []),
  ]);
  const update = (r: ChannelReport) => {
    const view =
      r.viewRadius > 0 ? ` Each sees only what lies inside its circle (radius ${r.viewRadius}); beyond it, what it knows comes from the others' messages.` : '';
    about.textContent =
      `Every step each agent sends ${r.messageDim} numbers, learnt in training (the bars above it: up and yellow positive, down and blue negative); ` +
      `each hears the mean of its teammates' (the lines).${view}`;
    const moments = r.meanings[0]?.moments ?? 0;
    if (moments < ENOUGH) {
      figures.textContent = `measuring what the messages say (${moments} of ${ENOUGH} messages heard so far)…`;
      return;
    }
    figures.replaceChildren(
      ...r.meanings.map((m) =>
        el('div', {
          text: `message ↔ ${m.name}: ${m.bits.toFixed(2)} bits (by chance ${m.shuffledBits.toFixed(2)}, at most ${m.most.toFixed(1)})`,
        }),
      ),
    );
  };
  return { element, update };
}
