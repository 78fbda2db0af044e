import { LEDGERS, type LedgerCode } from '@taizhang/core';
import type { Queryable } from '../database.js';

/**
 * How many rows a ledger list filter matches, for paging (总数): the same filter as
 * listLedgerRows (a section code; text in the ref or any text field, case-insensitive).
 * Table and column names come from the catalogue, never from a user.
 */
export async function countLedgerRows(
  q: Queryable,
  orgId: string,
  code: LedgerCode,
  filter: { section?: string | undefined; search?: string | undefined },
): Promise<number> {
  const params: unknown[] = [orgId];
  const where = ['t.org_id = $1'];
  if (filter.section !== undefined) {
    params.push(filter.section);
    where.push(`s.code = $${params.length}`);
  }
  if (filter.search !== undefined && filter.search !== '') {
    params.push(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const texts = ['ref', ...LEDGERS[code].columns.filter((c) => c.sqlType === 'text').map((c) => c.column)];
    where.push(`(${texts.map((column) => `t."${column}" ilike $${params.length}`).join(' or ')})`);
  }
  const [row] = await q.query<{ total: number }>(
    `select count(*)::int as total from "${LEDGERS[code].table}" t
       join sections s on s.org_id = t.org_id and s.id = t.section_id
     where ${where.join(' and ')}`,
    params,
  );
  return row?.total ?? 0;
}
