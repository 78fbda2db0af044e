import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Each workspace package's entry points name a source file that exists, and the build output
 * it compiles to. Tests resolve the `source` condition, so only this check notices an entry
 * point left behind when a module moves (the benchmarks and the installed command use `default`).
 */
const PACKAGES = join(import.meta.dirname, '..', '..');

interface Entry {
  source: string;
  types: string;
  default: string;
}

const entries = readdirSync(PACKAGES).flatMap((name) => {
  const manifest = join(PACKAGES, name, 'package.json');
  if (!existsSync(manifest)) return [];
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, Entry> };
  return Object.entries(exports ?? {}).map(([path, entry]) => ({ name, path, entry }));
});

describe('workspace entry points', () => {
  it('finds the packages', () => {
    expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(['core', 'services', 'server']));
  });

  it.each(entries)('$name $path names an existing source and its build output', ({ name, entry }) => {
    expect(existsSync(join(PACKAGES, name, entry.source)), entry.source).toBe(true);
    const built = entry.source.replace(/^\.\/src\//, './dist/').replace(/\.ts$/, '');
    expect(entry.default).toBe(`${built}.js`);
    expect(entry.types).toBe(`${built}.d.ts`);
  });
});
