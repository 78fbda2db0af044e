import type { Queryable } from '../database.js';

/**
 * The organisation's data version (migration 0010): it moves with every committed change to
 * the organisation's audited data, so a result computed at one version holds while it stands.
 * '0' for an organisation nothing has been written for yet.
 */
export async function dataVersion(q: Queryable, orgId: string): Promise<string> {
  const [row] = await q.query<{ version: string }>(
    'select version::text as version from data_versions where org_id = $1',
    [orgId],
  );
  return row?.version ?? '0';
}
