import { APPROACH_ROLES, ROLE_COLOURS, type TagRoleReport } from '../../plugins/analysis/tagRoles';
import { el } from './dom';

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

/**
 * Roles among the predators, live: per predator a bar of chaser / flanker / cutter shares (see
 * docs/analysis.md) and how often it is the nearest; for the team, encirclement and specialisation.
 */
export function rolePanel(): { element: HTMLElement; update: (r: TagRoleReport) => void } {
  const body = el('div', { 'data-testid': 'roles' });
  const element = el('section', { class: 'roles' }, [el('h2', { text: 'Roles of the predators' }), body]);
  const update = (r: TagRoleReport) => {
    const rows = r.predators.map((p) => {
      const bar = el(
        'div',
        { class: 'bar', title: APPROACH_ROLES.map((k) => `${k} ${(100 * p.roles[k]).toFixed(0)}%`).join(', ') },
        APPROACH_ROLES.map((k) => el('span', { style: `width:${(100 * p.roles[k]).toFixed(1)}%;background:${ROLE_COLOURS[k]}` })),
      );
      return el('div', { class: 'role-row', 'data-predator': p.predator }, [
        el('label', { text: `${p.predator}  nearest ${(100 * p.nearestShare).toFixed(0)}%` }),
        bar,
      ]);
    });
    body.replaceChildren(
      ...rows,
      el(
        'div',
        { class: 'legend' },
        APPROACH_ROLES.map((k) => el('span', { text: k, style: `color:${ROLE_COLOURS[k]}` })),
      ),
      el('div', {
        'data-testid': 'roles-team',
        text: `prey encircled ${(100 * r.encirclement).toFixed(0)}% of steps · specialisation ${r.specialisationBits.toFixed(2)} bits · ${r.steps} steps`,
      }),
      el('div', {
        'data-testid': 'roles-moments',
        text: `work divided ${pct(r.coordination.dividedWork.observed)} of moments (by chance ${pct(r.coordination.dividedWork.shuffled)}) · encircled ${pct(r.coordination.encirclement.observed)} (by chance ${pct(r.coordination.encirclement.shuffled)})`,
      }),
      el('p', { class: 'note', 'data-testid': 'roles-help' }, [
        'Where each predator is relative to where the prey runs: ',
        el('b', { text: 'chaser', style: `color:${ROLE_COLOURS.chaser}` }),
        ' behind it, ',
        el('b', { text: 'flanker', style: `color:${ROLE_COLOURS.flanker}` }),
        ' at its side, ',
        el('b', { text: 'cutter', style: `color:${ROLE_COLOURS.cutter}` }),
        ' ahead of it, closing the escape. ',
        el('b', { text: 'Encircled' }),
        ': the prey is inside the triangle of the predators. ',
        el('b', { text: 'Specialisation' }),
        ': how much knowing which predator it is tells about its role (0 bits: all play alike; up to 1.58 with three). ',
        el('b', { text: 'Work divided' }),
        ': moments when the predators hold different roles, one of them beside or ahead of the prey; "by chance" is the same with each predator\'s moments shuffled in time. Counted since the last restart or controller change.',
      ]),
    );
  };
  return { element, update };
}
