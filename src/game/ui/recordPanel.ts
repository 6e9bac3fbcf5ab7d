import { MAX_RECORDING_BYTES, Recorder, readRecording, type Recording } from '../../plugins/recording';
import type { Match } from '../../plugins/match';
import { parseJson } from '../../sim/json';
import { showBanner } from './banner';
import { downloadBytes, downloadJson, el } from './dom';
import { recordingToGif } from './clipExport';

/**
 * "Record": the episode from now on (any controllers, a person included) to a trajectory file that
 * replays exactly; "Replay a recording": such a file (or a PettingZoo recording) played back with scrubbing.
 */
export function recordPanel(match: () => Match, onReplay: (r: Recording) => void): HTMLElement {
  let recorder: Recorder | null = null;
  /** The episode a clip is made of: the last one recorded or replayed. */
  let last: Recording | null = null;
  const status = el('div', { 'data-testid': 'record-status', text: 'Record this episode to a file that replays exactly.' });
  const button = el('button', { 'data-action': 'record', text: 'Record' });
  const clipButton = el('button', { 'data-action': 'save-clip', text: 'Save clip (GIF)', disabled: true, title: 'Record or replay an episode first' });
  const finish = () => {
    if (!recorder) return;
    const rec = recorder.stop();
    recorder = null;
    button.textContent = 'Record';
    // stopped before a step was taken: no file that could not be replayed
    if (rec.num_steps === 0) {
      status.textContent = 'Nothing recorded: stopped before the first step.';
      return;
    }
    last = rec;
    clipButton.disabled = false;
    status.textContent = `Saved ${rec.num_steps} steps.`;
    downloadJson(`${rec.env}-${rec.num_steps}-steps.json`, rec);
  };
  clipButton.addEventListener('click', async () => {
    clipButton.blur();
    if (!last) return;
    const rec = last;
    clipButton.disabled = true;
    status.textContent = `Making a clip of ${rec.steps.length} steps…`;
    try {
      const gif = await recordingToGif(rec);
      downloadBytes(`${rec.env}-${rec.steps.length}-steps.gif`, gif, 'image/gif');
      status.textContent = `Saved a clip of ${rec.steps.length} steps (${Math.round(gif.length / 1000)} kB).`;
    } catch (err) {
      showBanner([`The clip was not made: ${(err as Error).message}`]);
    } finally {
      clipButton.disabled = false;
    }
  });
  button.addEventListener('click', () => {
    button.blur();
    if (recorder) return finish();
    recorder = new Recorder(match());
    button.textContent = 'Stop and save';
    status.textContent = 'Recording…';
    const poll = setInterval(() => {
      if (!recorder) return clearInterval(poll);
      status.textContent = `Recording: ${recorder.steps} steps`;
      if (recorder.finished) {
        clearInterval(poll);
        finish();
      }
    }, 200);
  });
  const input = el('input', { type: 'file', accept: '.json,application/json', 'data-testid': 'replay-file', 'aria-label': 'Replay a recording' });
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      if (file.size > MAX_RECORDING_BYTES)
        throw new Error(`recording: got ${file.name} (${(file.size / 1e6).toFixed(1)} MB); allowed: up to ${Math.round(MAX_RECORDING_BYTES / 1e6)} MB`);
      const data = parseJson(await file.text(), 'recording', 'a recording file', { maxChars: MAX_RECORDING_BYTES, shown: file.name });
      const rec = readRecording(data, file.name);
      onReplay(rec);
      last = rec;
      clipButton.disabled = false;
    } catch (err) {
      showBanner([`This recording was not loaded (nothing changed): ${(err as Error).message}`]);
    }
  });
  return el('section', { class: 'upload' }, [
    el('h2', { text: 'Record and replay' }),
    status,
    el('div', { class: 'row' }, [button, clipButton]),
    el('label', { class: 'file', text: 'Replay a recording (.json)' }),
    input,
  ]);
}

/** The scrub bar of a replay: step k shows the state after k recorded steps. */
export function replayBar(steps: number, onSeek: (k: number) => void): { element: HTMLElement; show: (k: number) => void } {
  const range = el('input', { type: 'range', min: 0, max: steps, value: 0, 'data-testid': 'replay-scrub', 'aria-label': 'Replay position' });
  const label = el('span', { 'data-testid': 'replay-step', text: `0 / ${steps}` });
  range.addEventListener('input', () => onSeek(Number(range.value)));
  return {
    element: el('section', { class: 'replay' }, [el('h2', { text: 'Replay' }), range, label]),
    show: (k) => {
      range.value = String(k);
      label.textContent = `${k} / ${steps}`;
    },
  };
}
