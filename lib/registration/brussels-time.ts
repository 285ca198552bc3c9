/**
 * The pharmacy's calendar: Belgian local date and time (Europe/Brussels), so
 * "today" and a message's date do not depend on the time zone of the machine
 * (a companion may run in UTC; a vaccination at 00:30 on 1 October is an
 * October vaccination).
 */
export const PHARMACY_TIME_ZONE = 'Europe/Brussels';

export interface LocalDateTime {
  /** `YYYY-MM-DD`. */
  date: string;
  /** `HH:MM:SS`, 24-hour. */
  time: string;
}

let format: Intl.DateTimeFormat | undefined;

/**
 * Made on first use, not when the module loads: the time-zone formatter
 * brings in ICU's time-zone and calendar data (~8 MB resident in the
 * companion), which a process that never asks for a Belgian date never needs.
 */
function brusselsFormat(): Intl.DateTimeFormat {
  format ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: PHARMACY_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return format;
}

/** Belgian local date and time of an instant. Throws a RangeError for an invalid Date. */
export function brusselsDateTime(now: Date): LocalDateTime {
  if (Number.isNaN(now.getTime())) throw new RangeError('brusselsDateTime: invalid date');
  const parts: Record<string, string> = {};
  for (const p of brusselsFormat().formatToParts(now)) parts[p.type] = p.value;
  const year = (parts.year ?? '').padStart(4, '0');
  return {
    date: `${year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
  };
}

/** Today's Belgian date. */
export function brusselsToday(now: Date): string {
  return brusselsDateTime(now).date;
}
