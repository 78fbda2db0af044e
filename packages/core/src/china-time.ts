/**
 * Bare dates and times in a dataset are Beijing time (UTC+08:00, no daylight saving):
 * the bureau writes "2021-11-08", and it must mean the same instant on every server,
 * whatever the server's own time zone.
 */
export function toChinaInstant(written: string): string {
  const text = written.trim().replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T00:00:00+08:00`;
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(text)) return text;
  return `${text}+08:00`;
}
