/**
 * Runs before anything else in the page (the first import of main.ts). tfjs reads `location.search` when
 * it loads (its `tfjsflags` debug switches) and stops the whole page on a malformed `%` escape, before
 * the game could say anything. Here the query is cleaned first: parameters that cannot be decoded and
 * `tfjsflags` are removed from the address (history.replaceState, no reload), and each is reported.
 */
export const urlProblems: string[] = [];

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

if (typeof window !== 'undefined' && window.location.search.length > 1) {
  const kept: string[] = [];
  for (const part of window.location.search.slice(1).split('&')) {
    if (!part) continue;
    const [name, value = ''] = part.split(/=(.*)/s);
    if (!decodes(name) || !decodes(value)) {
      urlProblems.push(`${part.slice(0, 60)}: got a malformed %-escape; allowed: text with valid %XX escapes (the parameter was ignored)`);
    } else if (decodeURIComponent(name).toLowerCase() === 'tfjsflags') {
      urlProblems.push("tfjsflags: got a TensorFlow.js debug switch; allowed: the game's own parameters (it was ignored)");
    } else {
      kept.push(part);
    }
  }
  if (urlProblems.length) {
    const search = kept.length ? `?${kept.join('&')}` : '';
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
  }
}
