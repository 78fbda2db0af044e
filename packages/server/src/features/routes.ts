/**
 * Every feature's routes, registered on the HTTP thread. A feature is a folder: its routes
 * (routes.ts, HTTP thread), its operations (operations.ts, backend worker) and their tests;
 * its schemas are the contract's (`@taizhang/contract`, routes/<feature>.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Backend } from '../backend/backend.js';
import type { EventLoopDelay } from '../http/event-loop.js';
import type { LoginThrottle } from '../http/login-throttle.js';
import { auditRoutes } from './audit/routes.js';
import { contextRoutes } from './context/routes.js';
import { indicatorRoutes } from './indicators/routes.js';
import { ledgerTypeRoutes } from './ledger-types/routes.js';
import { ledgerRoutes } from './ledgers/routes.js';
import { reportRoutes } from './reports/routes.js';
import { sessionRoutes } from './session/routes.js';
import { targetRoutes } from './targets/routes.js';
import { templateRoutes } from './templates/routes.js';
import { userRoutes } from './users/routes.js';
import { workRoutes } from './work/routes.js';
import { workbookRoutes } from './workbooks/routes.js';

/** What a feature's routes may be given: the worker, the clock, the event loop's delay, the sign-in delays. */
export interface FeatureDeps {
  backend: Backend;
  clock: () => Date;
  eventLoop: EventLoopDelay;
  throttle: LoginThrottle;
}

/** The features, in the order the OpenAPI document lists them. */
const FEATURES: readonly FastifyPluginAsyncTypebox<FeatureDeps>[] = [
  contextRoutes,
  sessionRoutes,
  indicatorRoutes,
  targetRoutes,
  ledgerRoutes,
  workbookRoutes,
  ledgerTypeRoutes,
  workRoutes,
  reportRoutes,
  templateRoutes,
  auditRoutes,
  userRoutes,
];

export function registerFeatures(app: FastifyInstance, deps: FeatureDeps): void {
  for (const routes of FEATURES) app.register(routes, deps);
}
