export { type Backend, startBackend, WORKER_FILE } from './backend/backend.js';
export type { OperationArgs, OperationName, OperationResult, Operations } from './backend/operations.js';
export type { DatabaseLocation } from './backend/protocol.js';
export { CACHED_OPERATIONS, ReadCache } from './backend/read-cache.js';
export { ApiError } from './http/api-error.js';
export { SESSION_COOKIE } from './http/auth.js';
export type { EventLoopDelay } from './http/event-loop.js';
export { buildServer, DEFAULT_WEB_DIST, type ServerOptions } from './server.js';
export { type RunningServer, type StartOptions, startServer } from './start.js';
