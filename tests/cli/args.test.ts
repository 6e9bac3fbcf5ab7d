import { describe, expect, it } from 'vitest';
import { parseArgs, withSavedFlags } from '../../src/cli/args';
import { TRAIN_FLAGS } from '../../src/cli/train';

describe('a command continued with its saved flags (train --resume)', () => {
  const saved = ['--scenario', 'tag', '--ent-coef-end', '-1', '--sort-entities', '--lr=3e-4', '--steps', '2e6', '--out', 'runs/a', '--init', 'x.json'];

  it('keeps every saved flag the new list does not name; the new list wins, switches and = forms included', () => {
    const argv = withSavedFlags(saved, ['--out', 'runs/a', '--resume', '--steps', '4e6', '--no-sort-entities', '--lr', '1e-4'], TRAIN_FLAGS, [
      'out',
      'resume',
      'init',
    ]);
    expect(argv).toEqual(['--scenario', 'tag', '--ent-coef-end', '-1', '--out', 'runs/a', '--resume', '--steps', '4e6', '--no-sort-entities', '--lr', '1e-4']);
    // and the list parses: no flag twice, the negative number kept as a value
    const { flags } = parseArgs('train', argv, TRAIN_FLAGS);
    expect(flags).toMatchObject({ scenario: 'tag', 'ent-coef-end': -1, 'sort-entities': false, lr: 1e-4, steps: 4e6, resume: true });
    expect(flags.init).toBeUndefined();
  });

  it('with nothing given again, the saved flags as they were (less those never carried over)', () => {
    expect(withSavedFlags(saved, [], TRAIN_FLAGS, ['init'])).toEqual(saved.slice(0, -2));
  });
});
