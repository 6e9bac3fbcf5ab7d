import { afterAll, beforeAll } from 'vitest';
import { startHarness, type Harness } from './harness';

/** One harness per test file: built and started before the file's tests, closed after them. */
export function useHarness(set: (h: Harness) => void): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness();
    set(h);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });
}
