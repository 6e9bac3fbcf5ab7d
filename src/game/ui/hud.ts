import { byId, el } from './dom';

/**
 * The HUD: a band above the arena (never over it, so it cannot hide an agent) with the status on the left
 * and the key help on the right, plus a live region that screen readers announce. Plain DOM: text that a
 * person can read at any size, select and have read aloud.
 */
export interface HudContent {
  /** What the viewer is looking at, in words (watch mode), above the status. */
  caption?: string;
  /** Status lines; a line may be a list of [label, value] items (a player's figures) or plain text. */
  lines: (string | [string, string][])[];
  keys: string;
}

let lastStatus = '';
let lastKeys = '';

export function showHud(): void {
  const hud = byId('hud');
  hud.hidden = false;
  hud.style.minHeight = '';
  lastStatus = lastKeys = '';
}

export function hideHud(): void {
  byId('hud').hidden = true;
  byId('hud-status').replaceChildren();
  byId('hud-keys').replaceChildren();
  lastStatus = lastKeys = '';
}

/** Redraw the HUD when its text changed (it is called every frame). */
export function updateHud(content: HudContent): void {
  const status = JSON.stringify([content.caption, content.lines]);
  if (status === lastStatus && content.keys === lastKeys) return;
  if (status !== lastStatus) {
    lastStatus = status;
    byId('hud-status').replaceChildren(
      ...(content.caption ? [el('div', { class: 'hud-caption', 'data-testid': 'hud-caption', text: content.caption })] : []),
      ...content.lines.map((line) =>
        typeof line === 'string'
          ? el('div', { class: 'hud-line', text: line })
          : el(
              'div',
              { class: 'hud-figures' },
              line.map(([label, value]) => el('span', { class: 'hud-figure' }, [el('small', { text: label }), el('strong', { text: value })])),
            ),
      ),
    );
  }
  if (content.keys !== lastKeys) {
    lastKeys = content.keys;
    byId('hud-keys').textContent = content.keys;
  }
  // the band only grows within a scene: a line that wraps for a moment must not resize the arena under it
  const hud = byId('hud');
  const height = hud.offsetHeight;
  if (height > (parseFloat(hud.style.minHeight) || 0)) hud.style.minHeight = `${height}px`;
}

/** Say something to screen readers (countdown, touches, round over) without moving focus. */
export function announce(text: string): void {
  const node = byId('announcer');
  // the same text twice in a row is announced again only if it changes; a zero-width space makes it differ
  node.textContent = node.textContent === text ? `${text}\u200b` : text;
}

/** The HUD's two boxes in page pixels: [x, y, width, height]. */
export function hudBoxes(): { status: [number, number, number, number]; keys: [number, number, number, number] } {
  const box = (id: string): [number, number, number, number] => {
    const r = byId(id).getBoundingClientRect();
    return [r.x, r.y, r.width, r.height];
  };
  return { status: box('hud-status'), keys: box('hud-keys') };
}
