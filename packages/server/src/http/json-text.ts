import type { FastifyReply } from 'fastify';

/**
 * A JSON answer already serialised by the backend worker (Backend.callJson): sent as it
 * is, since Fastify passes a string payload through untouched. The route's response schema
 * still documents it in the OpenAPI document.
 */
export function jsonText(reply: FastifyReply, text: string): string {
  reply.type('application/json; charset=utf-8');
  return text;
}
