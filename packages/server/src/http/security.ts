import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every answer (@fastify/helmet), with a Content Security Policy the
 * built single-page app lives within: its own scripts only; inline styles, which Ant
 * Design's CSS-in-JS injects at run time; images from itself and data: URLs (ECharts'
 * exports, antd's icons). No framing by other sites. `upgrade-insecure-requests` is left out:
 * a bureau's intranet often serves plain HTTP, where it would break every script.
 * The OpenAPI page brings its own, stricter policy (@fastify/swagger-ui's staticCSP).
 */
export function securityHeaders(app: FastifyInstance): void {
  app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
    },
    // Cross-origin isolation would block nothing here and break opening downloaded reports in some browsers.
    crossOriginEmbedderPolicy: false,
  });
}
