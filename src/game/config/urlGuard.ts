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

function cleanAddress(): string[] {
  const problems: string[] = [];
  if (typeof window === 'undefined' || window.location.search.length <= 1) return problems;
  const kept: string[] = [];
  for (const part of window.location.search.slice(1).split('&')) {
    if (!part) continue;
    const [name, value = ''] = part.split(/=(.*)/s);
    if (!decodes(name) || !decodes(value)) {
      problems.push(`${part.slice(0, 60)}: got a malformed %-escape; allowed: text with valid %XX escapes (the parameter was ignored)`);
    } else if (decodeURIComponent(name).toLowerCase() === 'tfjsflags') {
      problems.push("tfjsflags: got a TensorFlow.js debug switch; allowed: the game's own parameters (it was ignored)");
    } else {
      kept.push(part);
    }
  }
  if (problems.length) {
    const search = kept.length ? `?${kept.join('&')}` : '';
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
  }
  return problems;
}

/** What was removed from the address, one message each (computed once, as the page loads). */
export const urlProblems: readonly string[] = cleanAddress();
