import type { Match } from '../../plugins/match';
import { teamsOf } from '../../plugins/teams';
import { colorToHex } from '../view/arenaCamera';
import { byId, el, select } from './dom';
import { SCENARIOS } from '../../sim/scenarios';

/**
 * Every entity with the controller that drives it; changing a dropdown reassigns that agent (or a whole
 * team) from the next step on, mid-episode.
 */
export function showSidePanel(
  match: Match,
  onChange: () => void,
  extra: HTMLElement[] = [],
  /** Play mode: what a player needs on top, and everything else folded under this summary. */
  play?: { intro: HTMLElement; folded: string },
): () => void {
  const panel = byId('panel');
  const sc = match.scenario;
  const selects = new Map<string, HTMLSelectElement>();
  const teamSelects = new Map<string, HTMLSelectElement>();
  const options = (role: string) => match.registry.forRole(sc.id, role, sc.options).map((c) => ({ value: c.id, label: c.label }));

  const refresh = () => {
    for (const s of match.agents) selects.get(s.name)!.value = match.assignment[s.index];
    for (const team of teamsOf(sc.id)) {
      const ids = new Set(match.agentsOf(team.name).map((s) => match.assignment[s.index]));
      const ts = teamSelects.get(team.name)!;
      ts.value = ids.size === 1 ? [...ids][0] : '';
    }
  };

  const sections: HTMLElement[] = [el('h2', { text: sc.envName })];
  for (const team of teamsOf(sc.id)) {
    const teamSelect = select([{ value: '', label: 'mixed' }, ...options(team.role)], '', { 'data-team': team.name, 'aria-label': `${team.label} controller` });
    teamSelect.querySelector('option[value=""]')!.setAttribute('disabled', '');
    teamSelect.addEventListener('change', () => {
      if (!teamSelect.value) return;
      match.assign(team.name, teamSelect.value);
      refresh();
      onChange();
    });
    teamSelects.set(team.name, teamSelect);
    sections.push(el('h2', { text: team.label }), el('div', { class: 'row' }, [el('label', { text: 'whole team' }), teamSelect]));
    for (const slot of match.agentsOf(team.name)) {
      const s = select(options(slot.role), match.assignment[slot.index], { 'data-agent': slot.name, 'aria-label': `${slot.name} controller` });
      s.addEventListener('change', () => {
        match.assign(slot.name, s.value);
        refresh();
        onChange();
      });
      selects.set(slot.name, s);
      const dot = el('span', { class: 'dot', style: `background:#${colorToHex(sc.world.colors[slot.index]).toString(16).padStart(6, '0')}` });
      sections.push(el('div', { class: 'row' }, [dot, el('label', { text: slot.name }), s]));
    }
  }
  const landmarks = sc.world.entities.filter((e) => e.kind === 'landmark');
  const word = SCENARIOS[sc.id].landmarkWord ?? 'landmarks';
  // "1 landmark", "2 landmarks": the words are plurals in s
  if (landmarks.length) sections.push(el('h2', { text: `${landmarks.length} ${landmarks.length === 1 ? word.replace(/s$/, '') : word} (fixed)` }));
  if (play) {
    const details = el('details', { 'data-testid': 'panel-details' }, [el('summary', { text: play.folded }), ...sections, ...extra]);
    panel.replaceChildren(play.intro, details);
  } else panel.replaceChildren(...sections, ...extra);
  panel.hidden = false;
  refresh();
  return refresh;
}

export function hideSidePanel(): void {
  byId('panel').hidden = true;
}
