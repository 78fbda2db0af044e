import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/**
 * The OpenAPI document, generated from every route's JSON schema, at /api/docs/json, and a
 * browsable page at /api/docs (docs/api.md is the prose beside it).
 */
export function apiDocs(app: FastifyInstance): void {
  app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '台账 Taizhang API',
        description:
          '住建局指标台账与工作总结的 HTTP 接口。登录后会话 Cookie 为 tz_session；除登录外的每个写请求须带 x-csrf-token 请求头（值取自 GET /api/session）。错误统一为 { error: { code, message, details?, problems? } }。',
        version: '0.1.0',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tz_session' } },
      },
    },
    // Shared shapes keep their $id as the component's name (User, LedgerRow, …).
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // As for the web app (security.ts): on a plain-HTTP intranet upgrade-insecure-requests would
    // break the page; and Swagger UI sets inline styles.
    transformStaticCSP: (header) =>
      header
        .replace(/\s*upgrade-insecure-requests;?/, '')
        .replace("style-src 'self' https:", "style-src 'self' 'unsafe-inline'"),
  });
}
