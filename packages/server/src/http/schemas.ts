import { SHARED_SHAPES } from '@taizhang/contract';
import type { FastifyInstance } from 'fastify';

/**
 * The contract's shared shapes (User, IndicatorFigures, LedgerRow, …), registered once by $id
 * so that routes refer to them and the OpenAPI document lists them as components.
 */
export function addSharedSchemas(app: FastifyInstance): void {
  for (const shape of SHARED_SHAPES) app.addSchema(shape);
}
