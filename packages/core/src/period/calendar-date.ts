/** A day of the calendar, without a time or a zone: a 成文日期, a period's last day. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Days in a month of the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 2021-10-31 */
export function isoDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** 2021年10月31日, as a 公文 prints its 成文日期. */
export function chineseDate(date: CalendarDate): string {
  return `${date.year}年${date.month}月${date.day}日`;
}

/** A date as printed, "2021年10月31日", or ISO "2021-10-31"; undefined when it is neither, or not a day of the calendar. */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const match = /^\s*(\d{4})(?:年|-)(\d{1,2})(?:月|-)(\d{1,2})日?\s*$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}
