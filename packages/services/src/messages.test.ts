import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('.', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.ts$/.test(entry.name) && !/\.test(-helpers)?\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** A Chinese text literal: what bureau staff can be shown. */
const CHINESE_LITERAL = /(['`])((?:(?!\1)[^\\\n]|\\.)*[\u4e00-\u9fff](?:(?!\1)[^\\\n]|\\.)*)\1/g;

describe("the services' messages", () => {
  it('name no command-line flag or command: the web app shows them too, and each shell adds its own hint', () => {
    const offending: string[] = [];
    for (const file of sources(SRC)) {
      for (const [, , text] of readFileSync(file, 'utf8').matchAll(CHINESE_LITERAL)) {
        if (/(^|[\s（，：；])--[a-z]|taizhang [a-z]|标准输出/.test(text ?? '')) offending.push(`${file}: ${text}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
