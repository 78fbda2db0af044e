import type { LedgerType, LedgerTypeList } from '@taizhang/contract';
import type { LedgerTypeDefinition } from '@taizhang/core/browser';
import { request } from '../../api/client.js';

/** 台账设置's endpoints (@taizhang/contract's ledgerTypes routes), as api/endpoints.ts writes the others. */
export const ledgerTypesApi = {
  list: (signal?: AbortSignal) => request<LedgerTypeList>('GET', '/api/ledger-types', signal ? { signal } : {}),
  create: (definition: LedgerTypeDefinition) =>
    request<LedgerType>('POST', '/api/ledger-types', { body: { definition } }),
  change: (code: string, version: number, definition: LedgerTypeDefinition) =>
    request<LedgerType>('PUT', `/api/ledger-types/${encodeURIComponent(code)}`, { body: { version, definition } }),
};
