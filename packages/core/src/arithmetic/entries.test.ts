import { describe, expect, it } from 'vitest';
import { valuesByPeriod } from './entries.js';

describe('entries 填报值', () => {
  it('reads values, or comparable bases, by period', () => {
    const byPeriod = valuesByPeriod([
      { period: 1, value: '2.10', comparableBase: '1.95' },
      { period: 2, value: '3' },
    ]);
    expect(byPeriod.get(1)?.toString()).toBe('2.1');
    expect(byPeriod.get(2)?.toString()).toBe('3');
    const bases = valuesByPeriod([{ period: 1, value: '2.10', comparableBase: '1.95' }], 'comparableBase');
    expect(bases.get(1)?.toString()).toBe('1.95');
  });

  it('treats text that is not a finite decimal as not entered', () => {
    const byPeriod = valuesByPeriod([
      { period: 1, value: 'abc' },
      { period: 2, value: 'NaN' },
      { period: 3, value: '1' },
    ]);
    expect([...byPeriod.keys()]).toEqual([3]);
  });

  it('counts the later of two entries for one period, never both', () => {
    const byPeriod = valuesByPeriod([
      { period: 4, value: '5' },
      { period: 4, value: '6' },
    ]);
    expect(byPeriod.get(4)?.toString()).toBe('6');
  });
});
