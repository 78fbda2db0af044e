import { describe, expect, it } from 'vitest';
import { mapSettled } from './concurrency.js';

describe('mapSettled', () => {
  it('keeps order, reports failures in place and bounds concurrency', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapSettled([1, 2, 3, 4, 5], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5 * (6 - n)));
      running--;
      if (n === 3) throw new Error('three');
      return n * 10;
    });
    expect(peak).toBe(2);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([10, 20, 'failed', 40, 50]);
  });

  it('handles an empty list', async () => {
    expect(await mapSettled([], 4, async () => 1)).toEqual([]);
  });
});
