import { describe, expect, it } from 'vitest';
import { closestName } from './suggest.js';

describe('closestName', () => {
  const fields = ['indicator', 'year', 'month', 'quarter', 'value', 'comparableBase'];

  it('finds a typo, a swap of neighbours and a different case', () => {
    expect(closestName('valeu', fields)).toBe('value');
    expect(closestName('indicatr', fields)).toBe('indicator');
    expect(closestName('Month', fields)).toBe('month');
    expect(closestName('comparablebase', fields)).toBe('comparableBase');
  });

  it('suggests nothing when no name is close', () => {
    expect(closestName('address', fields)).toBeUndefined();
    expect(closestName('x', [])).toBeUndefined();
  });
});
