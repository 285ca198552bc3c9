/**
 * Reads `runtime.lastError` after a port disconnects. Chromium logs an
 * "Unchecked runtime.lastError" into the console (the host page's, for a
 * content script) when nobody reads it.
 */
export function readRuntimeLastError(): unknown {
  const g = globalThis as { chrome?: { runtime?: { lastError?: unknown } }; browser?: { runtime?: { lastError?: unknown } } };
  return g.chrome?.runtime?.lastError ?? g.browser?.runtime?.lastError;
}
