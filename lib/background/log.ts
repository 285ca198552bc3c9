/**
 * The background's log. Only fixed words, message types, sender kinds and
 * origins go in: never an INSZ, a history, a secret or a page path (an
 * e-Form URL can carry the patient's number).
 */
export interface BackgroundLog {
  refused(channel: string, details: Readonly<Record<string, string | number | undefined>>): void;
  problem(event: string, details?: Readonly<Record<string, string | number | undefined>>): void;
}

export function consoleLog(target: Pick<Console, 'warn'> = console): BackgroundLog {
  const line = (details?: Readonly<Record<string, string | number | undefined>>) =>
    details
      ? Object.entries(details)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(' ')
      : '';
  return {
    refused(channel, details) {
      target.warn(`[vaccicard] refused ${channel} ${line(details)}`.trim());
    },
    problem(event, details) {
      target.warn(`[vaccicard] ${event} ${line(details)}`.trim());
    },
  };
}

/** Origin of a URL for the log (`https://app.example.be`), or `opaque`. */
export function originForLog(url: string | undefined): string {
  if (!url) return 'none';
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? 'opaque' : origin;
  } catch {
    return 'unparsable';
  }
}
