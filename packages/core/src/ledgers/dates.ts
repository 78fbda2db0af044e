/**
 * Dates and date-times of ledger rows, compared as the bureau means them: a date-time
 * without an offset, and a date alone, are Beijing time (UTC+08:00, no daylight saving).
 */

const CHINA_OFFSET_MINUTES = 8 * 60;

const WRITTEN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|([+-])(\d{2}):?(\d{2}))?)?$/;

/** A moment read from a dataset field. */
export interface Moment {
  /** milliseconds since the epoch; a date alone is its midnight in Beijing */
  millis: number;
  /** the calendar date in Beijing, 2021-03-02 */
  chinaDate: string;
  /** true when only a date was written, so only the day is known */
  dateOnly: boolean;
}

/** The moment a date or date-time denotes, or undefined when it is no real one (2021-02-30, 25:00). */
export function readMoment(text: string): Moment | undefined {
  const match = WRITTEN.exec(text);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, zone, sign, zh, zm] = match;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const [hour, minute, second] = [Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)];
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !leapYear(year) ? 1 : 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = CHINA_OFFSET_MINUTES;
  if (zone === 'Z') offset = 0;
  else if (zone !== undefined) {
    if (Number(zh) > 14 || Number(zm) > 59) return undefined;
    offset = (sign === '-' ? -1 : 1) * (Number(zh) * 60 + Number(zm));
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute - offset, second, 0);
  const millis = utc.getTime();
  const china = new Date(millis + CHINA_OFFSET_MINUTES * 60_000);
  const chinaDate = `${String(china.getUTCFullYear()).padStart(4, '0')}-${pad(china.getUTCMonth() + 1)}-${pad(china.getUTCDate())}`;
  return { millis, chinaDate, dateOnly: h === undefined };
}

function leapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Whether `later` is before `earlier`. Two date-times are compared as instants (a date-time
 * written as a date alone is that day's midnight in Beijing); a date is compared with the
 * Beijing day of the other, so a due date may be the very day a complaint was received.
 */
export function isBefore(
  later: Moment,
  earlier: Moment,
  kinds: { later: 'date' | 'dateTime'; earlier: 'date' | 'dateTime' },
): { before: boolean; byDay: boolean } {
  const byDay = kinds.later === 'date' || kinds.earlier === 'date';
  return { before: byDay ? later.chinaDate < earlier.chinaDate : later.millis < earlier.millis, byDay };
}
