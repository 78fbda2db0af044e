import type { FastifyReply } from 'fastify';

/** `Content-Disposition` naming the file in ASCII and, for browsers that read it, in Chinese (RFC 6266). */
export function attachment<R extends FastifyReply>(reply: R, filename: string, displayName: string): R {
  return reply.header(
    'content-disposition',
    `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(displayName)}`,
  ) as R;
}
