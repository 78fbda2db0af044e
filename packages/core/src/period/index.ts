// 报告期: the span of a year a report covers, and the calendar dates it is printed with.
export * from './calendar-date.js';
export * from './report-period.js';
