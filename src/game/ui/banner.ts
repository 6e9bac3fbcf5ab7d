import { byId, el } from './dom';

/** A visible, dismissable message at the top of the stage (bad deep-link values, controller errors). */
export function showBanner(lines: string[]): void {
  const banner = byId('banner');
  if (lines.length === 0) {
    banner.hidden = true;
    return;
  }
  const close = el('button', { 'aria-label': 'dismiss', text: '✕' });
  close.addEventListener('click', () => (banner.hidden = true));
  banner.replaceChildren(el('div', { 'data-testid': 'banner-text', text: lines.join('\n') }), close);
  banner.hidden = false;
}
