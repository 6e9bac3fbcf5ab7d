import type { ControllerRegistry } from '../../plugins/registry';
import type { ArenaApp } from '../app';
import { registerPolicyFile } from '../policies';
import { showBanner } from './banner';
import { el } from './dom';

export type PolicyLoaded = ReturnType<typeof registerPolicyFile>;

/** Read, check and register one file; every problem ends in a banner and changes nothing. */
async function loadFile(registry: ControllerRegistry, file: File, scenario: string, onLoaded: (p: PolicyLoaded) => void): Promise<void> {
  try {
    const loaded = registerPolicyFile(registry, file.name, file.size, await file.text());
    const where = loaded.scenario === scenario ? 'choose it in the panel' : `it plays ${loaded.scenario}: choose it there from the menu`;
    showBanner([`Loaded ${loaded.label}: drives ${loaded.roles.join(', ')}; ${where}.`]);
    onLoaded(loaded);
  } catch (err) {
    showBanner([`This policy file was not loaded (nothing changed): ${(err as Error).message}`]);
  }
}

/**
 * "Load a policy file": a checkpoint in the documented format (written by `arena train`, `arena ship` or
 * scripts/write_checkpoint.py) becomes a controller. Also takes a file dropped anywhere on the page.
 */
export function policyUploadSection(app: ArenaApp, scenario: string, onLoaded: (p: PolicyLoaded) => void): HTMLElement {
  const registry = app.registry;
  const input = el('input', { type: 'file', accept: '.json,application/json', 'data-testid': 'policy-file', 'aria-label': 'Load a policy file' });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) void loadFile(registry, file, scenario, onLoaded);
  });
  app.onPolicyFile = (file) => void loadFile(registry, file, scenario, onLoaded);
  return el('section', { class: 'upload' }, [
    el('h2', { text: 'Your own policy' }),
    el('label', { class: 'file', text: 'Load a checkpoint (.json) or drop it on the page' }),
    input,
  ]);
}

/** A policy file dropped anywhere on the page goes where the scene showing the panel says (`app.onPolicyFile`). */
export function listenForDroppedPolicies(app: ArenaApp): void {
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    const file = e.dataTransfer?.files?.[0];
    if (file && app.onPolicyFile) app.onPolicyFile(file);
  });
}
