/**
 * Everything the server can ask of the database, assembled from the features: each operation
 * takes the Database and plain JSON-serialisable arguments and returns plain data. They run in
 * the backend worker (backend/worker.ts), never on the HTTP thread; the HTTP thread names them
 * by key (backend.call('dashboard', …)) and sees only their types.
 *
 * Authorisation happens before an operation is called (the route's permission); what an
 * operation receives as `scope` is the one section a clerk's write is confined to, or null.
 */
import { auditOperations } from './audit/operations.js';
import { contextOperations } from './context/operations.js';
import { demoOperations } from './demo/operations.js';
import { indicatorOperations } from './indicators/operations.js';
import { ledgerTypeOperations } from './ledger-types/operations.js';
import { ledgerOperations } from './ledgers/operations.js';
import { reportOperations } from './reports/operations.js';
import { sessionOperations } from './session/operations.js';
import { targetOperations } from './targets/operations.js';
import { templateOperations } from './templates/operations.js';
import { userOperations } from './users/operations.js';
import { workOperations } from './work/operations.js';
import { workbookOperations } from './workbooks/operations.js';

type Merged<T extends readonly object[]> = T extends readonly [infer Head, ...infer Tail extends readonly object[]]
  ? Head & Merged<Tail>
  : unknown;

/** The features' operations as one registry; a name two features both use is a fault caught at start. */
export function assemble<T extends readonly object[]>(...features: T): Merged<T> {
  const registry: Record<string, unknown> = {};
  for (const feature of features) {
    for (const [name, operation] of Object.entries(feature)) {
      if (Object.hasOwn(registry, name)) throw new Error(`backend operation ${name} is defined twice`);
      registry[name] = operation;
    }
  }
  return registry as Merged<T>;
}

export const operations = assemble(
  demoOperations,
  sessionOperations,
  contextOperations,
  indicatorOperations,
  targetOperations,
  ledgerOperations,
  workbookOperations,
  ledgerTypeOperations,
  workOperations,
  reportOperations,
  templateOperations,
  auditOperations,
  userOperations,
);

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationArgs<K extends OperationName> = Parameters<Operations[K]>[1];
export type OperationResult<K extends OperationName> = Awaited<ReturnType<Operations[K]>>;
