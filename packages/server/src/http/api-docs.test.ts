import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../server.js';
import { offlineBackend as offline } from '../server.test-helpers.js';

/**
 * docs/api.md against the OpenAPI document the server serves (generated from the contract):
 * the same routes, each with the same permission, query parameters, body fields and answer
 * shapes; and each shape the prose defines ("`Value` is `{ … }`") with the component's
 * fields. Change a route or a shape and this fails until the page says so too.
 */

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
}

interface Operation {
  description?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** One route as a table of docs/api.md states it. */
interface DocumentedRoute {
  key: string;
  permission: string;
  request: string;
  answer: string;
}

/** The cells of a table row; `\|` inside a cell is text, not a border. */
function cells(line: string): string[] {
  return line
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

function documentedRoutes(markdown: string): DocumentedRoute[] {
  const routes: DocumentedRoute[] = [];
  let header: string[] = [];
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      header = [];
      continue;
    }
    const row = cells(line);
    if (row[0] === 'method') {
      header = row;
      continue;
    }
    if (!/^(GET|POST|PUT|PATCH|DELETE)$/.test(row[0] ?? '')) continue;
    const at = (name: string) => {
      const index = header.findIndex((h) => h.includes(name));
      return index < 0 ? '' : (row[index] ?? '');
    };
    routes.push({
      key: `${row[0]} ${(row[1] ?? '').replace(/`/g, '')}`,
      permission: at('permission'),
      request: at('body') || at('query'),
      answer: at('answer'),
    });
  }
  return routes;
}

/** The first code span of a text that starts with `start`. */
function codeSpan(text: string, start: string): string | undefined {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '').find((code) => code.startsWith(start));
}

/** The top-level names of `{ a, b?: …, c: { … } }`, each with whether it is optional. */
function topLevelFields(object: string): Map<string, boolean> {
  const inner = object.trim().replace(/^\{/, '').replace(/\}$/, '');
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of inner) {
    if ('{[('.includes(char)) depth++;
    if ('}])'.includes(char)) depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  const fields = new Map<string, boolean>();
  for (const part of parts) {
    const name = /^\s*([A-Za-z_]\w*)(\?)?/.exec(part);
    if (name?.[1] !== undefined) fields.set(name[1], name[2] === '?');
  }
  return fields;
}

/** The shared shapes an answer schema names: its own and, through them, theirs. */
function reachable(schema: Schema | undefined, components: OpenApi['components']['schemas'], seen = new Set<string>()) {
  if (schema === undefined) return seen;
  const name = schema.$ref?.replace('#/components/schemas/', '');
  if (name !== undefined && !seen.has(name)) {
    seen.add(name);
    reachable(components[name], components, seen);
  }
  for (const child of [...Object.values(schema.properties ?? {}), schema.items, ...(schema.anyOf ?? [])]) {
    reachable(child, components, seen);
  }
  return seen;
}

/** The shape an answer is built on: the schema itself, its items, or a page's rows. */
function mainShape(schema: Schema | undefined): string | undefined {
  const named = (s: Schema | undefined) => s?.$ref?.replace('#/components/schemas/', '');
  return named(schema) ?? named(schema?.items) ?? named(schema?.properties?.rows?.items);
}

describe('docs/api.md and the OpenAPI document', () => {
  let app: FastifyInstance;
  let spec: OpenApi;
  let documented: DocumentedRoute[];
  const operations = () =>
    Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        key: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
        operation,
      })),
    );
  const documentedOf = (key: string) => documented.find((route) => route.key === key);

  beforeAll(async () => {
    app = buildServer({ backend: offline, logger: false, webDist: '/nonexistent' });
    await app.ready();
    spec = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as OpenApi;
    documented = documentedRoutes(await readFile(new URL('../../../../docs/api.md', import.meta.url), 'utf8'));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists the same routes, each once', () => {
    const served = operations().map((o) => o.key);
    const keys = documented.map((route) => route.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(served.sort());
  });

  it('names the permission each route requires', () => {
    for (const { key, operation } of operations()) {
      const declared = /所需权限：(\S+)|^(无需登录)/.exec(operation.description ?? '');
      const permission = declared?.[1] ?? (declared?.[2] === undefined ? undefined : 'public');
      expect.soft(documentedOf(key)?.permission, key).toBe(permission);
    }
  });

  it('names every query parameter a route takes, and no other', () => {
    for (const { key, operation } of operations()) {
      const served = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const query = codeSpan(documentedOf(key)?.request ?? '', '?');
      const named =
        query === undefined
          ? []
          : query
              .slice(1)
              .split('&')
              .map((p) => p.split('=')[0] ?? '');
      expect.soft(named.sort(), key).toEqual(served.sort());
    }
  });

  it('names every body field a route takes, optional where the schema does not require it', () => {
    for (const { key, operation } of operations()) {
      const schema = operation.requestBody?.content['application/json']?.schema;
      const body = codeSpan(documentedOf(key)?.request ?? '', '{');
      if (schema === undefined) {
        expect.soft(body, `${key} takes no body`).toBeUndefined();
        continue;
      }
      expect.soft(body, `${key} documents its body`).toBeDefined();
      const served = new Map(
        Object.keys(schema.properties ?? {}).map((name) => [name, !(schema.required ?? []).includes(name)]),
      );
      expect.soft(topLevelFields(body ?? ''), key).toEqual(served);
    }
  });

  it('names the shape each answer is built on, and only shapes the answer holds', () => {
    const components = spec.components.schemas;
    for (const { key, operation } of operations()) {
      const success = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      const schemas = success.map(([, r]) => r.content?.['application/json']?.schema);
      const holds = new Set(schemas.flatMap((s) => [...reachable(s, components)]));
      // The success part of the answer: up to the first refusal (4xx/5xx) it goes on to.
      const answer = (documentedOf(key)?.answer ?? '').split(/;\s*(?:4|5)\d\d\b/)[0] ?? '';
      const named = [...answer.matchAll(/\b([A-Z][A-Za-z]+)\b/g)]
        .map((m) => m[1] ?? '')
        .filter((name) => name in components);
      for (const name of named) expect.soft(holds, `${key} answers no ${name}`).toContain(name);
      for (const schema of schemas) {
        const main = mainShape(schema);
        if (main !== undefined) expect.soft(named, `${key} should name ${main}`).toContain(main);
      }
    }
  });

  it('gives each shape it defines the fields of the served component', async () => {
    const markdown = await readFile(new URL('../../../../docs/api.md', import.meta.url), 'utf8');
    const definitions = [...markdown.matchAll(/`([A-Z][A-Za-z]+)`[^`]{0,80}? is `(\{[^`]+\})`/g)];
    expect(definitions.length).toBeGreaterThan(10);
    for (const [, name = '', object = ''] of definitions) {
      const component = spec.components.schemas[name];
      expect.soft(component, `${name} is a served shape`).toBeDefined();
      const fields = [...topLevelFields(object).keys()].sort();
      expect.soft(fields, name).toEqual(Object.keys(component?.properties ?? {}).sort());
    }
  });
});
