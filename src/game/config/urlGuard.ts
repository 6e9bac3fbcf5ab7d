/**
 * Runs before anything else in the page (the first import of main.ts). tfjs reads `location.search` when
 * it loads (its `tfjsflags` debug switches) and stops the whole page on a malformed `%` escape, before
 * the game could say anything. Here the query is cleaned first: parameters that cannot be decoded and
 * `tfjsflags` are removed from the address (history.replaceState, no reload), and each is reported.
 */

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

/** Problems listed one by one; the rest are counted (a link of thousands of bad parameters). */
const MAX_LISTED = 5;
/** Longest piece of a bad parameter quoted back. */
const ECHO = 60;

/** The query's parameters split into those kept and one message per removed one (at most a few listed). */
export function cleanQuery(search: string): { kept: string[]; problems: string[] } {
  const problems: string[] = [];
  const kept: string[] = [];
  if (search.length <= 1) return { kept, problems };
  for (const part of search.slice(1).split('&')) {
    if (!part) continue;
    const [name, value = ''] = part.split(/=(.*)/s);
    const shown = part.length > ECHO ? `${part.slice(0, ECHO)}… (${part.length.toLocaleString('en-US')} characters)` : part;
    if (!decodes(name) || !decodes(value)) {
      problems.push(`${shown}: got a malformed %-escape; allowed: text with valid %XX escapes (the parameter was ignored)`);
    } else if (decodeURIComponent(name).toLowerCase() === 'tfjsflags') {
      problems.push("tfjsflags: got a TensorFlow.js debug switch; allowed: the game's own parameters (it was ignored)");
    } else {
      kept.push(part);
    }
  }
  if (problems.length > MAX_LISTED)
    problems.splice(
      MAX_LISTED,
      Infinity,
      `… and ${(problems.length - MAX_LISTED).toLocaleString('en-US')} more parameters that were ignored for the same reasons`,
    );
  return { kept, problems };
}

function cleanAddress(): string[] {
  if (typeof window === 'undefined') return [];
  const { kept, problems } = cleanQuery(window.location.search);
  if (problems.length) {
    const search = kept.length ? `?${kept.join('&')}` : '';
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
  }
  return problems;
}

/** What was removed from the address, one message each (computed once, as the page loads). */
export const urlProblems: readonly string[] = cleanAddress();
