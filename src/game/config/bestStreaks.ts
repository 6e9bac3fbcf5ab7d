import { DIFFICULTIES, type Difficulty } from './setup';

/** Where the best survival streak per difficulty level is kept in the browser. */
export const BEST_STREAKS_KEY = 'particle-arena.best-streaks.v1';

export type BestStreaks = Record<Difficulty, number>;

/** A storage that may be missing or refuse (private windows, a full quota, a sandboxed frame). */
type Store = Pick<Storage, 'getItem' | 'setItem'> | null;

function defaultStore(): Store {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // reading `localStorage` itself throws when storage is blocked
  }
}

/** The kept streaks, seconds per level; anything unreadable counts as 0 and is never fatal. */
export function loadBestStreaks(store: Store = defaultStore()): BestStreaks {
  const out = Object.fromEntries(DIFFICULTIES.map((d) => [d, 0])) as BestStreaks;
  let saved: unknown;
  try {
    saved = JSON.parse(store?.getItem(BEST_STREAKS_KEY) ?? 'null');
  } catch {
    return out;
  }
  if (saved && typeof saved === 'object') {
    for (const d of DIFFICULTIES) {
      const v = (saved as Record<string, unknown>)[d];
      if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1e7) out[d] = v;
    }
  }
  return out;
}

/**
 * Record a streak: kept when it beats the stored best for its level. Returns the best after the update
 * and whether storing worked (a refusing store keeps the best for this page only).
 */
export function recordStreak(level: Difficulty, seconds: number, store: Store = defaultStore()): { best: number; stored: boolean } {
  const streaks = loadBestStreaks(store);
  if (!(seconds > streaks[level])) return { best: streaks[level], stored: true };
  streaks[level] = seconds;
  try {
    if (!store) return { best: seconds, stored: false };
    store.setItem(BEST_STREAKS_KEY, JSON.stringify(streaks));
    return { best: seconds, stored: true };
  } catch {
    return { best: seconds, stored: false };
  }
}
