import { byId, el } from './dom';

/** What the end card of a play round shows. */
export interface RoundSummary {
  level: string | undefined;
  longestStreakSeconds: number;
  touches: number;
  recordSeconds: number;
  newRecord: boolean;
  /** Why no record was kept, if none could be (a round not played by a person throughout, storage refused). */
  recordNote: string | null;
}

const overlay = () => byId('round-overlay');

/** The 3-2-1 before a round (`n` > 0) or "Go!" (`n` = 0). */
export function showCountdown(n: number): void {
  const root = overlay();
  root.className = 'countdown';
  root.replaceChildren(
    el('div', { class: 'countdown-number', 'data-testid': 'countdown', text: n > 0 ? String(n) : 'Go!' }),
    el('div', { class: 'countdown-help', text: 'You are the green disc marked "you". Move with the arrows, WASD, a gamepad, or drag.' }),
  );
  root.hidden = false;
}

/** The card at the end of a round, with its two ways on (focus on Play again, so Enter plays again). */
export function showEndCard(summary: RoundSummary, actions: { playAgain(): void; menu(): void }): void {
  const root = overlay();
  root.className = 'end-card';
  const again = el('button', { type: 'button', class: 'primary', 'data-testid': 'end-play-again', text: 'Play again' });
  again.addEventListener('click', () => actions.playAgain());
  const menu = el('button', { type: 'button', 'data-testid': 'end-menu', text: 'Back to menu' });
  menu.addEventListener('click', () => actions.menu());
  const fig = (label: string, value: string, testid: string) =>
    el('div', { class: 'figure' }, [el('small', { text: label }), el('strong', { 'data-testid': testid, text: value })]);
  root.replaceChildren(
    el('div', { class: 'card', role: 'dialog', 'aria-label': 'Round over', 'data-testid': 'end-card' }, [
      el('h2', { text: 'Round over' }),
      ...(summary.newRecord ? [el('p', { class: 'new-record', 'data-testid': 'end-new-record', text: 'New record!' })] : []),
      el('div', { class: 'figures' }, [
        fig('Longest time untouched', `${summary.longestStreakSeconds.toFixed(1)} s`, 'end-streak'),
        fig('Times touched', String(summary.touches), 'end-touches'),
        fig(summary.level ? `Record on ${summary.level}` : 'Record', `${summary.recordSeconds.toFixed(1)} s`, 'end-record'),
      ]),
      ...(summary.recordNote ? [el('p', { class: 'note', 'data-testid': 'end-note', text: summary.recordNote })] : []),
      el('div', { class: 'buttons' }, [again, menu]),
    ]),
  );
  root.hidden = false;
  again.focus();
}

/** A paused play round: the arena is covered, so a pause is a break, not time to plan the next move. */
export function showPauseCard(resume: () => void): void {
  const root = overlay();
  root.className = 'end-card paused-card';
  const button = el('button', { type: 'button', class: 'primary', 'data-testid': 'pause-resume', text: 'Resume' });
  button.addEventListener('click', () => resume());
  root.replaceChildren(
    el('div', { class: 'card', role: 'dialog', 'aria-label': 'Paused', 'data-testid': 'pause-card' }, [
      el('h2', { text: 'Paused' }),
      el('p', { text: 'Space or Resume to play on.' }),
      button,
    ]),
  );
  root.hidden = false;
}

/** Take the countdown away (and nothing else: a pause card or an end card shown since stays). */
export function hideCountdown(): void {
  if (overlay().className === 'countdown') hideRoundOverlay();
}

export function hideRoundOverlay(): void {
  const root = overlay();
  root.hidden = true;
  root.replaceChildren();
}
