import type { FastifyReply } from 'fastify';

/**
 * A JSON answer already serialised by the backend worker (Backend.callJson): sent as it
 * is, since Fastify passes a string payload through untouched. The route's response schema
 * still documents it in the OpenAPI document.
 */
export function jsonText<R extends FastifyReply>(reply: R, text: string): R {
  return reply.type('application/json; charset=utf-8').send(text) as R;
}
