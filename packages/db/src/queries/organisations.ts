import type { Organisation } from '@taizhang/core';
import type { Queryable } from '../database.js';
import type { UpsertCount } from './upsert-count.js';

export interface OrganisationRow {
  id: string;
  code: string;
  name: string;
  level: 'district' | 'city';
  parentCode: string | null;
  /** 简称 for report text; null when the dataset gives none */
  shortName: string | null;
}

const SELECT = `select o.id::text as id, o.code, o.name, o.level, p.code as "parentCode", o.short_name as "shortName"
  from organisations o left join organisations p on p.id = o.parent_id`;

export async function listOrganisations(q: Queryable): Promise<OrganisationRow[]> {
  return q.query<OrganisationRow & Record<string, unknown>>(`${SELECT} order by o.code`);
}

export async function findOrganisation(q: Queryable, code: string): Promise<OrganisationRow | undefined> {
  const rows = await q.query<OrganisationRow & Record<string, unknown>>(`${SELECT} where o.code = $1`, [code]);
  return rows[0];
}

/** Inserts or updates an organisation by code (and its parent city, when named); returns its id. */
export async function upsertOrganisation(q: Queryable, org: Organisation, count: UpsertCount): Promise<string> {
  let parentId: string | null = null;
  if (org.parent) {
    parentId = await upsertByCode(
      q,
      { code: org.parent.code, name: org.parent.name, level: 'city', parentId: null, shortName: null },
      null,
    );
  }
  return upsertByCode(
    q,
    { code: org.code, name: org.name, level: org.level, parentId, shortName: org.shortName ?? null },
    count,
  );
}

async function upsertByCode(
  q: Queryable,
  org: { code: string; name: string; level: string; parentId: string | null; shortName: string | null },
  count: UpsertCount | null,
): Promise<string> {
  // A parent city named only in passing keeps the name and short name it already has.
  const updateName = count === null ? 'organisations.name' : 'excluded.name';
  const updateShortName = count === null ? 'organisations.short_name' : 'excluded.short_name';
  const rows = await q.query<{ id: string; inserted: boolean }>(
    `insert into organisations (code, name, level, parent_id, short_name) values ($1, $2, $3, $4::bigint, $5)
     on conflict (code) do update set name = ${updateName}, level = excluded.level, parent_id = excluded.parent_id,
       short_name = ${updateShortName}, version = organisations.version + 1, updated_at = now()
     where (organisations.name, organisations.level, organisations.parent_id, organisations.short_name)
       is distinct from (${updateName}, excluded.level, excluded.parent_id, ${updateShortName})
     returning id::text as id, (xmax = 0) as inserted`,
    [org.code, org.name, org.level, org.parentId, org.shortName],
  );
  const row = rows[0];
  if (row) {
    count?.record(row.inserted ? 'inserted' : 'updated');
    return row.id;
  }
  count?.record('unchanged');
  const existing = await q.query<{ id: string }>('select id::text as id from organisations where code = $1', [
    org.code,
  ]);
  return (existing[0] as { id: string }).id;
}

/**
 * Removes an organisation and, by cascade, everything it holds (the audit trail stays); its
 * ledgers' generated tables are dropped first, rows deleted and audited (migration 0015).
 */
export async function deleteOrganisation(q: Queryable, code: string): Promise<boolean> {
  await q.query('select ledger_tables_drop(id) from organisations where code = $1', [code]);
  const rows = await q.query('delete from organisations where code = $1 returning id', [code]);
  return rows.length > 0;
}
