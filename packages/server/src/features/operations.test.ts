import { describe, expect, it } from 'vitest';
import { assemble, operations } from './operations.js';

describe('the backend registry assembled from the features', () => {
  it('holds every feature’s operations under their own names', () => {
    const one = { a: async () => 1 };
    const two = { b: async () => 2, c: async () => 3 };
    const registry = assemble(one, two);
    expect(Object.keys(registry)).toEqual(['a', 'b', 'c']);
    expect(registry.b).toBe(two.b);
  });

  it('refuses two features that name an operation alike, rather than let one shadow the other', () => {
    expect(() => assemble({ dashboard: async () => 1 }, { dashboard: async () => 2 })).toThrow(
      'backend operation dashboard is defined twice',
    );
  });

  it('has the operations the routes and the start-up call', () => {
    for (const name of ['recreateDemo', 'findSession', 'dashboard', 'reportFile', 'saveTarget', 'auditCsv']) {
      expect(typeof operations[name as keyof typeof operations]).toBe('function');
    }
  });
});
