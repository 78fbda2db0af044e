// Reports the gzipped size of every built chunk and checks the initial JavaScript budget:
// the entry script and the chunks index.html preloads, which every first visit downloads.
// Usage (after `vite build`): node scripts/bundle-size.mjs [budget KB, default 600]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const budgetKb = Number(process.argv[2] ?? 600);
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set(
  [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/?(assets\/[^"]+\.js)"/g)].map(
    (match) => match[1],
  ),
);

const kb = (bytes) => (bytes / 1024).toFixed(1);
const chunks = readdirSync(join(dist, 'assets'))
  .filter((name) => name.endsWith('.js'))
  .map((name) => {
    const bytes = readFileSync(join(dist, 'assets', name));
    const path = `assets/${name}`;
    return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, initial: initial.has(path) };
  })
  .sort((a, b) => b.gzip - a.gzip);

for (const chunk of chunks) {
  console.log(
    `${chunk.initial ? 'initial' : 'lazy   '}  ${kb(chunk.gzip).padStart(7)} KB gzip  ${kb(chunk.raw).padStart(7)} KB  ${chunk.path}`,
  );
}
const total = chunks.filter((chunk) => chunk.initial).reduce((sum, chunk) => sum + chunk.gzip, 0);
const echartsInitial = chunks.some(
  (chunk) => chunk.initial && readFileSync(join(dist, chunk.path), 'utf8').includes('echarts'),
);
// The web takes core's browser entry only: a server library in any chunk means an import went
// around it. Each is recognised by a text it keeps through minification.
const SERVER_LIBRARIES = { ajv: 'must have required property', yaml: 'YAMLParseError', liquidjs: 'TokenizationError' };
const serverLibraries = Object.entries(SERVER_LIBRARIES)
  .filter(([, mark]) => chunks.some((chunk) => readFileSync(join(dist, chunk.path), 'utf8').includes(mark)))
  .map(([name]) => name);
console.log(`initial JavaScript: ${kb(total)} KB gzip (budget ${budgetKb} KB), ${initial.size} files`);
if (echartsInitial) console.log('ECharts is in the initial JavaScript: it must load only with the dashboard');
if (serverLibraries.length > 0) console.log(`server libraries in the bundle: ${serverLibraries.join(', ')}`);
if (total > budgetKb * 1024 || echartsInitial || serverLibraries.length > 0) process.exit(1);
