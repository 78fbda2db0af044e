import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error.js';
import { isApiRoute } from './auth.js';

/** Shown at every page of the web app while packages/web has not been built. */
const NOT_BUILT = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>台账</title></head>
<body><h1>台账</h1>
<p>网页界面尚未构建。请在项目目录运行 <code>npm run build --workspace @taizhang/web</code>，然后刷新本页。</p>
<p>接口文档见 <a href="/api/docs">/api/docs</a>。</p>
</body></html>
`;

/**
 * The web application (packages/web/dist) at `/`: its files as they are, and index.html for
 * any other page path, so the single-page app's own routes work on reload. Built assets carry
 * a content hash in their names and may be cached for a year; index.html never is.
 * Unknown API paths answer a JSON 404, never the page.
 */
export function serveWebApp(app: FastifyInstance, webDist: string): void {
  const built = existsSync(`${webDist}/index.html`);
  if (built) {
    app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      cacheControl: false,
      setHeaders(res, path) {
        res.header('cache-control', /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (isApiRoute(path) || (request.method !== 'GET' && request.method !== 'HEAD')) {
      const error = ApiError.of('NOT_FOUND', { method: request.method, path });
      return reply.status(404).send(error.body());
    }
    if (!built) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
