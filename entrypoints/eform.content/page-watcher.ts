/**
 * Calls `onChange` (debounced) whenever the host page may have changed
 * patient without reloading: DOM mutations, typing into fields, in-app
 * navigation, and a slow poll for script-set input values (which fire no
 * event and no mutation).
 */
export interface PageWatcherDeps {
  setTimeout: (fn: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
  setInterval: (fn: () => void, ms: number) => number;
  clearInterval: (id: number) => void;
}

export interface PageWatcherOptions {
  debounceMs: number;
  pollMs: number;
}

export function watchPage(
  doc: Document,
  win: Window,
  onChange: () => void,
  deps: PageWatcherDeps,
  options: PageWatcherOptions = { debounceMs: 150, pollMs: 1500 },
): () => void {
  let timer: number | undefined;
  const schedule = () => {
    if (timer !== undefined) deps.clearTimeout(timer);
    timer = deps.setTimeout(() => {
      timer = undefined;
      onChange();
    }, options.debounceMs);
  };
  const observer = new MutationObserver(schedule);
  observer.observe(doc.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
  const events = ['input', 'change'] as const;
  for (const type of events) doc.addEventListener(type, schedule, { capture: true, passive: true });
  const navEvents = ['popstate', 'hashchange'] as const;
  for (const type of navEvents) win.addEventListener(type, schedule);
  const poll = deps.setInterval(onChange, options.pollMs);
  return () => {
    observer.disconnect();
    for (const type of events) doc.removeEventListener(type, schedule, { capture: true });
    for (const type of navEvents) win.removeEventListener(type, schedule);
    deps.clearInterval(poll);
    if (timer !== undefined) deps.clearTimeout(timer);
  };
}
