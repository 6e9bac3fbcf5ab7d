import { ROLE_COLOURS } from '../../plugins/analysis/tagRoles';
import { PACK_LEVELS, type PackLevel } from '../config/setup';
import { el } from './dom';

/** What each set-point means to a viewer. */
const LEVEL_NOTES: Record<PackLevel, string> = {
  none: 'one shared policy: in the same situation all three make the same move',
  some: 'in the same situation two predators choose differently about one move in ten',
  much: 'in the same situation two predators choose differently about one move in three',
};

/**
 * "Watch the pack": what the viewer is looking at, and the diversity control that swaps in the pack
 * trained at another set-point (`available` says which packs are shipped).
 */
export function packPanel(level: PackLevel, available: (l: PackLevel) => boolean, choose: (l: PackLevel) => void): HTMLElement {
  const buttons = PACK_LEVELS.map((l) => {
    const b = el(
      'button',
      {
        type: 'button',
        class: l === level ? 'level chosen' : 'level',
        'aria-pressed': l === level ? 'true' : 'false',
        disabled: !available(l),
        title: LEVEL_NOTES[l],
        'data-testid': `pack-${l}`,
      },
      [el('strong', { text: l })],
    );
    b.addEventListener('click', () => choose(l));
    return b;
  });
  const role = (name: keyof typeof ROLE_COLOURS, text: string) => [el('b', { text: name, style: `color:${ROLE_COLOURS[name]}` }), text];
  return el('section', { class: 'pack', 'data-testid': 'pack-panel' }, [
    el('h2', { text: 'Watch the pack' }),
    el('p', {
      text: 'Three predators trained together hunt a prey that plans ten steps ahead. They were trained with a diversity set-point: how differently each must act from the others on the same view of the world.',
    }),
    el('p', {}, [
      'The ring round each predator is its role this moment: ',
      ...role('chaser', ' behind the prey, '),
      ...role('flanker', ' at its side, '),
      ...role('cutter', ' ahead of it, closing the escape. Below, how often each one held each role.'),
    ]),
    el('div', { class: 'levels', role: 'group', 'aria-label': 'Diversity' }, buttons),
    el('p', { class: 'note', 'data-testid': 'pack-note', text: `Diversity ${level}: ${LEVEL_NOTES[level]}.` }),
  ]);
}
