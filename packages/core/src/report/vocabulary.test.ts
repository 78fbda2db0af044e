import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reportVocabulary } from './engine.js';

/**
 * The report language as documented is the language as built: every filter and tag named in
 * docs/report-template.md is registered and used by a test, and every one registered is
 * documented.
 */

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const DOCS = readFileSync(join(ROOT, 'docs/report-template.md'), 'utf8');

/** The names in the first column of the tables headed `filter`, `tag` or `filter or tag`. */
function documented(): { filters: Set<string>; tags: Set<string> } {
  const filters = new Set<string>();
  const tags = new Set<string>();
  let inTable = false;
  for (const line of DOCS.split('\n')) {
    if (!line.startsWith('|')) {
      inTable = false;
      continue;
    }
    const first = line.split('|')[1]?.trim() ?? '';
    if (/^(filter|tag|filter or tag)$/.test(first)) {
      inTable = true;
      continue;
    }
    if (!inTable) continue;
    for (const [, code] of first.matchAll(/`([^`]+)`/g)) {
      const tag = /^\{%-?\s*([a-z_]+)/.exec(code ?? '');
      if (tag?.[1]) tags.add(tag[1]);
      else {
        const filter = /^([a-z_]+)/.exec(code ?? '');
        if (filter?.[1]) filters.add(filter[1]);
      }
    }
  }
  return { filters, tags };
}

/** Every test source of the report engine and the report service. */
function testSources(): string {
  const dirs = ['packages/core/src/report', 'packages/core/src/report/filters', 'packages/services/src/report'];
  return dirs
    .flatMap((dir) =>
      readdirSync(join(ROOT, dir))
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => readFileSync(join(ROOT, dir, f), 'utf8')),
    )
    .join('\n');
}

describe('the report language and its documentation', () => {
  const built = reportVocabulary();
  const docs = documented();

  it('documents every filter and tag registered, and registers every one documented', () => {
    expect([...docs.filters].sort()).toEqual(built.filters);
    expect([...docs.tags].sort()).toEqual(built.tags);
  });

  it('uses every filter and tag in a test', () => {
    const sources = testSources();
    const untestedFilters = built.filters.filter((name) => !new RegExp(`\\|\\s*${name}\\b`).test(sources));
    const untestedTags = built.tags.filter((name) => !new RegExp(`\\{%-?\\s*${name}\\b`).test(sources));
    expect(untestedFilters).toEqual([]);
    expect(untestedTags).toEqual([]);
  });
});
