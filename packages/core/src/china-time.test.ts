import { describe, expect, it } from 'vitest';
import { toChinaInstant } from './china-time.js';

describe('toChinaInstant', () => {
  it('reads a bare date as midnight Beijing time', () => {
    expect(toChinaInstant('2021-11-08')).toBe('2021-11-08T00:00:00+08:00');
    expect(new Date(toChinaInstant('2021-11-08')).toISOString()).toBe('2021-11-07T16:00:00.000Z');
  });

  it('reads a date-time without zone as Beijing time, with a space or a T', () => {
    expect(toChinaInstant('2021-11-08 09:30')).toBe('2021-11-08T09:30+08:00');
    expect(toChinaInstant('2021-11-08T09:30:15')).toBe('2021-11-08T09:30:15+08:00');
  });

  it('keeps an explicit zone', () => {
    expect(toChinaInstant('2021-11-08T09:30:00Z')).toBe('2021-11-08T09:30:00Z');
    expect(toChinaInstant('2021-11-08T09:30:00-05:00')).toBe('2021-11-08T09:30:00-05:00');
  });
});
